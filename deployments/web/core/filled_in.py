"""What someone filled in, as people read it: every field of a pydantic input model (a submission or
a work item's decision form, models.core.forms.form_model) with its Chinese title, enums by their
Chinese labels, yes/no, lists joined, nested models titled "办事指南 · 办理依据". Free text goes
through `text` (the case's masking rule, models.rules.masking) and stays data: the page escapes it."""
from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from pydantic import BaseModel

from deployments.web.core.decision_forms import _plain, enum_labels
from models.core.forms import form_model

EMPTY = "—"


def _labels() -> dict:
    """{enum member: label} of every enum the desk's input models use."""
    from models.matter.inputs import KIND_LABELS, ORIGINAL_LABELS, REQUEST_LABELS

    merged = {k: v for labels in enum_labels().values() for k, v in labels.items()}
    return {**merged, **KIND_LABELS, **ORIGINAL_LABELS, **REQUEST_LABELS}


def _model_of(annotation) -> type[BaseModel] | None:
    kind = _plain(annotation)
    return kind if isinstance(kind, type) and issubclass(kind, BaseModel) else None


def _item_model(annotation) -> type[BaseModel] | None:
    args = getattr(_plain(annotation), "__args__", ())
    return _model_of(args[0]) if len(args) == 1 else None


def _enum_of(annotation) -> type[Enum] | None:
    kind = _plain(annotation)
    return kind if isinstance(kind, type) and issubclass(kind, Enum) else None


def value_text(value, text: Callable[[str], str] = str, enum: type[Enum] | None = None) -> str:
    """One value in words; `enum` the field's enum, whose members read by their Chinese labels."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if enum is not None or isinstance(value, Enum):
        return _labels().get(value, text(str(value)))
    if isinstance(value, list):
        return "、".join(value_text(v, text) for v in value)
    if isinstance(value, dict):
        return "；".join(value_text(v, text) for v in value.values() if v not in (None, "", []))
    return text(value) if isinstance(value, str) else str(value)


def filled_in(model: type[BaseModel], data: dict, *, text: Callable[[str], str] = str,
              prefix: str = "") -> list[tuple[str, str]]:
    """(title, value) of every field of `model` in `data`, in the model's order; nested models and
    lists of models are spelled out field by field (申报材料 1 · 材料名称)."""
    rows: list[tuple[str, str]] = []
    for name, info in model.model_fields.items():
        if name not in data:
            continue
        title, value = f"{prefix}{info.title or name}", data[name]
        nested, items = _model_of(info.annotation), _item_model(info.annotation)
        if nested is not None and isinstance(value, dict):
            rows += filled_in(nested, value, text=text, prefix=f"{title} · ")
        elif items is not None and isinstance(value, list) and value:
            for n, entry in enumerate(value, 1):
                rows += filled_in(items, entry, text=text, prefix=f"{title} {n} · ")
        else:
            rows.append((title, value_text(value, text, _enum_of(info.annotation))))
    return rows


def decision_rows(form: str, decision: dict | None, *, text: Callable[[str], str] = str) -> list[tuple[str, str]]:
    """A decided work item's decision, field by field with its form's titles ([] for an unknown form)."""
    model = form_model(form)
    return filled_in(model, decision or {}, text=text) if model is not None else []
