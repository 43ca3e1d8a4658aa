"""Every SMS template of the procedures has a provider template in the mapping, whose parameters
are exactly the variables the template uses (so the provider gets every value it needs)."""
from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import meta

from tasks.core.render import TEMPLATES, environment
from tasks.core.sms.templates_map import load_template_map

MAPPING = load_template_map(Path(__file__).resolve().parents[2] / "examples" / "sms_templates.yaml")
SMS = sorted(TEMPLATES.glob("*/*.sms.txt"))


@pytest.mark.parametrize("path", SMS, ids=lambda p: p.name.removesuffix(".sms.txt"))
def test_each_sms_template_maps_to_both_providers_with_its_variables(path):
    used = meta.find_undeclared_variables(environment(False).parse(path.read_text(encoding="utf-8")))
    entry = MAPPING.get(path.name.removesuffix(".sms.txt"))
    assert set(entry.aliyun.params) == used and set(entry.tencent.params) == used
