"""What the Aliyun and Tencent plugins share: URL parts, targets, the send loop and its ledger."""
from __future__ import annotations

import logging
from typing import Any, ClassVar
from urllib.parse import urlsplit

import requests
from apprise import NotifyFormat, NotifyType
from apprise.exception import AppriseImproperlyConfigured
from apprise.plugins.base import NotifyBase
from apprise.url import PrivacyMode

from models.core.errors import InvalidInput
from tasks.core.sms.delivery import current_message_key, get_delivery_ledger
from models.rules.masking import mask_phone
from tasks.core.sms.phones import normalize_phone

log = logging.getLogger("center.sms")

_HINTS = {
    "isv.AMOUNT_NOT_ENOUGH": "短信账户余额不足",
    "FailedOperation.InsufficientBalanceInSmsPackage": "短信套餐包余额不足",
    "isv.INVALID_JSON_PARAM": "模板参数格式不正确",
    "SignatureDoesNotMatch": "短信服务密钥错误",
    "InvalidAccessKeyId.NotFound": "短信服务密钥错误",
    "AuthFailure.SignatureFailure": "短信服务密钥错误",
    "AuthFailure.SecretIdNotFound": "短信服务密钥错误",
    "ConnectTimeout": "连接短信服务超时，短信未发出",
    "Timeout": "短信服务响应超时，短信可能已发出也可能未发出",
    "ConnectionError": "无法连接短信服务，短信未发出",
}


def describe_failure(code: str) -> str:
    """A clerk-readable reason for a provider code (rate limits are retried by the outbox)."""
    if code in _HINTS:
        return _HINTS[code]
    if "LIMIT" in code.upper():
        return "触发短信发送频率或数量限制，稍后自动重试"
    return "短信服务返回错误"


class CloudSmsBase(NotifyBase):
    """A template SMS: the body is the template's parameters as JSON, the title is ignored."""

    provider: ClassVar[str]  # "aliyun" / "tencent": the name used in logs
    provider_label: ClassVar[str]  # the name shown to clerks
    default_endpoint: ClassVar[str]
    max_batch: ClassVar[int]
    extra_url_args: ClassVar[tuple[str, ...]] = ()  # query arguments besides sign= and endpoint=

    notify_format = NotifyFormat.TEXT
    request_rate_per_sec = 0  # the provider enforces its own limits; never sleep between calls
    socket_connect_timeout = 5.0
    socket_read_timeout = 15.0

    def __init__(self, targets: Any = None, sign: str | None = None, endpoint: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not (self.user and self.password):
            raise AppriseImproperlyConfigured(f"{self.provider_label}：缺少访问密钥")
        if not sign:
            raise AppriseImproperlyConfigured(f"{self.provider_label}：缺少短信签名（sign=）")
        self.sign = sign
        self.endpoint = (endpoint or self.default_endpoint).rstrip("/")
        parts = urlsplit(self.endpoint)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.path or parts.query:
            raise AppriseImproperlyConfigured(f"{self.provider_label}：接口地址无效 {endpoint}")
        self.host_header = parts.netloc
        self.targets: list[str] = []
        for raw in self.parse_phone_no(targets) if isinstance(targets, str) else targets or ():
            try:
                phone = normalize_phone(raw)
            except InvalidInput as error:
                raise AppriseImproperlyConfigured(f"{self.provider_label}：{error.message}") from error
            if phone not in self.targets:
                self.targets.append(phone)

    # -- the provider-specific parts -----------------------------------------------------------
    def parse_params(self, body: str) -> Any:
        """The template parameters from the body; ValueError when the provider cannot take them."""
        raise NotImplementedError

    def deliver(self, phones: list[str], params: Any, message_key: str | None) -> dict[str, str]:
        """One request for ``phones``; returns the accepted numbers with the provider's id."""
        raise NotImplementedError

    def url_head(self) -> str:
        """``{template}`` or ``{app}/{template}``: what follows the ``@``."""
        raise NotImplementedError

    # -- the shared send loop ------------------------------------------------------------------
    def send(self, body: str, title: str = "", notify_type: NotifyType = NotifyType.INFO,
             **kwargs: Any) -> bool:
        try:
            params = self.parse_params(body)
        except ValueError as error:
            self.logger.warning("%s：短信内容不是有效的模板参数（%s），未发送", self.provider_label, error)
            log.warning("%s refused a body that is not valid template parameters: %s", self.provider, error)
            return False
        if not self.targets:
            self.logger.warning("%s：没有收信手机号，未发送", self.provider_label)
            log.warning("%s has no target phone numbers", self.provider)
            return False
        message_key = current_message_key.get()
        ledger = get_delivery_ledger() if message_key else None
        pending = [
            phone for phone in self.targets
            if not (self.is_delivered(phone) or (ledger and ledger.was_delivered(message_key, phone)))
        ]
        ok = True
        for start in range(0, len(pending), self.max_batch):
            batch = pending[start:start + self.max_batch]
            accepted = self.deliver(batch, params, message_key)
            for phone, provider_id in accepted.items():
                self.mark_delivered(phone)
                if ledger:
                    ledger.mark_delivered(message_key, phone, provider_id)
            ok = ok and len(accepted) == len(batch)
        return ok

    def post(self, url: str, headers: dict[str, str], data: bytes) -> tuple[int, dict]:
        """POST without redirects; transport failures come back as a pseudo-reply with a Code."""
        try:
            response = requests.post(url, data=data, headers=headers, timeout=self.request_timeout,
                                     verify=self.verify_certificate, allow_redirects=False)
        except requests.ConnectTimeout:
            return 0, {"Code": "ConnectTimeout", "Message": "connect timed out"}
        except requests.Timeout:  # the provider may or may not have sent it: the call is not idempotent
            return 0, {"Code": "Timeout", "Message": "read timed out"}
        except requests.RequestException as error:
            return 0, {"Code": "ConnectionError", "Message": type(error).__name__}
        try:
            reply = response.json()
        except ValueError:
            reply = None
        if not isinstance(reply, dict):
            return response.status_code, {"Code": f"HTTP{response.status_code}", "Message": "not JSON"}
        return response.status_code, reply

    def report(self, phones: list[str], ok: bool, code: str, message: str, request_id: str,
               provider_id: str = "") -> None:
        """Log one outcome: English to ``center.sms``, and a Chinese reason on failure for clerks."""
        masked = ",".join(mask_phone(phone) for phone in phones)
        log.log(logging.INFO if ok else logging.WARNING,
                "%s SendSms %s: code=%s message=%s request_id=%s provider_id=%s",
                self.provider, masked, code, message, request_id or "-", provider_id or "-")
        if not ok:
            self.logger.warning("%s发送失败（%s）：%s［%s，请求号 %s］", self.provider_label, masked,
                                describe_failure(code), code, request_id or "无")

    # -- URLs ----------------------------------------------------------------------------------
    def url(self, privacy: bool = False, *args: Any, **kwargs: Any) -> str:
        params = {"sign": self.sign}
        if self.endpoint != self.default_endpoint:
            params["endpoint"] = self.endpoint
        params.update(self.extra_url_params())
        params.update(self.url_parameters(privacy=privacy, *args, **kwargs))
        return "{schema}://{key}:{secret}@{head}/{targets}?{params}".format(
            schema=self.secure_protocol,
            key=self.pprint(self.user, privacy, safe=""),
            secret=self.pprint(self.password, privacy, mode=PrivacyMode.Secret, safe=""),
            head=self.url_head(),
            targets="/".join(self.targets),
            params=self.urlencode(params),
        )

    def extra_url_params(self) -> dict[str, str]:
        return {}

    @classmethod
    def parse_url(cls, url: str) -> dict[str, Any] | None:
        results = NotifyBase.parse_url(url, verify_host=False)
        if not results:
            return results
        results.update(cls.parse_path(results["host"], cls.split_path(results["fullpath"])))
        qsd = results["qsd"]
        if qsd.get("to"):
            results["targets"] += cls.parse_phone_no(qsd["to"])
        for name in ("sign", "endpoint", *cls.extra_url_args):
            if qsd.get(name):
                results[name] = qsd[name]
        return results

    @classmethod
    def parse_path(cls, host: str, path: list[str]) -> dict[str, Any]:
        raise NotImplementedError

    def __len__(self) -> int:
        return max(1, -(-len(self.targets) // self.max_batch))
