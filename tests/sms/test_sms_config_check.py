"""Start-up checks: registration, unloadable URLs and tags that match no service."""
from __future__ import annotations

import json

import apprise
import pytest
from apprise.manager_plugins import NotificationManager
from fake_sms_server import ALIYUN_SECRET, TENCENT_SECRET_KEY, aliyun_url, tencent_url

from tasks.core.sms import NotifyAliyunSms, NotifyTencentSms, register_sms_plugins
from tasks.core.sms.config_check import check_config, check_tags, find_unloadable_urls, load_yaml_config
from tasks.core.sms.errors import SmsConfigError


def yaml_config(aliyun_endpoint: str, tencent_endpoint: str, extra: str = "") -> str:
    return f"""
version: 1
urls:
  - "{aliyun_url(aliyun_endpoint, '13800138000')}":
      tag: sms:appointment
  - "{tencent_url(tencent_endpoint)}":
      tag: sms:case_completed
  - "{aliyun_url(aliyun_endpoint).split('?')[0]}":
      sign: 某区行政服务中心
      endpoint: {aliyun_endpoint}
      tag: sms:yaml_settings
{extra}"""


def test_registration_is_idempotent() -> None:
    register_sms_plugins()
    register_sms_plugins()
    manager = NotificationManager()
    assert manager["aliyunsms"] is NotifyAliyunSms
    assert manager["tencentsms"] is NotifyTencentSms


def test_registration_replaces_a_stale_class_under_the_same_schema() -> None:
    class Stale(NotifyAliyunSms):
        pass

    manager = NotificationManager()
    manager.add(Stale, force=True)
    assert manager["aliyunsms"] is Stale
    register_sms_plugins()
    assert manager["aliyunsms"] is NotifyAliyunSms


def test_valid_config_loads_every_url_and_routes_by_tag(aliyun, tencent) -> None:
    apobj = check_config(yaml_config(aliyun.endpoint, tencent.endpoint),
                         ["sms:appointment", "sms:case_completed", "sms:yaml_settings"])
    assert len(apobj) == 3

    assert apobj.notify(json.dumps({"name": "张三", "date": "3月5日"}), tag="sms:appointment")
    assert [r.phones for r in aliyun.received] == [["13800138000"]]
    assert tencent.received == []


def test_missing_tag_is_named(aliyun, tencent) -> None:
    apobj, failures = load_yaml_config(yaml_config(aliyun.endpoint, tencent.endpoint))
    assert failures == []
    check_tags(apobj, ["sms:appointment"])
    with pytest.raises(SmsConfigError) as caught:
        check_tags(apobj, ["sms:appointment", "sms:rating_followup", "sms:rating_followup"])
    assert caught.value.problems == ["没有任何已加载的通知服务带有标签「sms:rating_followup」"]


def test_unparseable_urls_are_reported_by_position_without_secrets(aliyun, tencent) -> None:
    extra = f"""
  - "{aliyun_url(aliyun.endpoint, '12345')}":
      tag: sms:bad_phone
  - "{tencent_url(tencent.endpoint).replace('/1000001/', '/')}":
      tag: sms:no_template
  - "{aliyun_url(aliyun.endpoint).replace('sign=', 'sig=')}"
"""
    text = yaml_config(aliyun.endpoint, tencent.endpoint, extra)
    failures = find_unloadable_urls(text)
    assert [(f.entry, f.schema) for f in failures] == [(4, "aliyunsms"), (5, "tencentsms"), (6, "aliyunsms")]

    with pytest.raises(SmsConfigError) as caught:
        check_config(text, ["sms:appointment", "sms:no_template"])
    message = str(caught.value)
    assert "urls 第 4 项（aliyunsms://…）无法加载" in message
    assert "urls 第 6 项" in message
    assert "「sms:no_template」" in message
    assert ALIYUN_SECRET not in message and TENCENT_SECRET_KEY not in message


def test_a_list_of_settings_reports_the_entries_that_failed(aliyun) -> None:
    text = f"""
version: 1
urls:
  - "{aliyun_url(aliyun.endpoint).split('?')[0]}":
      - sign: 某区行政服务中心
        tag: ok
      - tag: no-sign
"""
    [failure] = find_unloadable_urls(text)
    assert (failure.entry, failure.expected, failure.loaded) == (1, 2, 1)
    assert "有 1 个服务无法加载" in str(failure)


def test_text_that_is_not_an_apprise_yaml_document_is_refused() -> None:
    with pytest.raises(SmsConfigError):
        find_unloadable_urls("urls: [unclosed")
    with pytest.raises(SmsConfigError):
        find_unloadable_urls("- just a list")
    assert isinstance(load_yaml_config("version: 1\nurls: []\n")[0], apprise.Apprise)
