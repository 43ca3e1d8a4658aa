"""The decisions of the staffing procedures, and their rules that need the case (guards).

进出管理制度 二.2: the rules qualified with 原则上 yield only to an explicit exception decided by the
management section with a reason; AB岗工作制度 2: a B post is another person of the same window;
窗口负责人岗位职责 7: the department names the new window head.
"""
from __future__ import annotations

from pydantic import Field, model_validator
from sqlmodel import Session

from models.core.cases import WorkItem, get_case
from models.core.errors import PolicyViolation, raise_all
from models.core.forms import DecisionForm
from models.core.roster import check_b_post, check_new_head
from models.rotation import get_proposal, recheck
from models.rules.rotation import failing
from models.core.settings import Policy

EXCEPTION_HINT = "如确需例外，请以 exception=true 批准并填写理由"


class RotationReviewForm(DecisionForm):
    """批准 / 例外批准 / 不批准."""

    approve: bool = Field(title="是否批准")
    exception: bool = Field(default=False, title="例外批准", description="对未通过的「原则上」规定作例外批准")
    comment: str = Field(default="", max_length=2000, title="意见或理由")

    @model_validator(mode="after")
    def _reasons(self):
        if not self.approve and not self.comment:
            raise ValueError("不批准时必须填写理由（comment）")
        if self.exception and not self.approve:
            raise ValueError("例外批准须同时批准（approve=true）")
        if self.exception and not self.comment:
            raise ValueError("例外批准必须填写理由（comment）")
        return self


class BPostForm(DecisionForm):
    """The window head names the B post of a post left without one."""

    b_post: str = Field(title="B岗人员工号", min_length=1, max_length=40)
    comment: str = Field(default="", max_length=2000, title="备注")


class HeadNominationForm(DecisionForm):
    """The department names a new window head."""

    new_head: str = Field(title="新窗口负责人工号", min_length=1, max_length=40)
    comment: str = Field(default="", max_length=2000, title="说明")


def bpost_key(case_ref: str, staff_id: str) -> str:
    return f"{case_ref}:bpost:{staff_id}"


def bpost_subject(item: WorkItem) -> str:
    """The A post whose B the item asks for (its key ends with the staff id)."""
    return item.key.rsplit(":bpost:", 1)[1]


def review_guard(*, session: Session, item: WorkItem, decision: dict) -> None:
    """An approval must leave no check failing: the 原则上 ones only with an exception."""
    if not decision["approve"]:
        return
    case = get_case(session=session, ref=item.case_ref)
    checks = recheck(session=session, proposal=get_proposal(session=session, case_ref=case.ref),
                     policy=Policy.model_validate(case.policy))
    problems = []
    for check in failing(checks):
        if not check.overridable:
            problems.append(check.violation())
        elif not decision["exception"]:
            problems.append(PolicyViolation(check.rule, check.label,
                                            f"{check.detail}（{check.clause}）；{EXCEPTION_HINT}",
                                            overridable=True))
    raise_all(problems)


def bpost_guard(*, session: Session, item: WorkItem, decision: dict) -> None:
    check_b_post(session=session, staff_id=bpost_subject(item), b_post_id=decision["b_post"])


def head_guard(*, session: Session, item: WorkItem, decision: dict) -> None:
    case = get_case(session=session, ref=item.case_ref)
    check_new_head(session=session, window_id=case.window_id, staff_id=decision["new_head"])


# Its work items' decision forms, and the checks of a decision that need the case (models/procedures.py).
FORMS = {"rotation_review": RotationReviewForm, "b_post": BPostForm, "head_nomination": HeadNominationForm}
GUARDS = {"rotation_review": review_guard, "b_post": bpost_guard, "head_nomination": head_guard}
