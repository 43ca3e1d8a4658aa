"""Decision forms: what a person decides on a work item, validated before it is recorded."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from models.core.errors import InvalidInput, validated
from models.rules.text_fields import MultiLine


class DecisionForm(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ApproveForm(DecisionForm):
    """同意 / 不同意, with a comment; a refusal must say why."""

    approve: bool = Field(title="是否同意")
    comment: MultiLine = Field(default="", max_length=2000, title="意见")

    @model_validator(mode="after")
    def _reason_for_refusal(self):
        if not self.approve and not self.comment:
            raise ValueError("不同意时必须填写理由（comment）")
        return self


class AcknowledgeForm(DecisionForm):
    """A step that is only confirmed (已办理), with an optional note."""

    comment: MultiLine = Field(default="", max_length=2000, title="备注")


class ResubmitForm(DecisionForm):
    """修改后重新提交 (models/core/send_back.py): what was corrected, and the submission's text as corrected
    (prefilled with it as it stands, where the procedure lets it be corrected here)."""

    comment: MultiLine = Field(min_length=1, max_length=2000, title="修改说明")
    content: MultiLine = Field(default="", max_length=500, title="修改后的申请内容")


# The generic forms; each procedure declares its own (models/procedures.py).
FORMS: dict[str, type[DecisionForm]] = {"approve": ApproveForm, "acknowledge": AcknowledgeForm,
                                        "resubmit": ResubmitForm}


def check_decision(*, session, item, decision: dict) -> None:
    """A form's rules that need the case (e.g. an exception must cover the checks that fail now):
    the procedure's guard raises a CenterError, and the decision is not kept."""
    from models.procedures import decision_guards

    guard = decision_guards().get(item.form)
    if guard is not None:
        guard(session=session, item=item, decision=decision)


def form_model(form: str) -> type[DecisionForm] | None:
    """The model of a decision form: a generic one or a procedure's."""
    from models.procedures import decision_forms

    return FORMS.get(form) or decision_forms().get(form)


def validate_decision(form: str, decision: dict) -> dict:
    model = form_model(form)
    if model is None:
        raise InvalidInput(field="form", message=f"未知的表单类型 {form}")
    return validated(model, decision, whole="decision").model_dump(mode="json")
