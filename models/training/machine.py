"""The training session's machine (学习培训制度 三): arranged, then the roll call — deducting at once
when the management section called it, else waiting for its confirmation — or cancelled. Pure."""
from __future__ import annotations

from models.core.procedures import Procedure

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
