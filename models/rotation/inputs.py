"""What a department's written notice (公函) of a rotation says, and the other staffing requests:
the parameters of the flows (Chinese titles for the Prefect run form) and of the CLI; the
decisions of the staffing procedures (FORMS) and their rules that need the case (GUARDS).

进出管理制度 二.1 (《青浦区行政服务中心人员登记表》), 二.2 (公函), 二.3 (实习生), 四.1 (党、团组织关系
须转入中心), 四.2 (短期借调). The decisions: 进出管理制度 二.2 — the rules qualified with 原则上 yield only
to an explicit exception decided by the management section with a reason; AB岗工作制度 2 — a B post is
another person of the same window; 窗口负责人岗位职责 7 — the department names the new window head.
"""
from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from sqlmodel import Session

from models.core.cases import WorkItem, get_case
from models.core.clock import to_local
from models.core.errors import PolicyViolation, raise_all
from models.core.forms import DecisionForm
from models.core.arrivals import ArrivalInput
from models.core.settings import Policy
from models.core.workitems import bpost_subject
from models.rules.text_fields import MultiLine, OneLine

_ID = dict(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_.-]+$")


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class RotationProposalInput(_Input):
    """A department's written notice proposing a rotation for one window."""

    window_id: OneLine = Field(title="窗口编号", **_ID)
    notice_ref: OneLine = Field(title="公函文号", min_length=1, max_length=100)
    notice_received: datetime = Field(title="公函收到时间", description="中心收到书面公函的时间")
    effective_date: date = Field(title="生效日期", description="人员变动生效之日")
    leaving: list[OneLine] = Field(default_factory=list, title="调离人员工号")
    arriving: list[ArrivalInput] = Field(default_factory=list, title="进驻人员")
    note: MultiLine = Field(default="", max_length=500, title="说明")

    @field_validator("notice_received")
    @classmethod
    def _local_time(cls, value: datetime) -> datetime:
        return to_local(value)  # the store keeps naive Asia/Shanghai times


class SecondmentInput(_Input):
    """A request to second a window's staff member back to the home department for a short time."""

    staff_id: OneLine = Field(title="借调人员工号", **_ID)
    start: date = Field(title="借调开始日期")
    end: date = Field(title="借调结束日期", description="此日之后返岗")
    reason: MultiLine = Field(title="借调事由", min_length=1, max_length=500)


class InternInput(_Input):
    """A department's intern placed at a window (reported by the window head)."""

    window_id: OneLine = Field(title="窗口编号", **_ID)
    person: ArrivalInput = Field(title="实习生")
    start: date = Field(title="实习开始日期")
    end: date = Field(title="实习结束日期")
    reason: MultiLine = Field(default="", max_length=500, title="说明")


class RankingImportInput(BaseModel):
    """The parameters of the ranking import (the Prefect run form)."""

    path: OneLine = Field(title="排名文件", min_length=1,
                          description="YAML（rankings 列表：year, window, head, rank）或带 kind 列的 CSV 的路径")


class RankingRow(BaseModel):
    """One row of the ranking file."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    year: int = Field(ge=2000, le=2100, title="年度")
    window: OneLine = Field(min_length=1, max_length=40, title="窗口编号")
    head: OneLine | None = Field(default=None, title="窗口负责人工号")  # default: the window's head now
    rank: int = Field(ge=1, title="名次")


def case_key(submission: RotationProposalInput | SecondmentInput | InternInput) -> str:
    """The identity of the case a submission opens (its idempotency key): the same department
    notice, the same person's secondment from a date, the same intern — submitted again, the same case."""
    if isinstance(submission, RotationProposalInput):
        return f"rotation:{submission.window_id}:{submission.notice_ref}"
    if isinstance(submission, SecondmentInput):
        return f"secondment:{submission.staff_id}:{submission.start.isoformat()}"
    return f"intern:{submission.person.staff_id}"


EXCEPTION_HINT = "如确需例外，请选择「例外批准」并填写理由"


class RotationReviewForm(DecisionForm):
    """批准 / 例外批准 / 不批准."""

    approve: bool = Field(title="是否批准")
    exception: bool = Field(default=False, title="例外批准", description="对未通过的「原则上」规定作例外批准")
    comment: MultiLine = Field(default="", max_length=2000, title="意见或理由")

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

    b_post: OneLine = Field(title="B岗人员工号", min_length=1, max_length=40)
    comment: MultiLine = Field(default="", max_length=2000, title="备注")


class HeadNominationForm(DecisionForm):
    """The department names a new window head."""

    new_head: OneLine = Field(title="新窗口负责人工号", min_length=1, max_length=40)
    comment: MultiLine = Field(default="", max_length=2000, title="说明")


# The guards read the store (which reads these inputs): they import it when called.

def review_guard(*, session: Session, item: WorkItem, decision: dict) -> None:
    """An approval must leave no check failing: the 原则上 ones only with an exception."""
    from models.rotation.rules import failing
    from models.rotation.store import get_proposal, recheck

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
            problems.append(PolicyViolation(rule=check.rule, field=check.label,
                                            message=f"{check.detail}（{check.clause}）；{EXCEPTION_HINT}",
                                            overridable=True))
    raise_all(problems)


def bpost_guard(*, session: Session, item: WorkItem, decision: dict) -> None:
    from models.core.roster import check_b_post

    check_b_post(session=session, staff_id=bpost_subject(item), b_post_id=decision["b_post"])


def head_guard(*, session: Session, item: WorkItem, decision: dict) -> None:
    from models.core.roster import check_new_head

    case = get_case(session=session, ref=item.case_ref)
    check_new_head(session=session, window_id=case.window_id, staff_id=decision["new_head"])


def bpost_choices(*, session: Session, item: WorkItem) -> list[tuple[str, str]]:
    """The B post is picked from the window's eligible people (the one rule: models.core.roster)."""
    from models.core.roster import b_post_candidates

    return [(s.id, f"{s.name}（{s.id}）") for s in b_post_candidates(session=session, staff_id=bpost_subject(item))]


# Its work items' decision forms, the checks of a decision that need the case, and the fields picked
# from a list the case decides (models/procedures.py).
FORMS = {"rotation_review": RotationReviewForm, "b_post": BPostForm, "head_nomination": HeadNominationForm}
GUARDS = {"rotation_review": review_guard, "b_post": bpost_guard, "head_nomination": head_guard}
CHOICES = {"b_post": {"b_post": bpost_choices}}
