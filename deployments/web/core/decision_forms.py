"""A work item's decision form as a web form, built from the form's own pydantic model (the same
`models.core.forms.form_model` the flows validate against): Chinese titles as labels, enums as choices."""
from __future__ import annotations

import types
import typing
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import Enum

from pydantic.fields import FieldInfo

from models.core.forms import form_model


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    help: str
    widget: str  # approve | checkbox | select | date | datetime | number | text | area
    options: tuple[tuple[str, str], ...] = ()
    required: bool = False
    # A date counted in working days (a deadline, an arrival) is checked against the calendar's range;
    # one that is not (a birth date, declared `calendar=False` on its field) is not.
    in_calendar: bool = True


def enum_labels() -> dict[type, dict]:
    """The Chinese labels of the enums that decision forms use, keyed by the enum class."""
    from models.core.arrivals import EMPLOYMENT_LABELS, POLITICAL_LABELS
    from models.complaint.rules import VERDICT_LABELS

    return {type(next(iter(labels))): labels for labels in (VERDICT_LABELS, POLITICAL_LABELS, EMPLOYMENT_LABELS)}


def _plain(annotation):
    """`X | None` → X."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


def _max_length(info: FieldInfo) -> int | None:
    return next((m.max_length for m in info.metadata if getattr(m, "max_length", None)), None)


def _field(name: str, info: FieldInfo) -> FormField | None:
    kind = _plain(info.annotation)
    label, help_, required = info.title or name, info.description or "", info.is_required()
    if kind is bool:
        return FormField(name, label, help_, "approve" if name == "approve" else "checkbox", required=required)
    if isinstance(kind, type) and issubclass(kind, Enum):
        labels = enum_labels().get(kind, {})
        options = tuple((m.value, labels.get(m, m.value)) for m in kind)
        return FormField(name, label, help_, "select", options, required)
    if typing.get_origin(kind) is typing.Literal:
        return FormField(name, label, help_, "select", tuple((v, v or "—") for v in typing.get_args(kind)), required)
    widgets = {date: "date", datetime: "datetime", int: "number", float: "number"}
    if kind in widgets:
        in_calendar = (info.json_schema_extra or {}).get("calendar", True)
        return FormField(name, label, help_, widgets[kind], required=required, in_calendar=in_calendar)
    if kind is str:
        long = (_max_length(info) or 10_000) > 200
        return FormField(name, label, help_, "area" if long else "text", required=required)
    return None


def model_fields(model, *, leave_out=()) -> list[FormField]:
    """The fields of an input model a web form can show, but those in `leave_out` (laid out by hand)."""
    fields = [_field(name, info) for name, info in model.model_fields.items() if name not in leave_out]
    return [f for f in fields if f is not None]


def fields_of(form: str) -> list[FormField] | None:
    """The form's fields, or None when one of them cannot be typed into a web form."""
    model = form_model(form)
    if model is None:
        return None
    fields = [_field(name, info) for name, info in model.model_fields.items()]
    return None if any(f is None for f in fields) else fields


def fields_for(session, item) -> list[FormField] | None:
    """The fields of a work item's form, those its procedure lists for the case (models.procedures
    decision_choices) as a select of what may be picked."""
    from models.procedures import decision_choices

    fields = fields_of(item.form)
    choices = decision_choices().get(item.form, {})
    if fields is None or not choices:
        return fields
    return [replace(f, widget="select", options=tuple(choices[f.name](session=session, item=item)))
            if f.name in choices else f for f in fields]


def decision_from(fields: list[FormField], posted: typing.Mapping[str, str]) -> dict:
    """The posted values as the form model expects them; an empty optional field is left out."""
    decision: dict = {}
    for field in fields:
        value = posted.get(field.name, "")
        value = value.strip() if isinstance(value, str) else ""
        if field.widget == "checkbox":
            decision[field.name] = value == "true"
        elif field.widget == "approve":
            if value in ("true", "false"):
                decision[field.name] = value == "true"
        elif value:
            decision[field.name] = value
    return decision
