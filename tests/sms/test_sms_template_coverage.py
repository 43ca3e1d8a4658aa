"""Every SMS template of the procedures has a provider template in the mapping, whose parameters
are exactly the variables the template uses (so the provider gets every value it needs)."""
from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import meta

from tasks.core.render import TEMPLATES, environment
from tasks.core.sms.templates_map import SMS_CODES, load_template_map, slices_template_map

MAPPING = slices_template_map()
SMS = sorted(TEMPLATES.glob("*/*.sms.txt"))


@pytest.mark.parametrize("path", SMS, ids=lambda p: p.name.removesuffix(".sms.txt"))
def test_each_sms_template_maps_to_both_providers_with_its_variables(path):
    used = meta.find_undeclared_variables(environment(False).parse(path.read_text(encoding="utf-8")))
    entry = MAPPING.get(path.name.removesuffix(".sms.txt"))
    assert set(entry.aliyun.params) == used and set(entry.tencent.params) == used


@pytest.mark.parametrize("codes", sorted(TEMPLATES.glob(f"*/{SMS_CODES}")), ids=lambda p: p.parent.name)
def test_a_slice_maps_only_its_own_sms_templates(codes):
    own = {path.name.removesuffix(".sms.txt") for path in codes.parent.glob("*.sms.txt")}
    assert set(load_template_map(codes).root) == own
