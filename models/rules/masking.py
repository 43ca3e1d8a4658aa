"""Personal data masking (docs/architecture.md): complainants' names and phone numbers are masked
wherever they are not needed (SMS to staff, logs, artifacts).

`complainant_view` is the one rule for every view of a complaint — the command line, the web
desk, the documents and the e-mails to staff: whoever does not handle it sees the complainant's name,
contact, and any number, e-mail address or their name written inside free text, masked
(投诉处置规定 三(一): the complainant's details serve the handling of the complaint only)."""
from __future__ import annotations

import re
from dataclasses import dataclass

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


# ASCII only: in Chinese text an address follows a word with no space (邮箱a@b.cn), and \w would take
# the word into the address (and mask it away).
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII)


def mask_contacts(text: str) -> str:
    """Mask every mobile number and e-mail address inside free text (e.g. a library's log line)."""
    return _EMAIL.sub(lambda m: mask_phone(m.group(0)), mask_text(text))


def mask_personal(text: str, *, names: set[str] | frozenset[str] = frozenset(),
                  contacts: set[str] | frozenset[str] = frozenset()) -> str:
    """`text` with these people's names and contacts masked wherever they appear (longest first, so a
    name inside a longer one is not half-masked), and every other mobile number and e-mail address."""
    text = text or ""
    for value in sorted({v.strip() for v in (*names, *contacts) if v and v.strip()}, key=len, reverse=True):
        text = text.replace(value, mask_name(value) if value in names else mask_phone(value))
    return mask_contacts(text)


@dataclass(frozen=True)
class ComplainantView:
    """A complainant's personal data as one viewer may see it."""

    full: bool
    raw_name: str
    raw_contact: str

    @property
    def name(self) -> str:
        return self.raw_name if self.full else mask_name(self.raw_name)

    @property
    def contact(self) -> str:
        return self.raw_contact if self.full else mask_phone(self.raw_contact)

    def text(self, value: str | None) -> str:
        """Free text about the complaint (its content, findings, reply, an extension's reason)."""
        if self.full:
            return value or ""
        return mask_personal(value or "", names={self.raw_name.strip()} - {""},
                             contacts={self.raw_contact.strip()} - {""})


def complainant_view(*, name: str | None, contact: str | None, full: bool) -> ComplainantView:
    """`full` only for whoever handles the complaint now (models.complaint.store.may_see_personal_data)."""
    return ComplainantView(full=full, raw_name=(name or "").strip(), raw_contact=(contact or "").strip())
