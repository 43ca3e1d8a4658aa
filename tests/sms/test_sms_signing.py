"""The signers against published references: Aliyun's worked example and Tencent's own SDK."""
from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
import time_machine
from fake_sms_server import acs3_signature
from tencentcloud.common.credential import Credential
from tencentcloud.common.http.request import RequestInternal
from tencentcloud.sms.v20210111.sms_client import SmsClient

from tasks.core.sms.signing import acs3_headers, canonical_query, tc3_headers

# Aliyun, "V3 请求结构和签名" (help.aliyun.com / alibabacloud.com): the fixed-parameter example.
DOC_QUERY = {"ImageId": "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd", "RegionId": "cn-shanghai"}
DOC_SIGNATURE = "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"


def test_acs3_reproduces_aliyun_documented_example() -> None:
    headers = acs3_headers(
        access_key_id="YourAccessKeyId", access_key_secret="YourAccessKeySecret",
        host="ecs.cn-shanghai.aliyuncs.com", action="RunInstances", version="2014-05-26",
        query=DOC_QUERY, now=datetime(2023, 10, 26, 10, 22, 32, tzinfo=UTC),
        nonce="3156853299f313e23d1673dc12e1703d",
    )
    assert headers["Authorization"] == (
        "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;"
        f"x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature={DOC_SIGNATURE}"
    )
    assert headers["x-acs-content-sha256"] == (
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    )


def test_fake_server_verifier_reproduces_the_same_example() -> None:
    headers = {
        "host": "ecs.cn-shanghai.aliyuncs.com", "x-acs-action": "RunInstances",
        "x-acs-version": "2014-05-26", "x-acs-date": "2023-10-26T10:22:32Z",
        "x-acs-signature-nonce": "3156853299f313e23d1673dc12e1703d",
        "x-acs-content-sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    }
    signature = acs3_signature("YourAccessKeySecret", "POST", list(DOC_QUERY.items()), headers,
                               sorted(headers), b"")
    assert signature == DOC_SIGNATURE


def test_canonical_query_is_sorted_rfc3986() -> None:
    assert canonical_query({"b": "a b*~/+", "a": "某"}) == "a=%E6%9F%90&b=a%20b%2A~%2F%2B"


@pytest.fixture
def shanghai_local_time(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_tc3_matches_the_official_tencent_sdk(shanghai_local_time) -> None:
    client = SmsClient(Credential("AKIDexample", "secret-example"), "ap-guangzhou")
    params = {"PhoneNumberSet": ["+8613800138000"], "SmsSdkAppId": "1400000001",
              "TemplateId": "1000001", "SignName": "某区行政服务中心",
              "TemplateParamSet": ["张三", "3月5日"]}
    request = RequestInternal(client._get_endpoint(), "POST", "/")
    # 23:59:30 UTC is already the next day in Shanghai: the credential date must be UTC.
    with time_machine.travel(datetime(2024, 3, 5, 23, 59, 30, tzinfo=UTC), tick=False):
        client._build_req_inter("SendSms", params, request)

    ours = tc3_headers(
        secret_id="AKIDexample", secret_key="secret-example", host=request.header["Host"],
        service="sms", action="SendSms", version="2021-01-11", region="ap-guangzhou",
        payload=request.data.encode("utf-8"), timestamp=int(request.header["X-TC-Timestamp"]),
    )

    assert request.header["X-TC-Timestamp"] == "1709683170"
    assert "/2024-03-05/sms/tc3_request" in ours["Authorization"]
    assert ours["Authorization"] == request.header["Authorization"]
    for name in ("Content-Type", "Host", "X-TC-Action", "X-TC-Version", "X-TC-Region"):
        assert ours[name] == request.header[name]
