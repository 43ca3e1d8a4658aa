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
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from sqlmodel import Session

from models.core.cases import WorkItem, get_case
from models.core.clock import to_local
from models.core.errors import PolicyViolation, raise_all
from models.core.forms import DecisionForm
from models.core.org import Employment
from models.core.settings import Policy
from models.rules.phones import MobileNumber
from models.rules.text_fields import MultiLine, OneLine

_ID = dict(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_.-]+$")


class PoliticalStatus(StrEnum):
    party_member = "party_member"  # 中共党员
    league_member = "league_member"  # 共青团员
    masses = "masses"  # 群众
    other = "other"  # 其他


POLITICAL_LABELS = {PoliticalStatus.party_member: "中共党员", PoliticalStatus.league_member: "共青团员",
                    PoliticalStatus.masses: "群众", PoliticalStatus.other: "其他"}
EMPLOYMENT_LABELS = {Employment.civil_servant: "在编公务员", Employment.institution: "事业单位在职人员",
                     Employment.other: "其他"}


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ArrivalInput(_Input):
    """One person arriving at a window: the facts of the 人员登记表."""

    staff_id: OneLine = Field(title="工号", description="新进驻人员的工号", **_ID)
    name: OneLine = Field(title="姓名", min_length=1, max_length=50)
    gender: Literal["", "男", "女"] = Field(default="", title="性别")
    # Not counted in working days: outside the calendar's range (deployments/web/core/dates.py) is no typo.
    birth_date: date | None = Field(default=None, title="出生日期", json_schema_extra={"calendar": False})
    political_status: PoliticalStatus = Field(default=PoliticalStatus.masses, title="政治面貌",
                                              description="党员、团员的组织关系须转入中心（进出管理制度 四.1）")
    education: OneLine = Field(default="", max_length=50, title="学历")
    employment: Employment = Field(default=Employment.civil_servant, title="人员性质",
                                   description="原则上为本部门在编公务员或事业单位在职人员（进出管理制度 一.1）")
    department_id: OneLine = Field(default="", max_length=40, title="派出部门编号", description="空则为窗口所属部门")
    position: OneLine = Field(default="", max_length=50, title="原职务")
    qualification: OneLine = Field(default="", max_length=200, title="资质或资格",
                                   description="行使审批职能须具备的资质（进出管理制度 一.4）")
    phone: MobileNumber = Field(default="", max_length=30, title="手机号码")
    email: OneLine = Field(default="", max_length=120, pattern=r"^([^@\s]+@[^@\s]+)?$", title="电子邮箱")
    intern: bool = Field(default=False, title="实习生", description="实习生须经中心同意，原则上不单独受理业务")

    @property
    def transfers_membership(self) -> bool:
        return self.political_status in (PoliticalStatus.party_member, PoliticalStatus.league_member)


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


def bpost_key(case_ref: str, staff_id: str) -> str:
    return f"{case_ref}:bpost:{staff_id}"


def bpost_subject(item: WorkItem) -> str:
    """The A post whose B the item asks for (its key ends with the staff id)."""
    return item.key.rsplit(":bpost:", 1)[1]


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
            problems.append(PolicyViolation(check.rule, check.label,
                                            f"{check.detail}（{check.clause}）；{EXCEPTION_HINT}",
                                            overridable=True))
    raise_all(problems)


def bpost_guard(*, session: Session, item: WorkItem, decision: dict) -> None:
    from models.core.roster import check_b_post

    check_b_post(session=session, staff_id=bpost_subject(item), b_post_id=decision["b_post"])


def head_guard(*, session: Session, item: WorkItem, decision: dict) -> None:
    from models.core.roster import check_new_head

    case = get_case(session=session, ref=item.case_ref)
    check_new_head(session=session, window_id=case.window_id, staff_id=decision["new_head"])


# Its work items' decision forms, and the checks of a decision that need the case (models/procedures.py).
FORMS = {"rotation_review": RotationReviewForm, "b_post": BPostForm, "head_nomination": HeadNominationForm}
GUARDS = {"rotation_review": review_guard, "b_post": bpost_guard, "head_nomination": head_guard}
