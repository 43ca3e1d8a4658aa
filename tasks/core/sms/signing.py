"""Request signing for the two providers, as pure functions (time and nonce are inputs).

- Aliyun: signature V3 ``ACS3-HMAC-SHA256`` (help.aliyun.com, "V3 请求结构和签名").
- Tencent Cloud: ``TC3-HMAC-SHA256``, signing ``content-type;host`` exactly as the official
  Python SDK does (``tencentcloud.common.abstract_client._get_tc3_signature``).
"""
from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from datetime import UTC, datetime
from urllib.parse import quote

ACS3 = "ACS3-HMAC-SHA256"
TC3 = "TC3-HMAC-SHA256"


def _sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _hmac(key: bytes, message: str) -> bytes:
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).digest()


def percent_encode(value: str) -> str:
    """RFC 3986: everything but ``A-Z a-z 0-9 - _ . ~`` is %XX-encoded (space is %20)."""
    return quote(value, safe="")


def canonical_query(params: Mapping[str, str]) -> str:
    """The query string, sorted by name and percent-encoded — sent exactly as signed."""
    return "&".join(
        f"{percent_encode(name)}={percent_encode(value)}" for name, value in sorted(params.items())
    )


def acs3_headers(*, access_key_id: str, access_key_secret: str, host: str, action: str,
                 version: str, query: Mapping[str, str], now: datetime, nonce: str,
                 body: bytes = b"", method: str = "POST") -> dict[str, str]:
    """Headers (Authorization included) for an Aliyun RPC call with its parameters in the query."""
    payload_hash = _sha256_hex(body)
    headers = {
        "host": host,
        "x-acs-action": action,
        "x-acs-version": version,
        "x-acs-date": now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "x-acs-signature-nonce": nonce,
        "x-acs-content-sha256": payload_hash,
    }
    signed = sorted(headers)
    canonical_request = "\n".join([
        method,
        "/",
        canonical_query(query),
        "".join(f"{name}:{headers[name].strip()}\n" for name in signed),
        ";".join(signed),
        payload_hash,
    ])
    string_to_sign = f"{ACS3}\n{_sha256_hex(canonical_request.encode('utf-8'))}"
    signature = hmac.new(access_key_secret.encode("utf-8"), string_to_sign.encode("utf-8"),
                         hashlib.sha256).hexdigest()
    headers["Authorization"] = (
        f"{ACS3} Credential={access_key_id},SignedHeaders={';'.join(signed)},Signature={signature}"
    )
    return headers


def tc3_headers(*, secret_id: str, secret_key: str, host: str, service: str, action: str,
                version: str, region: str, payload: bytes, timestamp: int,
                content_type: str = "application/json") -> dict[str, str]:
    """Headers (Authorization included) for a Tencent Cloud API 3.0 JSON POST."""
    date = datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d")
    canonical_request = (
        f"POST\n/\n\ncontent-type:{content_type}\nhost:{host}\n\n"
        f"content-type;host\n{_sha256_hex(payload)}"
    )
    scope = f"{date}/{service}/tc3_request"
    string_to_sign = f"{TC3}\n{timestamp}\n{scope}\n{_sha256_hex(canonical_request.encode('utf-8'))}"
    key = _hmac(_hmac(_hmac(f"TC3{secret_key}".encode("utf-8"), date), service), "tc3_request")
    signature = hmac.new(key, string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    return {
        "Authorization": (
            f"{TC3} Credential={secret_id}/{scope}, SignedHeaders=content-type;host, "
            f"Signature={signature}"
        ),
        "Content-Type": content_type,
        "Host": host,
        "X-TC-Action": action,
        "X-TC-Timestamp": str(timestamp),
        "X-TC-Version": version,
        "X-TC-Region": region,
    }
