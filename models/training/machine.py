"""The training session's machine (学习培训制度 三): arranged, then the roll call — deducting at once
when the management section called it, else waiting for its confirmation — or cancelled. Pure."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from models.core.procedures import Procedure
from models.rules.roles import Role
from models.training.rules import Attendance, roll_call, roll_call_event

SCHEDULED, DEDUCTION_REVIEW, CLOSED, CANCELLED = "scheduled", "deduction_review", "closed", "cancelled"

TRAINING = Procedure(
    kind="training", label="学习培训", ref_prefix="PX", initial=SCHEDULED,
    transitions={(SCHEDULED, "roll_call"): CLOSED, (SCHEDULED, "roll_call_for_review"): DEDUCTION_REVIEW,
                 (DEDUCTION_REVIEW, "confirm"): CLOSED, (DEDUCTION_REVIEW, "dismiss"): CLOSED,
                 (SCHEDULED, "cancel"): CANCELLED},
    status_labels={SCHEDULED: "待点名", DEDUCTION_REVIEW: "已点名，待窗口管理科确认扣分", CLOSED: "已点名",
                   CANCELLED: "已取消"},
    event_labels={"open": "安排培训", "excuse": "请假", "roll_call": "点名", "roll_call_for_review": "点名",
                  "confirm": "确认扣分", "dismiss": "不予扣分", "cancel": "取消", "deduct": "扣分"},
    final=frozenset({CLOSED, CANCELLED}),
)


@dataclass(frozen=True)
class Facts:
    """What a step reads of a session: who was expected and excused in advance, and the decision of
    the step at hand — the roll call while scheduled, the management section's review after it."""

    status: str
    organiser: Role
    expected: tuple[str, ...] = ()
    excused: frozenset[str] = frozenset()
    present: frozenset[str] | None = None  # the roll call's, None until it is called
    confirmed: bool | None = None  # the review's, None until it is decided
    comment: str = ""
    decided_by: str = ""
    decided_at: datetime | None = None

    def attendance(self) -> dict[str, Attendance]:
        """三.1 点名: each expected person present, excused in advance, or absent without reason."""
        return roll_call(expected=list(self.expected), present=set(self.present or ()), excused=set(self.excused))


def next_event(facts: Facts) -> str | None:
    """三.2 无故不参加学习的，按规定扣分: the management section's own roll call deducts at once,
    another section's with someone absent waits for its confirmation."""
    if facts.status == SCHEDULED and facts.present is not None:
        absent = sum(a == Attendance.absent for a in facts.attendance().values())
        return roll_call_event(facts.organiser, absent)
    if facts.status == DEDUCTION_REVIEW and facts.confirmed is not None:
        return "confirm" if facts.confirmed else "dismiss"
    return None
