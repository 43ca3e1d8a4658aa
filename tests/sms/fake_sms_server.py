"""Fake Aliyun and Tencent SMS endpoints on 127.0.0.1 that check signatures like the real ones.

The signature checks are written independently of ``tasks.core.sms.signing``: they rebuild the
canonical request from what actually arrived on the socket (raw query, headers, body).
"""
from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, quote, urlsplit

ALIYUN_KEY_ID = "LTAI5tFakeKeyId00000001"
ALIYUN_SECRET = "FakeAliyunSecret0123456789abcd"
TENCENT_SECRET_ID = "AKIDFakeSecretId0000000000000000001"
TENCENT_SECRET_KEY = "FakeTencentKey0000000000000001"
RATE_LIMITED = "13800000000"  # the reserved number the fake providers rate-limit
SIGN = "某区行政服务中心"
_UNRESERVED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")


def rfc3986(text: str) -> str:
    return "".join(c if c in _UNRESERVED else "".join(f"%{b:02X}" for b in c.encode()) for c in text)


def acs3_signature(secret: str, method: str, params: list[tuple[str, str]],
                   headers: dict[str, str], signed: list[str], body: bytes) -> str:
    query = "&".join(f"{rfc3986(k)}={rfc3986(v)}" for k, v in sorted(params))
    lines = "".join(f"{name}:{headers.get(name, '').strip()}\n" for name in signed)
    request = f"{method}\n/\n{query}\n{lines}\n{';'.join(signed)}\n{hashlib.sha256(body).hexdigest()}"
    to_sign = "ACS3-HMAC-SHA256\n" + hashlib.sha256(request.encode()).hexdigest()
    return hmac.new(secret.encode(), to_sign.encode(), hashlib.sha256).hexdigest()


def tc3_signature(secret: str, headers: dict[str, str], signed: list[str], body: bytes,
                  date: str, service: str, timestamp: str) -> str:
    values = {name: headers.get(name, "").strip() for name in signed}
    if "x-tc-action" in values:  # Tencent signs the action in lower case
        values["x-tc-action"] = values["x-tc-action"].lower()
    lines = "".join(f"{name}:{value}\n" for name, value in values.items())
    request = f"POST\n/\n\n{lines}\n{';'.join(signed)}\n{hashlib.sha256(body).hexdigest()}"
    to_sign = (f"TC3-HMAC-SHA256\n{timestamp}\n{date}/{service}/tc3_request\n"
               f"{hashlib.sha256(request.encode()).hexdigest()}")
    key = ("TC3" + secret).encode()
    for part in (date, service, "tc3_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()


def aliyun_url(endpoint: str, *phones: str, secret: str = ALIYUN_SECRET,
               template: str = "SMS_100000001") -> str:
    return (f"aliyunsms://{ALIYUN_KEY_ID}:{quote(secret, safe='')}@{template}/{'/'.join(phones)}"
            f"?sign={quote(SIGN)}&endpoint={quote(endpoint, safe='')}")


def tencent_url(endpoint: str, *phones: str, secret: str = TENCENT_SECRET_KEY,
                template: str = "1000001") -> str:
    return (f"tencentsms://{TENCENT_SECRET_ID}:{quote(secret, safe='')}@1400000001/{template}/"
            f"{'/'.join(phones)}?sign={quote(SIGN)}&region=ap-shanghai"
            f"&endpoint={quote(endpoint, safe='')}")


def _auth_fields(header: str) -> dict[str, str]:
    _, _, rest = header.partition(" ")
    return dict(item.strip().split("=", 1) for item in rest.split(","))


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A client that timed out hangs up before the answer; that is expected here."""


@dataclass
class Received:
    path: str
    params: dict[str, str]
    headers: dict[str, str]
    body: bytes
    phones: list[str] = field(default_factory=list)
    reply: dict = field(default_factory=dict)


class FakeProvider:
    """One fake provider; ``kind`` is "aliyun" or "tencent"."""

    def __init__(self, kind: str):
        self.kind, self.received = kind, []
        self.rate_limited = {RATE_LIMITED}
        self.delay = 0.0  # seconds to wait before answering (to provoke client timeouts)
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {k.lower(): v for k, v in self.headers.items()}
                status, reply = provider.answer(self.path, headers, body)
                time.sleep(provider.delay)
                data = json.dumps(reply, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.server = _Server(("127.0.0.1", 0), Handler)
        self.endpoint = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def answer(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, dict]:
        params = parse_qsl(urlsplit(path).query, keep_blank_values=True)
        received = Received(path, dict(params), headers, body)
        self.received.append(received)
        if self.kind == "aliyun":
            status, received.reply = self._aliyun(received, params)
        else:
            status, received.reply = 200, {"Response": {**self._tencent(received),
                                                        "RequestId": str(uuid.uuid4())}}
        return status, received.reply

    def _aliyun(self, received: Received, params: list[tuple[str, str]]) -> tuple[int, dict]:
        request_id = str(uuid.uuid4()).upper()
        auth = _auth_fields(received.headers.get("authorization", " "))
        signed = auth.get("SignedHeaders", "").split(";")
        required = {"host", "x-acs-action", "x-acs-version", "x-acs-date",
                    "x-acs-signature-nonce", "x-acs-content-sha256"}
        if auth.get("Credential") != ALIYUN_KEY_ID:
            return 404, {"Code": "InvalidAccessKeyId.NotFound", "RequestId": request_id,
                         "Message": "Specified access key is not found."}
        headers = received.headers
        expected = acs3_signature(ALIYUN_SECRET, "POST", params, headers, signed, received.body)
        if (not required <= set(signed) or auth.get("Signature") != expected
                or (headers.get("x-acs-action"), headers.get("x-acs-version")) != ("SendSms", "2017-05-25")
                or headers.get("x-acs-content-sha256") != hashlib.sha256(received.body).hexdigest()):
            return 400, {"Code": "SignatureDoesNotMatch", "RequestId": request_id,
                         "Message": "Specified signature does not match our calculation."}
        received.phones = received.params.get("PhoneNumbers", "").split(",")
        try:
            template_param = json.loads(received.params.get("TemplateParam", "{}"))
        except ValueError:
            template_param = None
        if not (isinstance(template_param, dict)
                and all(isinstance(value, str) for value in template_param.values())):
            return 200, {"Code": "isv.INVALID_JSON_PARAM", "Message": "JSON参数不合法，只接受字符串值",
                         "RequestId": request_id}
        if self.rate_limited & set(received.phones):
            return 200, {"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "触发号码天级流控Permits:10",
                         "RequestId": request_id}
        return 200, {"Code": "OK", "Message": "OK", "BizId": f"{uuid.uuid4().int % 10**18}^0",
                     "RequestId": request_id}

    def _tencent(self, received: Received) -> dict:
        auth = _auth_fields(received.headers.get("authorization", " "))
        credential = auth.get("Credential", "").split("/")
        signed = auth.get("SignedHeaders", "").split(";")
        timestamp = received.headers.get("x-tc-timestamp", "0")
        date = datetime.fromtimestamp(int(timestamp), UTC).strftime("%Y-%m-%d")
        if credential[0] != TENCENT_SECRET_ID:
            return {"Error": {"Code": "AuthFailure.SecretIdNotFound",
                              "Message": "The SecretId is not found."}}
        expected = tc3_signature(TENCENT_SECRET_KEY, received.headers, signed, received.body, date,
                                 "sms", timestamp)
        if (credential[1:] != [date, "sms", "tc3_request"] or not {"content-type", "host"} <= set(signed)
                or auth.get("Signature") != expected):
            return {"Error": {"Code": "AuthFailure.SignatureFailure",
                              "Message": "The provided credentials could not be validated."}}
        action = (received.headers.get("x-tc-action"), received.headers.get("x-tc-version"))
        if action != ("SendSms", "2021-01-11"):
            return {"Error": {"Code": "InvalidAction", "Message": "The action is not valid."}}
        request = json.loads(received.body)
        received.phones = request["PhoneNumberSet"]
        statuses = []
        for phone in received.phones:
            limited = phone.removeprefix("+86") in self.rate_limited
            statuses.append({
                "SerialNo": "" if limited else f"2645:{uuid.uuid4().int % 10**20}",
                "PhoneNumber": phone, "Fee": 0 if limited else 1,
                "SessionContext": request.get("SessionContext", ""), "IsoCode": "CN",
                "Code": "LimitExceeded.PhoneNumberThirtySecondLimit" if limited else "Ok",
                "Message": ("the number of sms messages sent from a single mobile number within "
                            "30 seconds exceeds the upper limit") if limited else "send success",
            })
        return {"SendStatusSet": statuses}
