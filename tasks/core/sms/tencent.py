"""Tencent Cloud SMS (``SendSms``, 2021-01-11) as an Apprise plugin.

``tencentsms://{SecretId}:{SecretKey}@{SmsSdkAppId}/{TemplateId}/{phone}/…?sign=…&region=…``
The body is the template parameters: a JSON list of strings, in the template's order.
"""
from __future__ import annotations

import json
import re
import time
from typing import Any

from apprise.exception import AppriseImproperlyConfigured

from models.core.errors import InvalidInput
from tasks.core.sms.base import CloudSmsBase
from tasks.core.sms.phones import normalize_phone
from tasks.core.sms.signing import tc3_headers

ACTION = "SendSms"
VERSION = "2021-01-11"
DEFAULT_REGION = "ap-guangzhou"
_REGION = re.compile(r"[a-z]+(-[a-z0-9]+)+")


class NotifyTencentSms(CloudSmsBase):
    service_name = "Tencent Cloud SMS"
    service_url = "https://cloud.tencent.com/product/sms"
    secure_protocol = "tencentsms"
    provider = "tencent"
    provider_label = "腾讯云短信"
    default_endpoint = "https://sms.tencentcloudapi.com"
    max_batch = 200
    extra_url_args = ("region",)

    templates = ("{schema}://{secret_id}:{secret_key}@{sdk_app_id}/{template_id}/{targets}",)
    template_tokens = dict(CloudSmsBase.template_tokens, **{
        "secret_id": {"name": "SecretId", "type": "string", "required": True,
                      "private": True, "map_to": "user"},
        "secret_key": {"name": "SecretKey", "type": "string", "required": True,
                       "private": True, "map_to": "password"},
        "sdk_app_id": {"name": "SmsSdkAppId", "type": "string", "required": True},
        "template_id": {"name": "TemplateId", "type": "string", "required": True},
        "targets": {"name": "Phone Numbers", "type": "list:string"},
    })
    template_args = dict(CloudSmsBase.template_args, **{
        "sign": {"name": "SignName", "type": "string", "required": True},
        "region": {"name": "Region", "type": "string", "default": DEFAULT_REGION},
        "endpoint": {"name": "Endpoint", "type": "string"},
        "to": {"alias_of": "targets"},
    })

    def __init__(self, sdk_app_id: str | None = None, template_id: str | None = None,
                 region: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        sdk_app_id, template_id = str(sdk_app_id or ""), str(template_id or "")  # YAML may give ints
        if not sdk_app_id.isdigit():
            raise AppriseImproperlyConfigured("腾讯云短信：SmsSdkAppId 无效")
        if not template_id.isdigit():
            raise AppriseImproperlyConfigured("腾讯云短信：模板 ID（TemplateId）缺失或无效")
        self.region = region or DEFAULT_REGION
        if not _REGION.fullmatch(self.region):
            raise AppriseImproperlyConfigured(f"腾讯云短信：地域无效 {region}")
        self.sdk_app_id, self.template_id = sdk_app_id, template_id

    @classmethod
    def parse_path(cls, host: str, path: list[str]) -> dict[str, Any]:
        return {"sdk_app_id": cls.unquote(host), "template_id": path[0] if path else None,
                "targets": path[1:]}

    def url_head(self) -> str:
        return f"{self.sdk_app_id}/{self.template_id}"

    def extra_url_params(self) -> dict[str, str]:
        return {"region": self.region}

    @property
    def url_identifier(self) -> tuple:
        return (self.secure_protocol, self.user, self.password, self.sdk_app_id, self.template_id,
                self.region, self.endpoint)

    def parse_params(self, body: str) -> list[str]:
        params = json.loads(body)  # JSONDecodeError is a ValueError
        if not isinstance(params, list) or not all(isinstance(value, str) for value in params):
            raise ValueError("腾讯云模板参数须为 JSON 字符串数组（按模板顺序）")
        return params

    def deliver(self, phones: list[str], params: list[str],
                message_key: str | None) -> dict[str, str]:
        request: dict[str, Any] = {
            "PhoneNumberSet": [f"+86{phone}" for phone in phones],
            "SmsSdkAppId": self.sdk_app_id,
            "TemplateId": self.template_id,
            "SignName": self.sign,
        }
        if params:
            request["TemplateParamSet"] = params
        if message_key:
            request["SessionContext"] = message_key
        payload = json.dumps(request, ensure_ascii=False).encode("utf-8")
        headers = tc3_headers(
            secret_id=self.user, secret_key=self.password, host=self.host_header, service="sms",
            action=ACTION, version=VERSION, region=self.region, payload=payload,
            timestamp=int(time.time()),
        )
        status, reply = self.post(f"{self.endpoint}/", headers, payload)
        response = reply.get("Response", reply)
        request_id = str(response.get("RequestId", ""))
        statuses = response.get("SendStatusSet")
        if status != 200 or "Error" in response or not isinstance(statuses, list):
            error = response.get("Error") or response
            self.report(phones, False, str(error.get("Code", f"HTTP{status}")),
                        str(error.get("Message", "")), request_id)
            return {}
        accepted: dict[str, str] = {}
        for entry in statuses:
            try:
                phone = normalize_phone(str(entry.get("PhoneNumber", "")))
            except InvalidInput:
                continue
            ok = entry.get("Code") == "Ok" and phone in phones
            self.report([phone], ok, str(entry.get("Code", "")), str(entry.get("Message", "")),
                        request_id, str(entry.get("SerialNo", "")))
            if ok:
                accepted[phone] = str(entry.get("SerialNo", ""))
        return accepted
