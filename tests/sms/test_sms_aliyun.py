"""The Aliyun plugin through real Apprise against the fake dysmsapi on 127.0.0.1."""
from __future__ import annotations

import json
import logging

import apprise
import pytest
from fake_sms_server import ALIYUN_KEY_ID, ALIYUN_SECRET, RATE_LIMITED, SIGN, aliyun_url

from tasks.core.sms.delivery import sending_message
from tasks.core.sms.phones import url_with_phones

BODY = json.dumps({"name": "张三", "date": "3月5日"}, ensure_ascii=False)


def notify(url: str, body: str = BODY, key: str | None = None, title: str = "") -> bool:
    apobj = apprise.Apprise()
    assert apobj.add(url)
    if key is None:
        return bool(apobj.notify(body, title=title))
    with sending_message(key):
        return bool(apobj.notify(body, title=title))


def test_correct_keys_deliver_and_record_each_number(aliyun, ledger, caplog) -> None:
    url = aliyun_url(aliyun.endpoint, "+8613800138000", "139-0013-9000")
    with caplog.at_level(logging.DEBUG):
        assert notify(url, key="case-1:remind:1", title="标题不发送")

    [request] = aliyun.received
    assert request.reply["Code"] == "OK"
    assert request.headers["host"] == aliyun.endpoint.removeprefix("http://")
    assert request.phones == ["13800138000", "13900139000"]
    assert request.params["SignName"] == SIGN
    assert request.params["TemplateCode"] == "SMS_100000001"
    assert json.loads(request.params["TemplateParam"]) == {"name": "张三", "date": "3月5日"}
    assert request.params["OutId"] == "case-1:remind:1"
    for phone in ("13800138000", "13900139000"):
        assert ledger.provider_id("case-1:remind:1", phone) == request.reply["BizId"]
    sms_log = "\n".join(r.getMessage() for r in caplog.records if r.name == "center.sms")
    assert "code=OK" in sms_log and request.reply["RequestId"] in sms_log
    assert ALIYUN_SECRET not in caplog.text


def test_wrong_secret_fails_and_marks_nothing(aliyun, ledger, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="center.sms"):
        assert not notify(aliyun_url(aliyun.endpoint, "13800138000", secret="wrong"), key="k")

    [request] = aliyun.received
    assert request.reply["Code"] == "SignatureDoesNotMatch"
    assert not ledger.was_delivered("k", "13800138000")
    assert "code=SignatureDoesNotMatch" in caplog.text
    assert request.reply["RequestId"] in caplog.text


def test_rate_limit_is_a_failure_and_a_later_retry_sends(aliyun, ledger, caplog) -> None:
    url = aliyun_url(aliyun.endpoint, RATE_LIMITED, "13900139000")
    with caplog.at_level(logging.INFO, logger="center.sms"):
        assert not notify(url, key="k")
    assert "isv.BUSINESS_LIMIT_CONTROL" in caplog.text
    assert not ledger.was_delivered("k", "13900139000")  # one request: all or nothing

    aliyun.rate_limited.clear()
    assert notify(url, key="k")
    assert [r.phones for r in aliyun.received] == [[RATE_LIMITED, "13900139000"]] * 2
    assert ledger.was_delivered("k", RATE_LIMITED)


def test_timeout_is_one_failed_attempt_left_to_the_callers_backoff(aliyun, ledger, caplog) -> None:
    aliyun.delay = 0.5
    with caplog.at_level(logging.INFO, logger="center.sms"):
        assert not notify(aliyun_url(aliyun.endpoint, "13800138000") + "&rto=0.1", key="k")
    assert len(aliyun.received) == 1
    assert not ledger.was_delivered("k", "13800138000")
    assert "code=Timeout" in caplog.text


@pytest.mark.parametrize("body", ["尊敬的张三", '["张三"]', '{"name": 1}', '{"name": null}', "{"])
def test_body_that_is_not_an_object_of_strings_is_refused_before_sending(aliyun, body) -> None:
    assert not notify(aliyun_url(aliyun.endpoint, "13800138000"), body=body)
    assert aliyun.received == []


def test_url_without_numbers_loads_fails_cleanly_and_takes_appended_numbers(aliyun) -> None:
    url = aliyun_url(aliyun.endpoint)
    assert not notify(url)
    assert aliyun.received == []

    assert notify(url_with_phones(url, ["+86 139 0013 9000"]))
    assert [r.phones for r in aliyun.received] == [["13900139000"]]


def test_retry_with_the_same_message_key_skips_delivered_numbers(aliyun, ledger) -> None:
    url = aliyun_url(aliyun.endpoint, "13800138000")
    assert notify(url, key="case-1:remind:1")
    assert notify(url, key="case-1:remind:1")
    assert len(aliyun.received) == 1
    assert notify(url, key="case-1:remind:2")
    assert len(aliyun.received) == 2


def test_invalid_number_makes_the_url_unloadable(aliyun) -> None:
    assert not apprise.Apprise().add(aliyun_url(aliyun.endpoint, "12345"))


def test_privacy_url_masks_the_keys_and_the_full_url_round_trips(aliyun) -> None:
    apobj = apprise.Apprise()
    assert apobj.add(aliyun_url(aliyun.endpoint, "13800138000"))
    masked = apobj[0].url(privacy=True)
    assert ALIYUN_SECRET not in masked and ALIYUN_KEY_ID not in masked
    assert masked.startswith("aliyunsms://") and "13800138000" in masked

    full = apobj[0].url()
    again = apprise.Apprise()
    assert again.add(full)
    assert again[0].url() == full
    assert (again[0].user, again[0].password, again[0].endpoint) == (
        ALIYUN_KEY_ID, ALIYUN_SECRET, aliyun.endpoint)
