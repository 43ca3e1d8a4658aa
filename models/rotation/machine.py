"""The transition tables of the staffing procedures (docs/architecture.md): rotation (调整/轮换),
short secondment (短期借调), intern placement (实习生进驻) and window-head replacement; what moves a
case on its own (`Facts` → the pure next-event functions the generic step runs, tasks/core/advance.py).

窗口工作人员进出管理制度 二.2–二.4, 四.2; 派驻部门窗口负责人岗位职责 1, 7.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from models.core.procedures import Procedure, SendBack

# States.
REVIEW, APPROVED, REJECTED, IN_EFFECT, CLOSED = "review", "approved", "rejected", "in_effect", "closed"
WITHDRAWN = "withdrawn"
SECONDED, ENTERED, NOMINATION = "seconded", "entered", "nomination"
# Events.
APPROVE, REJECT, APPLY, CLOSE, START, END, APPOINT = "approve", "reject", "apply", "close", "start", "end", "appoint"
WITHDRAW = "withdraw"  # 撤回: the submitter, before the center's review is decided (models/rules/withdrawal.py)

# How the audit trail of these cases reads (`center case show`).
AUDIT_LABELS = {"checks": "规定检查", "document": "生成表格", "depart": "调离", "post": "进驻登记",
                "membership_transfer": "党团组织关系转入", "b_post_recheck": "B岗复核", "b_post": "指定B岗",
                "appoint_head": "指派窗口负责人", "decide:review": "审核", "decide:departure": "确认调离",
                "decide:b_post": "指定B岗", "decide:head": "部门指派负责人", WITHDRAW: "撤回"}


def _review_send_back(amend: str) -> tuple[SendBack, ...]:
    """退回修改: the management section sends the submission back to whoever registered it, who corrects
    its text (一次性告知制度 2); the review resumes once resubmitted."""
    return (SendBack(step="review", status=REVIEW, amend=amend),)

ROTATION = Procedure(
    kind="rotation", label="窗口人员轮换", ref_prefix="LH", initial="review",
    transitions={
        ("review", "approve"): "approved",
        ("review", "reject"): "rejected",
        ("review", WITHDRAW): WITHDRAWN,
        ("approved", "apply"): "in_effect",
        ("in_effect", "close"): "closed",
    },
    status_labels={"review": "待审核", "approved": "已批准待生效", "rejected": "未批准",
                   "in_effect": "已生效待定B岗", "closed": "已办结", WITHDRAWN: "已撤回"},
    event_labels={"open": "收到公函", "approve": "批准", "reject": "不批准",
                  "apply": "人员变动生效", "close": "办结", **AUDIT_LABELS},
    final=frozenset({"rejected", "closed", WITHDRAWN}),
    idle=frozenset({APPROVED}),
    send_back=_review_send_back("models.rotation.tables:RotationProposal.note"),  # 进出管理制度 二.2: approved, waits for its effective date (rotation_day)
)

SECONDMENT = Procedure(
    kind="secondment", label="短期借调", ref_prefix="JD", initial="review",
    transitions={
        ("review", "approve"): "approved",
        ("review", "reject"): "rejected",
        ("review", WITHDRAW): WITHDRAWN,
        ("approved", "start"): "seconded",
        ("seconded", "end"): "closed",
    },
    status_labels={"review": "待审核", "approved": "已同意待借调", "rejected": "不同意",
                   "seconded": "借调中", "closed": "已返岗", WITHDRAWN: "已撤回"},
    event_labels={"open": "申请借调", "approve": "同意", "reject": "不同意",
                  "start": "借调开始", "end": "借调结束返岗", **AUDIT_LABELS},
    final=frozenset({"rejected", "closed", WITHDRAWN}),
    idle=frozenset({APPROVED, SECONDED}),
    send_back=_review_send_back("models.rotation.tables:Secondment.reason"),  # 进出管理制度 二.3: waits for the secondment's start, then its end
)

INTERN = Procedure(
    kind="intern", label="实习生进驻", ref_prefix="SXS", initial="review",
    transitions={("review", "approve"): "entered", ("review", "reject"): "rejected", ("review", WITHDRAW): WITHDRAWN},
    status_labels={"review": "待审核", "entered": "已进驻", "rejected": "不同意", WITHDRAWN: "已撤回"},
    event_labels={"open": "报中心", "approve": "同意进驻", "reject": "不同意", **AUDIT_LABELS},
    final=frozenset({"entered", "rejected", WITHDRAWN}),
    send_back=_review_send_back("models.rotation.tables:InternPlacement.reason"),
)

HEAD_REPLACEMENT = Procedure(
    kind="head_replacement", label="窗口负责人调整", ref_prefix="FZR", initial="nomination",
    transitions={("nomination", "appoint"): "closed"},
    status_labels={"nomination": "待部门重新指派", "closed": "已调整"},
    event_labels={"open": "触发调整", "appoint": "指派新负责人", **AUDIT_LABELS},
    final=frozenset({"closed"}),
)


@dataclass(frozen=True)
class Facts:
    """What the next event of a staffing case depends on (read by models.rotation.store)."""

    status: str
    today: date
    review: bool | None = None  # the center's decided review: approve or not; None while undecided
    decided_by: str | None = None  # who decided the review (or named the head)
    comment: str = ""
    exception: bool = False  # a rotation approved as an exception to the 原则上 rules
    decided_at: datetime | None = None
    effective: date | None = None  # a rotation's effective date
    departures_open: bool = False  # a rotation's departure not yet confirmed
    items_open: bool = False  # anything of the case still waiting for a person (B posts, the new head)
    start: date | None = None  # a secondment's first day
    end: date | None = None  # a secondment's last day
    nominee: str | None = None  # the head the department named; None while undecided
    nominee_is_head: bool = False  # already the window's head: nothing to appoint


def _reviewed(facts: Facts) -> str | None:
    if facts.status == REVIEW and facts.review is not None:
        return APPROVE if facts.review else REJECT
    return None


def next_rotation_event(facts: Facts) -> str | None:
    """进出管理制度 二.2–二.4: reviewed; on the effective date, once every departure is confirmed, the
    roster changes; closed when the window head named every missing B post (and the department the head)."""
    if facts.status == REVIEW:
        return _reviewed(facts)
    if facts.status == APPROVED and facts.today >= facts.effective and not facts.departures_open:
        return APPLY
    if facts.status == IN_EFFECT and not facts.items_open:
        return CLOSE
    return None


def next_intern_event(facts: Facts) -> str | None:
    """进出管理制度 二.3: the center approves (the intern is entered) or refuses the report."""
    return _reviewed(facts)


def next_secondment_event(facts: Facts) -> str | None:
    """进出管理制度 四.2: the center consents; seconded from the first day, back after the last."""
    if facts.status == REVIEW:
        return _reviewed(facts)
    if facts.status == APPROVED and facts.today >= facts.start:
        return START
    if facts.status == SECONDED and facts.today > facts.end:
        return END
    return None


def next_head_event(facts: Facts) -> str | None:
    """窗口负责人岗位职责 7: the department named a new head (who is not the head already)."""
    if facts.status == NOMINATION and facts.nominee is not None and not facts.nominee_is_head:
        return APPOINT
    return None
