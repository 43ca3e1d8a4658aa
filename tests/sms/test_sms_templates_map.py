"""The template mapping: loading, bodies for each provider, and an end-to-end send."""
from __future__ import annotations

import json
from pathlib import Path

import apprise
import pytest
from fake_sms_server import aliyun_url, tencent_url

from models.core.errors import InvalidInput, NotFound
from tasks.core.sms.errors import SmsConfigError
from tasks.core.sms.templates_map import (build_sms_body, configured_template_map, load_template_map,
                                         parse_template_map, slices_template_map)

EXAMPLE = Path(__file__).resolve().parents[2] / "tasks" / "core" / "sms" / "example_templates.yaml"
VALUES = {"name": "张三", "date": "3月5日", "unused": "x"}


@pytest.fixture
def mapping():
    return load_template_map(EXAMPLE)


def test_example_file_builds_a_body_for_each_provider(mapping) -> None:
    assert json.loads(build_sms_body(mapping, "appointment_reminder", "aliyun", VALUES)) == {
        "name": "张三", "date": "3月5日"}
    assert json.loads(build_sms_body(mapping, "appointment_reminder", "tencent", VALUES)) == [
        "张三", "3月5日"]


def test_values_are_rendered_as_strings_in_the_templates_order(mapping) -> None:
    body = build_sms_body(mapping, "work_item_due", "tencent", {"due": "3月6日", "count": 3, "window": "社保"})
    assert json.loads(body) == ["社保", "3", "3月6日"]


def test_a_missing_value_is_named(mapping) -> None:
    with pytest.raises(InvalidInput) as caught:
        build_sms_body(mapping, "case_completed", "aliyun", {"name": "张三", "matter": ""})
    assert caught.value.message == "缺少参数：matter、deadline"
    assert "case_completed" in str(caught.value)


def test_unknown_template_and_unmapped_provider_are_refused(mapping) -> None:
    with pytest.raises(NotFound):
        build_sms_body(mapping, "no_such_template", "aliyun", VALUES)
    only_aliyun = parse_template_map("t: {aliyun: {code: SMS_1, params: []}}")
    assert build_sms_body(only_aliyun, "t", "aliyun", {}) == "{}"
    with pytest.raises(InvalidInput, match="未配置腾讯云模板"):
        build_sms_body(only_aliyun, "t", "tencent", {})


@pytest.mark.parametrize("text", [
    "t: {aliyun: {code: '123', params: []}}",  # not an SMS_ code
    "t: {tencent: {id: abc}}",  # not a numeric id
    "t: {aliyun: {code: SMS_1, params: [a, a]}}",  # duplicate parameter
    "t: {huawei: {code: x}}",  # unknown provider
    "t: [unclosed",
])
def test_invalid_mapping_is_a_config_error(text) -> None:
    with pytest.raises(SmsConfigError):
        parse_template_map(text)


def test_built_bodies_are_accepted_by_the_plugins(mapping, aliyun, tencent) -> None:
    apobj = apprise.Apprise()
    assert apobj.add(aliyun_url(aliyun.endpoint, "13900139000"), tag="aliyun")
    assert apobj.add(tencent_url(tencent.endpoint, "13900139000", template="1000002"), tag="tencent")
    values = {"name": "张三", "matter": "营业执照", "deadline": "3月8日"}
    for provider in ("aliyun", "tencent"):
        assert apobj.notify(build_sms_body(mapping, "case_completed", provider, values), tag=provider)
    assert json.loads(aliyun.received[0].params["TemplateParam"]) == {
        "name": "张三", "matter": "营业执照", "deadline": "3月8日"}
    assert json.loads(tencent.received[0].body)["TemplateParamSet"] == ["张三", "营业执照", "3月8日"]


def _sms(root: Path, slice_: str, name: str, header: str) -> None:
    (root / slice_).mkdir(exist_ok=True)
    (root / slice_ / f"{name}.sms.txt").write_text(f"{header}【行政服务中心】{{{{ case_ref }}}}", encoding="utf-8")


def test_the_sms_templates_headers_are_merged_and_a_template_named_twice_is_refused(tmp_path) -> None:
    _sms(tmp_path, "leave", "leave_sign", '{#- 对照\ntencent: {id: "1", params: [case_ref]}\n-#}\n')
    _sms(tmp_path, "complaint", "complaint_step", "{#- 对照\naliyun: {code: SMS_2, params: [step]}\n-#}\n")
    merged = slices_template_map(tmp_path)
    assert merged.get("leave_sign").tencent.id == "1" and merged.get("complaint_step").aliyun.code == "SMS_2"
    _sms(tmp_path, "matter", "leave_sign", '{#- 对照\ntencent: {id: "3", params: [case_ref]}\n-#}\n')
    with pytest.raises(SmsConfigError) as caught:
        slices_template_map(tmp_path)
    assert "leave_sign 已在其他目录配置" in str(caught.value)


def test_an_sms_template_without_its_header_or_with_a_bad_one_is_refused(tmp_path) -> None:
    _sms(tmp_path, "leave", "leave_sign", "")
    with pytest.raises(SmsConfigError, match="开头没有服务商模板对照"):
        slices_template_map(tmp_path)
    _sms(tmp_path, "leave", "leave_sign", "{#- 对照\naliyun: {code: X1, params: [case_ref]}\n-#}\n")
    with pytest.raises(SmsConfigError, match="aliyun"):
        slices_template_map(tmp_path)


def test_the_configured_file_replaces_the_slices_mappings() -> None:
    assert set(configured_template_map(EXAMPLE).root) == set(load_template_map(EXAMPLE).root)
    assert "leave_sign" in configured_template_map(None).root  # unset: the slices' own
