"""One-line fields refuse control characters; multi-line fields keep their line breaks and lose every
other control character (issue 26 item 12) — checked on every field of every procedure's input model."""
from __future__ import annotations

import importlib
import inspect
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from models.rules.text_fields import MultiLine, OneLine, multi_line, one_line

ISSUE_26_DEFECTS = (12,)  # counted in the reliability summary when these tests pass

ROOT = Path(__file__).resolve().parent.parent.parent
BREAKS = ["甲\r\nBcc: evil@example.com", "甲\nSubject: x", "甲\r乙", "甲\x00乙", "甲\t乙", "甲\x1b[31m乙",
          "甲\u2028乙", "甲\x85乙"]
# A string field that is neither: the roll call's ids, split on any whitespace and joined with commas.
SPLIT_ON_WHITESPACE = {("RollCallForm", "present")}


def input_models() -> list[type[BaseModel]]:
    models = []
    imports = [ROOT / "models" / "core" / f"{name}.py" for name in ("forms", "org_import", "org_edit", "calendar_import")]
    for path in [*sorted(ROOT.glob("models/*/inputs.py")), *imports]:
        module = importlib.import_module(f"models.{path.parent.name}.{path.stem}")
        models += [m for _, m in inspect.getmembers(module, inspect.isclass)
                   if issubclass(m, BaseModel) and m.__module__ == module.__name__]
    return models


def text_fields(kind) -> list[tuple[type[BaseModel], str]]:
    def holds(annotation) -> bool:
        return annotation is kind or any(holds(a) for a in typing.get_args(annotation))
    return [(m, name) for m in input_models() for name in m.__annotations__
            if name in m.model_fields and holds(typing.get_type_hints(m, include_extras=True)[name])]


def has_pattern(model, name) -> bool:
    """A field whose pattern allows no control character already (an id, a phone number, an address)."""
    return any(getattr(m, "pattern", None) for m in model.model_fields[name].metadata)


def field_errors(model, name, value) -> list[dict]:
    """The errors of `value` (or [value] for a list field) as the field's type — OneLine, MultiLine —
    validates it; the field's length limits apart."""
    annotation = typing.get_type_hints(model, include_extras=True)[name]
    value = [value] if list in (typing.get_origin(a) for a in (annotation, *typing.get_args(annotation))) else value
    try:
        TypeAdapter(annotation).validate_python(value)
    except ValidationError as error:
        return error.errors()
    return []


def test_every_text_field_of_every_input_is_one_line_or_multi_line():
    plain = [(m.__name__, name) for m in input_models() for name, hint in typing.get_type_hints(m).items()
             if name in m.model_fields and hint in (str, str | None, list[str])
             and typing.get_type_hints(m, include_extras=True)[name] == hint and not has_pattern(m, name)]
    assert set(plain) <= SPLIT_ON_WHITESPACE, plain
    assert len(text_fields(OneLine)) > 60 and len(text_fields(MultiLine)) > 20


@pytest.mark.parametrize("text", BREAKS)
def test_every_one_line_field_refuses_a_control_character(text):
    fields = text_fields(OneLine)
    assert fields
    for model, name in fields:
        errors = field_errors(model, name, text)
        reason = "空字符" if "\x00" in text else "应为一行文字"  # a NUL is refused as in every other input
        assert errors and reason in str(errors[0]["ctx"]["error"]), (model.__name__, name)


def test_every_multi_line_field_keeps_its_line_breaks_only():
    fields = text_fields(MultiLine)
    assert fields
    for model, name in fields:
        assert not [e for e in field_errors(model, name, "第一行\r\n第二行\x1b\t") if e["type"] == "value_error"]
    assert multi_line("第一行\r\n第二行\r第三行\u2028第四行\x1b[31m\t") == "第一行\n第二行\n第三行\n第四行[31m"


def test_every_multi_line_field_refuses_a_nul():
    """No store keeps a NUL and no person types one: refused as in every other input (issue 26 item 6)."""
    for model, name in text_fields(MultiLine):
        errors = field_errors(model, name, "第一行\x00")
        assert errors and "空字符" in str(errors[0]["ctx"]["error"]), (model.__name__, name)


def test_plain_text_passes_unchanged():
    text = "好差评制度解读（第2期）·张三 <a@b.cn> 13912345678"
    assert one_line(text) == text and multi_line(text) == text
