"""Every refusal a converter can give is Chinese (issue 28 defect 11): each input model of every procedure —
the submissions, the decision forms of their work items, the import files' rows — is driven field by field
with bad values of every kind (empty, too long, malformed dates and times, numbers out of range, wrong
types, an invalid IP address, a NUL byte, unknown choices), and every message `input_problems` makes of
pydantic's errors (through `reason_of`, or a validator's own) must read in Chinese: none ASCII-only, none
with an English word once the echoed value 「…」 and the codes given with their Chinese label — sick（病假）
— are set aside."""
from __future__ import annotations

import importlib
import inspect
import re

import pytest
from pydantic import BaseModel, ValidationError

from models.core.errors import input_problems
from models.core.forms import FORMS
from models.procedures import PROCEDURES, decision_forms

ISSUE_28_DEFECTS = (11,)  # issue 28 is not yet in reliability.summary.PROBES: the lead adds it

# Where the input models are: each procedure's inputs (its package's, named by its forms or its machine),
# the API's, and the shared ones (an arrival's 人员登记表, the calendar, organisation and ranking files).
CORE = ("models.api.inputs", "models.core.arrivals", "models.core.calendar_import", "models.core.org_import")
BAD = ("", " ", "x" * 5000, "2026-13-45", "2026-02-30T25:61", "abc", "true1", -1, 0, 10**12, 1.5,
       "10.20.300.15", "255.255.255.7", "1.2.3", "\x00", {"a": 1}, ["x"], [{"a": 1}], None, "<b>x</b>")
# Formats a clerk types as written (the date and time patterns), and yes/no as a command line takes it.
FORMATS = ("YYYY-MM-DD", "HH:MM", "YYYY", "true", "false", "IP", "NUL", "CSV", "YAML")


def _modules() -> list[str]:
    packages = {spec.machine.split(":")[0].rsplit(".", 1)[0] for spec in PROCEDURES}
    return sorted({f"{package}.inputs" for package in packages} | set(CORE))


def _is_input(value) -> bool:
    return (inspect.isclass(value) and issubclass(value, BaseModel) and value.__module__.startswith("models.")
            and not hasattr(value, "__table__") and value is not BaseModel)


def input_models() -> dict[str, type[BaseModel]]:
    found = {}
    for name in _modules():
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        found |= {f"{v.__module__}.{v.__qualname__}": v for v in vars(module).values() if _is_input(v)}
    found |= {f"{v.__module__}.{v.__qualname__}": v for v in {**FORMS, **decision_forms()}.values()}
    return {name: model for name, model in found.items() if model.model_fields}  # a base with no fields: its subclasses


MODELS = input_models()


def english(message: str) -> list[str]:
    text = re.sub(r"「[^」]*」", "", message)  # the value echoed, a code quoted
    text = re.sub(r"[A-Za-z0-9_.\-]+（[^）]*）", "", text)  # a code with its Chinese label: sick（病假）
    for allowed in FORMATS:
        text = text.replace(allowed, "")
    return re.findall(r"[A-Za-z]{3,}|\b(?:or|and|is|to|of)\b", text)


def messages(model: type[BaseModel]) -> dict[str, set[tuple[str, str]]]:
    """{message: {(field, bad value)}} of every refusal of one field's bad values."""
    out: dict[str, set[tuple[str, str]]] = {}
    for field in model.model_fields:
        for bad in BAD:
            try:
                model.model_validate({field: bad})
            except ValidationError as error:
                for problem in input_problems(error, model):
                    if problem.field.split(".")[0] == field:
                        out.setdefault(problem.message, set()).add((field, repr(bad)[:24]))
    return out


def test_the_models_of_every_procedure_are_driven():
    kinds = {name.split(".")[1] for name in MODELS}
    assert {"leave", "complaint", "rotation", "staff_return", "matter", "service_case", "patrol", "training",
            "it_access", "api", "core"} <= kinds
    assert len(MODELS) >= 30


@pytest.mark.parametrize("name", sorted(MODELS))
def test_every_refusal_of_every_field_reads_in_chinese(name):
    found = messages(MODELS[name])
    assert found, f"{name}: no bad value was refused"
    wrong = {message: sorted(where)[:2] for message, where in found.items()
             if not re.search(r"[\u4e00-\u9fff]", message) or english(message)}
    assert wrong == {}


def test_an_unknown_choice_names_each_choice_with_its_chinese_label():
    from models.leave.inputs import LeaveApplication

    with pytest.raises(ValidationError) as refused:
        LeaveApplication.model_validate({"kind": "holiday"})
    [kind] = [p for p in input_problems(refused.value, LeaveApplication) if p.field == "kind"]
    assert "sick（病假）" in kind.message and "outing（中心统一安排外出）" in kind.message and " or " not in kind.message


def test_a_choice_given_as_a_list_is_refused_not_a_crash():
    from models.complaint.inputs import InvestigationForm

    with pytest.raises(ValidationError):
        InvestigationForm.model_validate({"findings": "x", "reply": "y", "verdict": {"a": 1}})

