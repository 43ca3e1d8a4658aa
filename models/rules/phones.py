"""Telephone numbers as people type them, checked and normalised once for every form and the SMS layer.

A mobile number is a mainland number `1[3-9]` + 9 digits: what an SMS can reach (首问负责制度 一,
一次性告知制度: the applicant is told by SMS; 投诉处置规定 三(二)1: the complainant's contact is
recorded for the answer). However it is written — full-width digits (NFKC), spaces, hyphens, dots,
brackets, zero-width characters, +86 / 0086 / 86 before it — it is kept as its 11 digits. A landline
(a department's telephone) is an area code (010, 02x: three digits; the others four) and a 7–8 digit
number, kept as 021-12345678, an extension (转 801, #801, ext 801) as 021-12345678转801.

`MobileNumber` and `PhoneNumber` are the pydantic types (an empty value stays empty: the fields are
optional), refusing with a Chinese reason. Pure: no I/O.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import AfterValidator

from models.rules.text_fields import one_line

# What people put between digits: spaces, hyphens and dashes (ASCII, Unicode, full width), dots,
# brackets, zero-width characters. Shared with the masking of numbers in free text (models/rules/masking.py).
SEPARATOR = r"[\s\-.\u2010-\u2015\u2212\u30fc\uff0d\uff0e()\uff08\uff09\u200b-\u200d\u2060\ufeff]"
_SEPARATORS = re.compile(SEPARATOR)
_MOBILE = re.compile(r"1[3-9]\d{9}")
_COUNTRY = re.compile(r"^(?:\+86|0086|86)(?=1\d{10}$)")
_LANDLINE = re.compile(r"(0[12]\d|0[3-9]\d{2})(\d{7,8})")
_EXTENSION = re.compile(r"(?:转|#|ext\.?|x)(\d{1,6})$", re.IGNORECASE)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")

MOBILE_RULE = "应为11位手机号码（以13–19开头；可带+86、空格或短横线）"
PHONE_RULE = "应为11位手机号码，或带区号的固定电话（如 021-59731234，分机写作 转801）"


def _compact(raw: str) -> str:
    """NFKC (full-width １３９ → 139, ＋ → +) with every separator dropped."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", raw))


def mobile_or_none(raw: str) -> str | None:
    """The 11 digits of a mainland mobile number however written, or None when it is not one."""
    digits = _COUNTRY.sub("", _compact(raw), count=1)
    return digits if _MOBILE.fullmatch(digits) else None


def landline_or_none(raw: str) -> str | None:
    """A landline with its area code as 021-12345678 (转801 for an extension), or None."""
    compact = _compact(raw)
    extension = _EXTENSION.search(compact)
    number = compact[:extension.start()] if extension else compact
    for country in ("+86", "0086"):  # +86 21 5973 1234: the area code without its 0
        if number.startswith(country):
            number = number[len(country):]
            number = number if number.startswith("0") else "0" + number
            break
    match = _LANDLINE.fullmatch(number)
    if match is None:
        return None
    return f"{match.group(1)}-{match.group(2)}" + (f"转{extension.group(1)}" if extension else "")


def mobile(value: str) -> str:
    """A mobile number's 11 digits; "" stays ""; anything else refused (ValueError, Chinese)."""
    if not value:
        return value
    if (digits := mobile_or_none(value)) is None:
        raise ValueError(f"「{value}」不是有效的手机号码：{MOBILE_RULE}")
    return digits


def phone(value: str) -> str:
    """A mobile number or a landline with its area code, normalised; "" stays ""."""
    if not value:
        return value
    normalised = mobile_or_none(value) or landline_or_none(value)
    if normalised is None:
        raise ValueError(f"「{value}」不是有效的电话号码：{PHONE_RULE}")
    return normalised


MobileNumber = Annotated[str, AfterValidator(one_line), AfterValidator(mobile)]
PhoneNumber = Annotated[str, AfterValidator(one_line), AfterValidator(phone)]


def normalize_contact(contact: str) -> str:
    """A citizen's contact (a complainant's, an applicant's): '139-1234 5678' → '13912345678'; an e-mail
    address, or anything else, stays as it is (stripped)."""
    value = (contact or "").strip()
    return mobile_or_none(value) or value


def contact_channel(contact: str) -> str | None:
    """'sms' for a mainland mobile number, 'email' for an address, None otherwise."""
    value = normalize_contact(contact)
    if _MOBILE.fullmatch(value):
        return "sms"
    return "email" if _EMAIL.fullmatch(value) else None
