"""The complaint's states and transitions (窗口投诉(差评)处置规定 三): registered → the window
investigates (三(一)) → general and transferred complaints are answered and closed (三(二)1–2);
1–2 star ratings are reviewed by the management section and posted by the complaint window (三(一)2,
三(二)3). Pure: no I/O.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from models.core.procedures import PREVIOUS, Procedure, SendBack

# States.
RECEIVED = "received"
INVESTIGATING = "investigating"
REVIEWING = "reviewing"
POSTING = "posting"
CLOSED = "closed"

# Events.
ASSIGN = "assign"
EXTEND = "extend"
ANSWER = "answer"
SUBMIT_REPLY = "submit_reply"
APPROVE_REPLY = "approve_reply"
REJECT_REPLY = "reject_reply"
POST = "post"

COMPLAINT = Procedure(
    kind="complaint", label="投诉(差评)", ref_prefix="TS", initial=RECEIVED,
    transitions={
        (RECEIVED, ASSIGN): INVESTIGATING,
        (INVESTIGATING, EXTEND): INVESTIGATING,
        (INVESTIGATING, ANSWER): CLOSED,  # general and transferred: the window's reply
        (INVESTIGATING, SUBMIT_REPLY): REVIEWING,  # ratings: reviewed before posting
        (REVIEWING, APPROVE_REPLY): POSTING,
        (REVIEWING, REJECT_REPLY): INVESTIGATING,
        (POSTING, POST): CLOSED,
    },
    status_labels={RECEIVED: "已登记", INVESTIGATING: "窗口核实中", REVIEWING: "答复审核中",
                   POSTING: "待发布答复", CLOSED: "已办结"},
    event_labels={"open": "登记", ASSIGN: "交窗口核实", EXTEND: "延期并说明", ANSWER: "答复办结",
                  SUBMIT_REPLY: "提交答复", APPROVE_REPLY: "审核通过", REJECT_REPLY: "审核退回",
                  POST: "发布答复", "deduct": "扣分", "withdraw_eligibility": "取消评优资格",
                  "decide:investigate": "窗口核实答复", "decide:review": "审核答复", "decide:post": "确认已发布",
                  "cancel:investigate": "按新期限重新交办",
                  "document": "登记表存档"},
    final=frozenset({CLOSED}),
    # 退回修改: the management section sends the window's reply back for rework (三(一)2): the window
    # answers again on its own form, prefilled, and the review resumes.
    send_back=(SendBack(step="review", status=REVIEWING, to=PREVIOUS, previous="investigate", back_to=INVESTIGATING),),
)


@dataclass(frozen=True)
class Facts:
    """What the next event depends on: the case's status and the decided work item of its step."""

    status: str
    rating: bool  # a 1–2 star rating: its reply is reviewed and posted (三(一)2, 三(二)3)
    decided: bool = False  # the open step's work item is decided
    approved: bool = False  # the review's decision (REVIEWING only)
    decided_by: str | None = None
    decided_at: datetime | None = None
    decision: dict = field(default_factory=dict)


def next_event(facts: Facts) -> str | None:
    """The event to apply now; None while a person must act (or the case is closed)."""
    if facts.status == RECEIVED:
        return ASSIGN  # 三(一)1–2: the window concerned investigates
    if not facts.decided:
        return None
    if facts.status == INVESTIGATING:
        return SUBMIT_REPLY if facts.rating else ANSWER
    if facts.status == REVIEWING:
        return APPROVE_REPLY if facts.approved else REJECT_REPLY
    if facts.status == POSTING:
        return POST
    return None
