"""A staff return's inputs (退回): the management section's proposal, the decisions of its work items
and their checks that need the case (guards).

进出管理制度 三: the center decides and sends the 退回函; the department 拟定新派驻工作人员报中心 and
对退回人员按有关规定作问责处理.
"""
from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session

from models.core.cases import WorkItem
from models.core.errors import raise_all
from models.core.forms import DecisionForm
from models.core.org import Staff
from models.core.posting_requirements import required_qualification
from models.core.arrivals import ArrivalInput
from models.staff_return.rules import ReturnGround, check_effective, nomination_problems
from models.staff_return.store import get_return
from models.rules.text_fields import MultiLine, OneLine


class ReturnRequest(BaseModel):
    """窗口管理科提出退回：人员、情形、证据。"""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    staff_id: OneLine = Field(title="退回人员工号", min_length=1, max_length=40)
    grounds: list[ReturnGround] = Field(title="退回情形", description="进出管理制度 三.1–3，可多选")
    cases: list[OneLine] = Field(default_factory=list, title="关联案件",
                         description="经查属实的投诉、巡查、考勤等案件编号")
    notes: MultiLine = Field(default="", max_length=2000, title="情况说明")
    files: list[OneLine] = Field(default_factory=list, title="证据材料",
                         description="证据文件（路径），存入案件的文书和材料")


class ReturnDecisionForm(DecisionForm):
    """退回 / 不予退回，均须说明理由。"""

    confirm: bool = Field(title="是否退回")
    reason: MultiLine = Field(min_length=1, max_length=2000, title="理由")
    effective_date: date | None = Field(default=None, title="退回生效日期", description="空则为决定之日")


class ReplacementForm(DecisionForm, ArrivalInput):
    """派驻部门拟定的新派驻工作人员（人员登记表的内容）及到岗日期。"""

    arrival_date: date = Field(title="到岗日期")
    comment: MultiLine = Field(default="", max_length=2000, title="说明")

    def person(self) -> dict:
        return self.model_dump(mode="json", exclude={"arrival_date", "comment"})


class AccountabilityForm(DecisionForm):
    """派驻部门对退回人员的问责处理情况。"""

    measures: MultiLine = Field(min_length=1, max_length=2000, title="问责处理情况")


def decision_guard(*, session: Session, item: WorkItem, decision: dict) -> None:
    if decision.get("effective_date"):
        check_effective(date.fromisoformat(decision["effective_date"]), item.decided_at.date())


def nomination_guard(*, session: Session, item: WorkItem, decision: dict) -> None:
    _, record = get_return(session=session, ref=item.case_ref)
    form = ReplacementForm.model_validate(decision)
    raise_all(nomination_problems(
        staff_id=form.staff_id, id_in_use=session.get(Staff, form.staff_id) is not None, intern=form.intern,
        arrival=form.arrival_date, nominated_on=item.decided_at.date(),
        required_qualification=required_qualification(session=session, window_id=record.window_id),
        qualification=form.qualification))


# Its work items' decision forms, and the checks of a decision that need the case (models/procedures.py).
FORMS = {"return_decision": ReturnDecisionForm, "return_nomination": ReplacementForm, "return_accountability": AccountabilityForm}
GUARDS = {"return_decision": decision_guard, "return_nomination": nomination_guard}
