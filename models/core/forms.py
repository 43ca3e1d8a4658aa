"""Decision forms: what a person decides on a work item, validated before it is recorded."""
from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from models.core.errors import InvalidInput, ValidationFailed


class DecisionForm(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ApproveForm(DecisionForm):
    """同意 / 不同意, with a comment; a refusal must say why."""

    approve: bool = Field(title="是否同意")
    comment: str = Field(default="", max_length=2000, title="意见")

    @model_validator(mode="after")
    def _reason_for_refusal(self):
        if not self.approve and not self.comment:
            raise ValueError("不同意时必须填写理由（comment）")
        return self


class AcknowledgeForm(DecisionForm):
    """A step that is only confirmed (已办理), with an optional note."""

    comment: str = Field(default="", max_length=2000, title="备注")


FORMS: dict[str, type[DecisionForm]] = {"approve": ApproveForm, "acknowledge": AcknowledgeForm}


def register_form(name: str, form: type[DecisionForm]) -> None:
    FORMS[name] = form


# A form's rules that need the case (e.g. an exception must cover the checks that fail now):
# guard(*, session, item, decision) raises a CenterError, and the decision is not kept.
GUARDS: dict[str, Callable[..., None]] = {}


def register_guard(name: str, guard: Callable[..., None]) -> None:
    GUARDS[name] = guard


def check_decision(*, session, item, decision: dict) -> None:
    guard = GUARDS.get(item.form)
    if guard is not None:
        guard(session=session, item=item, decision=decision)


def validate_decision(form: str, decision: dict) -> dict:
    if form not in FORMS:
        import models.catalog  # noqa: F401  (each procedure registers its forms)
    model = FORMS.get(form)
    if model is None:
        raise InvalidInput("form", f"未知的表单类型 {form}")
    try:
        return model.model_validate(decision).model_dump(mode="json")
    except ValidationError as error:
        problems = []
        for e in error.errors():
            field = ".".join(map(str, e["loc"])) or "decision"
            message = e["msg"].removeprefix("Value error, ")
            problems.append(InvalidInput(field, "必填" if e["type"] == "missing" else message))
        raise ValidationFailed(problems) if len(problems) > 1 else problems[0] from None
