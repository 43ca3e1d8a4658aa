"""Personal data masking (docs/architecture.md): complainants' names and phone numbers are masked
wherever they are not needed (SMS to staff, logs, artifacts).

`complainant_view` is the one rule for every view of a complaint — the command line, the web
desk, the documents and the e-mails to staff: whoever does not handle it sees the complainant's name,
contact, and any number, e-mail address or their name written inside free text, masked
(投诉处置规定 三(一): the complainant's details serve the handling of the complaint only)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from models.rules.phones import SEPARATOR

# A number as people write it: digits (any width) with separators between them (models/rules/phones.py)
# and perhaps the country code +86 before it.
_DIGIT_RUN = re.compile(rf"(?:[+\uff0b(\uff08]{SEPARATOR}*)?(?<!\d)\d+(?:{SEPARATOR}+\d+)*(?!\d)")
_GROUP = re.compile(r"\d+")
_MOBILE = re.compile(r"(?:86)?(1\d{2})\d{4}(\d{4})")
# Area codes: 010 and 02x have three digits, the others four; the subscriber number 7 or 8.
_LANDLINE = re.compile(r"(?:86)?(0[12]\d|0[3-9]\d{2})\d{3,4}(\d{4})")


def _digits(value: str) -> str:
    """The digits of `value` as ASCII, after NFKC (full-width １３９ → 139); separators dropped."""
    return "".join(str(unicodedata.decimal(ch)) for ch in unicodedata.normalize("NFKC", value) if ch.isdecimal())


def _masked_number(digits: str) -> str | None:
    """A mobile number → 139****5678; a landline with its area code keeps its last 2 digits only
    (as `mask_phone` shows a landline contact); anything else → None."""
    if match := _MOBILE.fullmatch(digits):
        return f"{match.group(1)}****{match.group(2)}"
    if match := _LANDLINE.fullmatch(digits):
        local = digits[match.start(1):]
        return "*" * (len(local) - 2) + local[-2:]
    return None


def _mask_run(run: str) -> str:
    """Mask the numbers inside one run of digit groups: the longest span of whole groups that is a
    number, from each group on (so 12 13912345678 masks the second group and keeps the first)."""
    groups = list(_GROUP.finditer(run))
    pieces, done, i = [], 0, 0
    while i < len(groups):
        for j in range(len(groups), i, -1):
            masked = _masked_number(_digits(run[groups[i].start():groups[j - 1].end()]))
            if masked is not None:
                start = 0 if i == 0 else groups[i].start()
                pieces += [run[done:start], masked]
                done, i = groups[j - 1].end(), j
                break
        else:
            i += 1
    return "".join(pieces) + run[done:]


def mask_phone(value: str) -> str:
    """13812345678 (however written: 138-1234-5678, +86 138 1234 5678, full width) → 138****5678;
    an e-mail address → a***@domain; anything else keeps only its last 2 characters."""
    value = (value or "").strip()
    if _DIGIT_RUN.fullmatch(value) and (match := _MOBILE.fullmatch(_digits(value))):
        return f"{match.group(1)}****{match.group(2)}"
    if "@" in value:
        local, _, domain = value.partition("@")
        return f"{local[:1]}***@{domain}"
    return "*" * max(len(value) - 2, 0) + value[-2:] if value else ""


def mask_name(value: str) -> str:
    """张三丰 → 张**; a single character stays."""
    value = (value or "").strip()
    return value[:1] + "*" * (len(value) - 1) if value else ""


def mask_text(text: str) -> str:
    """Mask every phone number that appears inside free text — mobile numbers and landlines with their
    area code, however written: separators, zero-width characters, full-width digits, +86."""
    return _DIGIT_RUN.sub(lambda m: _mask_run(m.group(0)), text or "")


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
