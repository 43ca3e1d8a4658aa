"""The Tencent Cloud plugin through real Apprise against the fake SMS API on 127.0.0.1."""
from __future__ import annotations

import json
import logging

import apprise
import pytest
from fake_sms_server import RATE_LIMITED, SIGN, TENCENT_SECRET_ID, TENCENT_SECRET_KEY, tencent_url

from tasks.core.sms.delivery import sending_message

BODY = json.dumps(["张三", "3月5日"], ensure_ascii=False)


def notify(url: str, body: str = BODY, key: str | None = None) -> bool:
    apobj = apprise.Apprise()
    assert apobj.add(url)
    if key is None:  # title and body_format as the outbox sender passes them
        return bool(apobj.notify(body, title="标题不发送", body_format="text"))
    with sending_message(key):
        return bool(apobj.notify(body, title="标题不发送", body_format="text"))


def test_batch_with_one_failing_number_retries_only_that_number(tencent, ledger, caplog) -> None:
    url = tencent_url(tencent.endpoint, "13900139000", RATE_LIMITED, "+86 137-0013-7000")
    with caplog.at_level(logging.INFO, logger="center.sms"):
        assert not notify(url, key="case-7:notice:1")

    [first] = tencent.received
    assert first.headers["host"] == tencent.endpoint.removeprefix("http://")
    assert first.headers["x-tc-region"] == "ap-shanghai"
    request = json.loads(first.body)
    assert request["PhoneNumberSet"] == ["+8613900139000", f"+86{RATE_LIMITED}", "+8613700137000"]
    assert request["TemplateParamSet"] == ["张三", "3月5日"]
    assert (request["SmsSdkAppId"], request["TemplateId"], request["SignName"]) == (
        "1400000001", "1000001", SIGN)
    assert request["SessionContext"] == "case-7:notice:1"
    serials = {s["PhoneNumber"]: s["SerialNo"] for s in first.reply["Response"]["SendStatusSet"]}
    assert ledger.provider_id("case-7:notice:1", "13900139000") == serials["+8613900139000"]
    assert ledger.provider_id("case-7:notice:1", "13700137000") == serials["+8613700137000"]
    assert not ledger.was_delivered("case-7:notice:1", RATE_LIMITED)
    assert "LimitExceeded.PhoneNumberThirtySecondLimit" in caplog.text
    assert first.reply["Response"]["RequestId"] in caplog.text

    tencent.rate_limited.clear()
    assert notify(url, key="case-7:notice:1")
    assert [json.loads(r.body)["PhoneNumberSet"] for r in tencent.received[1:]] == [[f"+86{RATE_LIMITED}"]]
    assert ledger.was_delivered("case-7:notice:1", RATE_LIMITED)


def test_wrong_secret_fails_and_marks_nothing(tencent, ledger, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="center.sms"):
        assert not notify(tencent_url(tencent.endpoint, "13900139000", secret="wrong"), key="k")

    [request] = tencent.received
    assert request.reply["Response"]["Error"]["Code"] == "AuthFailure.SignatureFailure"
    assert not ledger.was_delivered("k", "13900139000")
    assert "code=AuthFailure.SignatureFailure" in caplog.text


def test_correct_keys_deliver_without_a_message_key(tencent, ledger, caplog) -> None:
    with caplog.at_level(logging.DEBUG):
        assert notify(tencent_url(tencent.endpoint, "13900139000"))
    [request] = tencent.received
    assert request.reply["Response"]["SendStatusSet"][0]["Code"] == "Ok"
    assert "SessionContext" not in json.loads(request.body)
    assert TENCENT_SECRET_KEY not in caplog.text


@pytest.mark.parametrize("body", ['{"name": "张三"}', '["张三", 5]', "张三", ""])
def test_body_that_is_not_a_list_of_strings_is_refused_before_sending(tencent, body) -> None:
    assert not notify(tencent_url(tencent.endpoint, "13900139000"), body=body)
    assert tencent.received == []


def test_url_without_template_id_is_unloadable(tencent) -> None:
    url = tencent_url(tencent.endpoint).replace("/1000001/", "/")
    assert not apprise.Apprise().add(url)


def test_privacy_url_masks_the_keys_and_keeps_region(tencent) -> None:
    apobj = apprise.Apprise()
    assert apobj.add(tencent_url(tencent.endpoint, "13900139000"))
    masked = apobj[0].url(privacy=True)
    assert TENCENT_SECRET_KEY not in masked and TENCENT_SECRET_ID not in masked
    assert "region=ap-shanghai" in masked

    again = apprise.Apprise()
    assert again.add(apobj[0].url())
    assert (again[0].sdk_app_id, again[0].template_id, again[0].targets, again[0].password) == (
        "1400000001", "1000001", ["13900139000"], TENCENT_SECRET_KEY)
