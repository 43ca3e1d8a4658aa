"""What a typed-in text may hold (issue 26 item 12). A one-line field — a name, a title, a training's
topic, an id — becomes an e-mail subject, an SMS, a document's heading or a table cell: a line break in
it would cut the subject and start a header of the caller's choosing, so control characters are
refused with the field named (窗口服务信息公开制度, preamble: what the center publishes and sends is
accurate — 准确获得有关信息 — with no header or line smuggled in). A multi-line field — a complaint's content, a reason, findings — keeps its line
breaks (as \\n) and loses every other control character silently — but a NUL, which no store keeps
and no person types, is refused as everywhere else (issue 26 item 6)."""
from __future__ import annotations

import unicodedata
from typing import Annotated

from pydantic import AfterValidator

from models.core.errors import NUL_REFUSED

# Cc: C0 and C1 controls (tab, CR, LF, NUL, ESC, …); Zl, Zp: the Unicode line and paragraph separators.
_BREAKING = {"Cc", "Zl", "Zp"}


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) in _BREAKING


def one_line(value: str) -> str:
    """`value` unchanged, or a Chinese refusal when it holds a NUL, a line break or another control character."""
    if "\x00" in value:
        raise ValueError(NUL_REFUSED)
    if any(_is_control(ch) for ch in value):
        raise ValueError("应为一行文字，不能含换行符、制表符或其他控制字符")
    return value


def multi_line(value: str) -> str:
    """`value` with its line breaks as \\n (CR LF, CR, U+2028/2029 included) and no other control character;
    a NUL is refused."""
    if "\x00" in value:
        raise ValueError(NUL_REFUSED)
    lines = value.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    return "".join(ch for ch in lines if ch == "\n" or not _is_control(ch))


OneLine = Annotated[str, AfterValidator(one_line)]
MultiLine = Annotated[str, AfterValidator(multi_line)]
