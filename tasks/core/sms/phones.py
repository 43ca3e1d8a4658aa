"""Mainland mobile numbers: normalising, masking for logs, and adding them to a plugin URL."""
from __future__ import annotations

import re
from collections.abc import Iterable

from models.core.errors import InvalidInput

_MAINLAND_MOBILE = re.compile(r"1[3-9]\d{9}")
_SEPARATORS = re.compile(r"[\s\-()]")


def normalize_phone(raw: str) -> str:
    """``+86 138-0013-8000`` → ``13800138000``; anything else than a mainland mobile is refused."""
    digits = _SEPARATORS.sub("", str(raw))
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            digits = digits[len(prefix):]
            break
    else:
        if len(digits) == 13 and digits.startswith("86"):
            digits = digits[2:]
    if not _MAINLAND_MOBILE.fullmatch(digits):
        raise InvalidInput("手机号", f"「{raw}」不是有效的中国大陆手机号")
    return digits


def mask_phone(phone: str) -> str:
    """``13800138000`` → ``138****8000`` (for logs)."""
    return f"{phone[:3]}****{phone[-4:]}" if len(phone) >= 7 else "****"


def url_with_phones(url: str, phones: Iterable[str]) -> str:
    """Append numbers to the path of an ``aliyunsms://`` / ``tencentsms://`` URL (query kept)."""
    base, separator, query = url.partition("?")
    path = "/".join(normalize_phone(phone) for phone in phones)
    return f"{base.rstrip('/')}/{path}{separator}{query}"
