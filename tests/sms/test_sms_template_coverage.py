"""Every SMS template of the procedures has a provider template in the mapping, whose parameters
are exactly the variables the template uses (so the provider gets every value it needs)."""
from __future__ import annotations

import pytest
from jinja2 import meta

from tasks.core.render import TEMPLATES, environment
from tasks.core.sms.templates_map import SMS_HEADER, slices_template_map

MAPPING = slices_template_map()
SMS = sorted(TEMPLATES.glob("*/*.sms.txt"))


@pytest.mark.parametrize("path", SMS, ids=lambda p: p.name.removesuffix(".sms.txt"))
def test_each_sms_template_maps_to_both_providers_with_its_variables(path):
    used = meta.find_undeclared_variables(environment(False).parse(path.read_text(encoding="utf-8")))
    entry = MAPPING.get(path.name.removesuffix(".sms.txt"))
    assert set(entry.aliyun.params) == used and set(entry.tencent.params) == used


@pytest.mark.parametrize("path", SMS, ids=lambda p: p.name.removesuffix(".sms.txt"))
def test_the_provider_header_of_an_sms_template_is_not_sent(path):
    """The entry sits in a Jinja comment at the template's top: nothing of it, not even its line's end,
    comes before the message's text."""
    header = SMS_HEADER.match(path.read_text(encoding="utf-8"))
    assert environment(False).from_string(header.group(0) + "【行政服务中心】").render() == "【行政服务中心】"
