"""Reading the leave commands' options: half-day moments, kinds, and the input models with every
problem named by its Chinese field title."""
from __future__ import annotations

import re
from datetime import date

from pydantic import BaseModel, ValidationError

from models.core.errors import InvalidInput, ValidationFailed
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
        raise InvalidInput(field, f"「{text}」应为 YYYY-MM-DD，可加 上午/下午（如 2026-03-04下午）")
    return day, _HALVES[match.group(2)] if match.group(2) else default


def parse_kind(text: str) -> LeaveKind:
    for kind, label in KIND_LABELS.items():
        if text.strip() in (kind.value, label, *label.split("/")):
            return kind
    choices = "、".join(f"{label}({kind.value})" for kind, label in KIND_LABELS.items())
    raise InvalidInput("--kind", f"「{text}」不是请假类别，可选：{choices}")


def _message(error: dict) -> str:
    context = error.get("ctx") or {}
    messages = {"missing": "必填", "string_too_short": "必填", "too_short": "至少需要一项",
                "string_too_long": f"不能超过 {context.get('max_length')} 个字符", "enum": "取值无效"}
    return messages.get(error["type"], "格式不正确")


def build(model: type[BaseModel], **values) -> BaseModel:
    """The model, or every problem at once named by the field's Chinese title."""
    try:
        return model(**values)
    except ValidationError as error:
        problems = []
        for e in error.errors():
            name = str(e["loc"][0]) if e["loc"] else ""
            title = model.model_fields[name].title if name in model.model_fields else name
            problems.append(InvalidInput(title or name, _message(e)))
        raise ValidationFailed(problems) if len(problems) > 1 else problems[0] from None
