"""Aliyun SMS (dysmsapi ``SendSms``, 2017-05-25) as an Apprise plugin.

``aliyunsms://{AccessKeyId}:{AccessKeySecret}@{TemplateCode}/{phone}/…?sign={SignName}``
The body is the template parameters: a JSON object whose values are strings.
"""
from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from apprise.exception import AppriseImproperlyConfigured

from tasks.core.sms.base import CloudSmsBase
from tasks.core.sms.signing import acs3_headers, canonical_query

ACTION = "SendSms"
VERSION = "2017-05-25"


class NotifyAliyunSms(CloudSmsBase):
    service_name = "Aliyun SMS"
    service_url = "https://www.aliyun.com/product/sms"
    secure_protocol = "aliyunsms"
    provider = "aliyun"
    provider_label = "阿里云短信"
    default_endpoint = "https://dysmsapi.aliyuncs.com"
    max_batch = 1000

    templates = ("{schema}://{access_key_id}:{access_key_secret}@{template_code}/{targets}",)
    template_tokens = dict(CloudSmsBase.template_tokens, **{
        "access_key_id": {"name": "AccessKeyId", "type": "string", "required": True,
                          "private": True, "map_to": "user"},
        "access_key_secret": {"name": "AccessKeySecret", "type": "string", "required": True,
                              "private": True, "map_to": "password"},
        "template_code": {"name": "TemplateCode", "type": "string", "required": True},
        "targets": {"name": "Phone Numbers", "type": "list:string"},
    })
    template_args = dict(CloudSmsBase.template_args, **{
        "sign": {"name": "SignName", "type": "string", "required": True},
        "endpoint": {"name": "Endpoint", "type": "string"},
        "to": {"alias_of": "targets"},
    })

    def __init__(self, template_code: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not template_code:
            raise AppriseImproperlyConfigured("阿里云短信：缺少模板代码（TemplateCode）")
        self.template_code = template_code

    @classmethod
    def parse_path(cls, host: str, path: list[str]) -> dict[str, Any]:
        return {"template_code": cls.unquote(host), "targets": path}

    def url_head(self) -> str:
        return self.quote(self.template_code, safe="")

    @property
    def url_identifier(self) -> tuple:
        return (self.secure_protocol, self.user, self.password, self.template_code, self.endpoint)

    def parse_params(self, body: str) -> dict[str, str]:
        params = json.loads(body)  # JSONDecodeError is a ValueError
        if not isinstance(params, dict) or not all(
            isinstance(name, str) and isinstance(value, str) for name, value in params.items()
        ):
            raise ValueError("阿里云模板参数须为 JSON 对象，且每个值都是字符串")
        return params

    def deliver(self, phones: list[str], params: dict[str, str],
                message_key: str | None) -> dict[str, str]:
        query = {"PhoneNumbers": ",".join(phones), "SignName": self.sign,
                 "TemplateCode": self.template_code}
        if params:
            query["TemplateParam"] = json.dumps(params, ensure_ascii=False, separators=(",", ":"))
        if message_key:
            query["OutId"] = message_key
        headers = acs3_headers(
            access_key_id=self.user, access_key_secret=self.password, host=self.host_header,
            action=ACTION, version=VERSION, query=query, now=datetime.now(UTC),
            nonce=uuid.uuid4().hex,
        )
        status, reply = self.post(f"{self.endpoint}/?{canonical_query(query)}", headers, b"")
        code = str(reply.get("Code", ""))
        biz_id = str(reply.get("BizId") or "")
        ok = status == 200 and code == "OK" and bool(biz_id)
        self.report(phones, ok, code, str(reply.get("Message", "")),
                    str(reply.get("RequestId", "")), biz_id)
        return dict.fromkeys(phones, biz_id) if ok else {}
