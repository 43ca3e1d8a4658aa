"""Matters (事项): the states and transitions of a change request (事项进驻、退出、调整规定 3) and of the
quarterly review of the list (规定 2), and the pure choice of each one's next event. Pure: no session, no
clock — the facts are what the store read (models/matter/store.py).

filed ─incomplete→ incomplete (一次性告知)      submitted ─return→ returned      forwarded ─reject→ rejected
  └─submit→ submitted ─forward→ forwarded ─approve→ approved ─publish→ published
"""
from __future__ import annotations

from dataclasses import dataclass

from models.core.procedures import Procedure, SendBack

FILED, INCOMPLETE, SUBMITTED, FORWARDED = "filed", "incomplete", "submitted", "forwarded"
RETURNED, APPROVED, REJECTED, PUBLISHED = "returned", "approved", "rejected", "published"
WITHDRAWN = "withdrawn"
# The work item each status waits for: the district office forwards, the management section decides.
WAITING_FOR = {SUBMITTED: "forward", FORWARDED: "review"}

PROCEDURE = Procedure(
    kind="matter", label="事项申请", ref_prefix="SX", initial=FILED,
    transitions={(FILED, "incomplete"): INCOMPLETE, (FILED, "submit"): SUBMITTED,
                 (SUBMITTED, "forward"): FORWARDED, (SUBMITTED, "return"): RETURNED,
                 (SUBMITTED, "withdraw"): WITHDRAWN,  # the department, before the district office forwards
                 (FORWARDED, "approve"): APPROVED, (FORWARDED, "reject"): REJECTED,
                 (APPROVED, "publish"): PUBLISHED},
    status_labels={FILED: "已申请", INCOMPLETE: "材料不全，已一次性告知", SUBMITTED: "待区政务服务办转办",
                   FORWARDED: "待窗口管理科审批", RETURNED: "区政务服务办退回", APPROVED: "已批准，待发布",
                   REJECTED: "窗口管理科不予同意", PUBLISHED: "已更新清单并发布", WITHDRAWN: "部门已撤回"},
    event_labels={"open": "提出申请", "incomplete": "一次性告知", "submit": "报区政务服务办",
                  "forward": "转窗口管理科", "return": "退回部门", "approve": "批准", "reject": "不予同意",
                  "publish": "更新清单并发布办事指南", "withdraw": "撤回申请"},
    final=frozenset({INCOMPLETE, RETURNED, REJECTED, PUBLISHED, WITHDRAWN}),
    # 退回修改: the district office or the management section sends the request back to the department,
    # which corrects it on the request's own page (deployments/web/matter/forms.py, 一次性告知制度 2).
    send_back=(SendBack(step="forward", status=SUBMITTED), SendBack(step="review", status=FORWARDED)),
)

REVIEW_OPEN, REVIEW_CLOSED = "open", "closed"

REVIEW_PROCEDURE = Procedure(
    kind="matter_review", label="事项清单梳理", ref_prefix="SL", initial=REVIEW_OPEN,
    transitions={(REVIEW_OPEN, "close"): REVIEW_CLOSED},
    status_labels={REVIEW_OPEN: "梳理中", REVIEW_CLOSED: "各窗口已确认"},
    event_labels={"open": "发起梳理", "close": "全部确认"},
    final=frozenset({REVIEW_CLOSED}),
)


def decision_event(step: str, approve: bool) -> str:
    """The district office forwards or returns; the management section approves or rejects."""
    return {("forward", True): "forward", ("forward", False): "return",
            ("review", True): "approve", ("review", False): "reject"}[(step, approve)]


@dataclass(frozen=True)
class Facts:
    status: str
    gaps: bool = False  # the guide has gaps (一次性告知制度 2)
    approve: bool | None = None  # the decision of the work item the status waits for; None while undecided


def next_event(facts: Facts) -> str | None:
    """The request's next event: screened, then each decision as it is made, then published."""
    if facts.status == FILED:
        return "incomplete" if facts.gaps else "submit"
    if facts.status in WAITING_FOR:
        return None if facts.approve is None else decision_event(WAITING_FOR[facts.status], facts.approve)
    if facts.status == APPROVED:
        return "publish"
    return None


@dataclass(frozen=True)
class ReviewFacts:
    status: str
    items_open: bool  # a window (or a department's branch windows) has not confirmed yet


def next_review_event(facts: ReviewFacts) -> str | None:
    """The review closes once every window has confirmed its list."""
    return "close" if facts.status == REVIEW_OPEN and not facts.items_open else None
