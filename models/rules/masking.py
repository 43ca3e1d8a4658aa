"""Personal data masking (DESIGN.md §5): complainants' names and phone numbers are masked
wherever they are not needed (SMS to staff, logs, artifacts)."""
from __future__ import annotations

import re

_PHONE = re.compile(r"(?<!\d)(1\d{2})\d{4}(\d{4})(?!\d)")


def mask_phone(value: str) -> str:
    """13812345678 → 138****5678; anything else keeps only its last 2 characters."""
    value = (value or "").strip()
    if _PHONE.fullmatch(value):
        return _PHONE.sub(r"\1****\2", value)
    if "@" in value:
        local, _, domain = value.partition("@")
        return f"{local[:1]}***@{domain}"
    return "*" * max(len(value) - 2, 0) + value[-2:] if value else ""


def mask_name(value: str) -> str:
    """张三丰 → 张**; a single character stays."""
    value = (value or "").strip()
    return value[:1] + "*" * (len(value) - 1) if value else ""


def mask_text(text: str) -> str:
    """Mask every mobile number that appears inside free text."""
    return _PHONE.sub(r"\1****\2", text or "")


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def mask_contacts(text: str) -> str:
    """Mask every mobile number and e-mail address inside free text (e.g. a library's log line)."""
    return _EMAIL.sub(lambda m: mask_phone(m.group(0)), mask_text(text))
