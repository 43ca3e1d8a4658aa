"""The leave procedure's transition table and the choice of the next step (pure).

考勤办法 二(二)2: half a day → registered with its proof; one day or more (outings arranged by the
center excepted) → 请假报告单 signed by the window head, (sick leave: with the hospital's proof)
then the management section (中心管理科), then registered in attendance (考勤管理系统登记).
考勤办法 二(一)6: the window head registers the window's leave within two working days.
"""
from __future__ import annotations

from dataclasses import dataclass

from models.core.procedures import Procedure, SendBack

SUBMITTED, MATERIALS, HEAD_REVIEW = "submitted", "materials", "head_review"
MANAGEMENT_REVIEW, REGISTRATION, REGISTERED = "management_review", "registration", "registered"
REJECTED, WITHDRAWN = "rejected", "withdrawn"
FINAL = frozenset({REGISTERED, REJECTED, WITHDRAWN})
# Statuses in which the leave counts as an absence (approved or still pending) for the A/B check.
ABSENT = frozenset({SUBMITTED, MATERIALS, HEAD_REVIEW, MANAGEMENT_REVIEW, REGISTRATION, REGISTERED})
# Statuses of an approved leave (signed, or half a day recorded): the person is away (AB岗 1).
APPROVED = frozenset({REGISTRATION, REGISTERED})

# Work-item steps.
STEP_HEAD, STEP_MANAGEMENT, STEP_REGISTER, STEP_MATERIALS = (
    "head_review", "management_review", "register", "materials")

LEAVE = Procedure(
    kind="leave", label="请假申请", ref_prefix="QJ", initial=SUBMITTED,
    transitions={
        (SUBMITTED, "to_head"): HEAD_REVIEW,
        (SUBMITTED, "await_materials"): MATERIALS,
        (SUBMITTED, "record"): REGISTRATION,
        (SUBMITTED, "withdraw"): WITHDRAWN,
        (MATERIALS, "to_management"): MANAGEMENT_REVIEW,
        (MATERIALS, "record"): REGISTRATION,
        (MATERIALS, "withdraw"): WITHDRAWN,
        (HEAD_REVIEW, "to_management"): MANAGEMENT_REVIEW,
        (HEAD_REVIEW, "await_materials"): MATERIALS,
        (HEAD_REVIEW, "reject"): REJECTED,
        (HEAD_REVIEW, "withdraw"): WITHDRAWN,
        (MANAGEMENT_REVIEW, "approve"): REGISTRATION,
        (MANAGEMENT_REVIEW, "reject"): REJECTED,
        (MANAGEMENT_REVIEW, "withdraw"): WITHDRAWN,
        (REGISTRATION, "register"): REGISTERED,
    },
    status_labels={
        SUBMITTED: "已提交", MATERIALS: "待补材料", HEAD_REVIEW: "待窗口负责人审核签字",
        MANAGEMENT_REVIEW: "待窗口管理科审核", REGISTRATION: "待登记考勤", REGISTERED: "已登记考勤",
        REJECTED: "未批准", WITHDRAWN: "已撤回",
    },
    event_labels={
        "to_head": "送窗口负责人审核签字", "await_materials": "等待补交材料",
        "to_management": "送窗口管理科审核", "record": "登记备案", "approve": "审核同意",
        "reject": "不同意", "register": "登记考勤", "withdraw": "撤回",
        "open": "提交请假申请", "attach": "附证明材料", "document": "生成文书", "deduct": "扣分",
        "substitute_replaced": "替岗人员离岗，更换替岗人员",
        f"decide:{STEP_HEAD}": "窗口负责人审核签字", f"decide:{STEP_MANAGEMENT}": "窗口管理科审核",
        f"decide:{STEP_REGISTER}": "登记考勤", f"decide:{STEP_MATERIALS}": "补交材料",
    },
    final=FINAL,
    # 退回修改: the head or the management section sends the application back to the applicant, who
    # corrects its reason (一次性告知制度 2); the step resumes once resubmitted.
    send_back=(SendBack(step=STEP_HEAD, status=HEAD_REVIEW, amend="models.leave.tables:LeaveRequest.reason"),
               SendBack(step=STEP_MANAGEMENT, status=MANAGEMENT_REVIEW,
                        amend="models.leave.tables:LeaveRequest.reason")),
)


def status_label(status: str, *, approved: bool) -> str:
    """考勤办法 二(二)2: after the management section's approval a leave waits for its registration in
    attendance; what the applicant reads first is that it was approved. (A half-day leave goes to
    registration without an approval: its label stays as it is.)"""
    label = LEAVE.status_label(status)
    return f"已批准（{label}）" if approved and status in (REGISTRATION, REGISTERED) else label


@dataclass(frozen=True)
class LeaveFacts:
    """What the next step depends on: the case's status, its route, and the decisions taken."""

    status: str
    needs_form: bool  # one day or more, not an outing arranged by the center
    missing: tuple[str, ...] = ()
    head_decision: bool | None = None  # None: not decided yet
    management_decision: bool | None = None
    registered: bool = False


def next_event(facts: LeaveFacts) -> str | None:
    """The event to apply now, or None when the case waits for a person (or is closed)."""
    status = facts.status
    if status == SUBMITTED:
        if facts.needs_form:
            return "to_head"
        return "await_materials" if facts.missing else "record"
    if status == MATERIALS:
        if facts.missing:
            return None
        return "to_management" if facts.needs_form else "record"
    if status == HEAD_REVIEW:
        if facts.head_decision is None:
            return None
        if not facts.head_decision:
            return "reject"
        # Sick leave: the hospital's proof before the management section can approve.
        return "await_materials" if facts.missing else "to_management"
    if status == MANAGEMENT_REVIEW:
        if facts.management_decision is None:
            return None
        return "approve" if facts.management_decision else "reject"
    if status == REGISTRATION and facts.registered:
        return "register"
    return None
