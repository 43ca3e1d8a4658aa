"""What a clerk submits for the leave procedure (the command line's and the Prefect UI's forms), and the
decision form of its materials work item.

ASCII class names, Chinese titles: the Prefect UI builds its run form from these.
"""
from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session

from models.core.errors import PolicyViolation
from models.core.forms import AcknowledgeForm
from models.leave.rules import Half, LeaveKind, Span
from models.leave.store import missing_of
from models.leave.tables import LeaveRequest
from models.rules.text_fields import MultiLine, OneLine


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class LeaveApplication(_Input):
    """请假申请 (the form of the command line and of the Prefect UI)."""

    staff_id: OneLine = Field(title="请假人员工号", min_length=1, max_length=40)
    kind: LeaveKind = Field(title="请假类别", description="sick 病假、personal 事假、annual 公休、maternity 产假、"
                            "family 家庭特殊情况、meeting 会议/培训、outing 中心统一安排外出")
    start_day: date = Field(title="开始日期")
    start_half: Half = Field(default=Half.am, title="开始于上午(am)或下午(pm)")
    end_day: date = Field(title="结束日期")
    end_half: Half = Field(default=Half.pm, title="结束于上午(am)或下午(pm)")
    reason: MultiLine = Field(title="请假事由", max_length=500)
    proofs: list[OneLine] = Field(default_factory=list, title="相关证明（文件路径）")
    hospital_proofs: list[OneLine] = Field(default_factory=list, title="医院证明复印件（文件路径）",
                                       description="病假一天以上须附医院证明（复印件）")
    substitute_id: OneLine | None = Field(default=None, title="替岗人员工号", description="默认为本人的B岗")
    cover_name: OneLine = Field(default="", max_length=100, title="原部门派出的顶岗人员",
                                description="一人窗口须由原部门派员顶岗（AB岗工作制度 8）")
    affects_window: bool = Field(default=False, title="是否影响窗口正常工作",
                                 description="影响的，事前告知所在单位领导，安排代岗人员")
    late_explanation: MultiLine = Field(default="", max_length=500, title="情况说明",
                                        description="请假已开始（事前未能办理）时必填")
    actor: OneLine = Field(title="提交人工号", description="本人或本窗口负责人", min_length=1, max_length=40)
    idempotency_key: OneLine | None = Field(default=None, max_length=120, title="提交编号",
                                            description="重复提交同一编号只受理一次")

    def span(self) -> Span:
        return Span(self.start_day, self.start_half, self.end_day, self.end_half)


class LeaveProofs(_Input):
    """补交证明材料."""

    case_ref: OneLine = Field(title="请假申请编号", min_length=1, max_length=40)
    files: list[OneLine] = Field(title="证明材料（文件路径）", min_length=1)
    hospital: bool = Field(default=False, title="是否为医院证明（复印件）")
    actor: OneLine = Field(title="请假人工号", description="只能由本人补交", min_length=1, max_length=40)


class LeaveWithdrawal(_Input):
    """撤回请假申请."""

    case_ref: OneLine = Field(title="请假申请编号", min_length=1, max_length=40)
    actor: OneLine = Field(title="请假人工号", min_length=1, max_length=40)
    comment: MultiLine = Field(default="", max_length=500, title="撤回理由")


class SaturdayCoverEntry(_Input):
    """调休日程表的一行：谁在哪个星期六上班，哪天调休."""

    window_id: OneLine = Field(title="窗口编号", min_length=1, max_length=40)
    staff_id: OneLine = Field(title="工作人员工号", min_length=1, max_length=40)
    saturday: date = Field(title="上班的星期六")
    day_off: date = Field(title="调休日", description="调休日视作正常出勤，不算请假")
    note: MultiLine = Field(default="", max_length=200, title="备注")
    actor: OneLine = Field(title="窗口负责人工号", min_length=1, max_length=40)


class MaterialsForm(AcknowledgeForm):
    """补交材料: done by handing the proofs in (`center leave attach`), not by a bare confirmation."""


def _materials_handed_in(*, session: Session, item, decision: dict) -> None:
    """一次性告知: the item closes only once nothing is missing (考勤办法 二(二)2)."""
    missing = missing_of(session=session, leave=session.get(LeaveRequest, item.case_ref))
    if missing:
        raise PolicyViolation(rule="leave.materials", field="证明材料",
                              message=f"尚缺{'、'.join(missing)}，请用 center leave attach {item.case_ref} 文件 补交")


# Its work items' decision forms, and the checks of a decision that need the case (models/procedures.py).
FORMS = {"leave_materials": MaterialsForm}
GUARDS = {"leave_materials": _materials_handed_in}
