"""Reading the leave commands' options: half-day moments, kinds, and the input models with every
problem named by its field and Chinese title (models.core.errors.validated)."""
from __future__ import annotations

import re
from datetime import date

from pydantic import BaseModel

from models.core.errors import InvalidInput, validated
from models.leave.rules import KIND_LABELS, Half, LeaveKind

_MOMENT = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*(上午|下午|am|pm)?$")
_HALVES = {"上午": Half.am, "am": Half.am, "下午": Half.pm, "pm": Half.pm}


def parse_moment(text: str, field: str, default: Half) -> tuple[date, Half]:
    """'2026-03-04', '2026-03-04上午', '2026-03-04 pm' → (day, half)."""
    match = _MOMENT.match(text.strip())
    try:
        day = date.fromisoformat(match.group(1)) if match else None
    except ValueError:
        day = None
    if day is None:
        raise InvalidInput(field=field, message=f"「{text}」应为 YYYY-MM-DD，可加 上午/下午（如 2026-03-04下午）")
    return day, _HALVES[match.group(2)] if match.group(2) else default


def parse_kind(text: str) -> LeaveKind:
    for kind, label in KIND_LABELS.items():
        if text.strip() in (kind.value, label, *label.split("/")):
            return kind
    choices = "、".join(f"{label}({kind.value})" for kind, label in KIND_LABELS.items())
    raise InvalidInput(field="--kind", message=f"「{text}」不是请假类别，可选：{choices}")


def build(model: type[BaseModel], **values) -> BaseModel:
    """The model, or every problem at once, each named by its field and the field's Chinese title
    (the one converter, models.core.errors.validated)."""
    return validated(model, values)
