"""Mainland mobile numbers: normalising, and adding them to a plugin URL."""
from __future__ import annotations

from collections.abc import Iterable

from models.core.errors import InvalidInput
from models.rules.phones import mobile_or_none

def normalize_phone(raw: str) -> str:
    """``+86 138-0013-8000`` → ``13800138000`` (models/rules/phones.py); anything else than a mainland
    mobile is refused."""
    digits = mobile_or_none(str(raw))
    if digits is None:
        raise InvalidInput(field="手机号", message=f"「{raw}」不是有效的中国大陆手机号")
    return digits


def url_with_phones(url: str, phones: Iterable[str]) -> str:
    """Append numbers to the path of an ``aliyunsms://`` / ``tencentsms://`` URL (query kept)."""
    base, separator, query = url.partition("?")
    path = "/".join(normalize_phone(phone) for phone in phones)
    return f"{base.rstrip('/')}/{path}{separator}{query}"
