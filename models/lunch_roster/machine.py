"""The machine of a lunch-service roster (考勤办法 二(一)4, 6): filed by the window head, reviewed by
the management section, registered — until a replacement for the same window and month is registered.
Pure."""
from __future__ import annotations

from dataclasses import dataclass

from models.core.procedures import Procedure

FILED, REVIEW, REGISTERED, REFUSED, SUPERSEDED = "filed", "review", "registered", "refused", "superseded"
STEP_REVIEW = "review"  # the management section's 审核 (二(一)6)

LUNCH_ROSTER = Procedure(
    kind="lunch_roster", label="延时服务人员安排表", ref_prefix="YS", initial=FILED,
    transitions={(FILED, "submit"): REVIEW, (REVIEW, "approve"): REGISTERED, (REVIEW, "refuse"): REFUSED,
                 # A replacement for the same window and month, once registered, supersedes this one.
                 (REVIEW, "supersede"): SUPERSEDED, (REGISTERED, "supersede"): SUPERSEDED},
    status_labels={FILED: "已填报", REVIEW: "待窗口管理科审核", REGISTERED: "已登记", REFUSED: "未通过审核",
                   SUPERSEDED: "已被新安排表替代"},
    event_labels={"open": "填报安排表", "submit": "报窗口管理科审核", "approve": "审核通过并登记",
                  "refuse": "审核不通过", "supersede": "由新安排表替代", "supersede_earlier": "替代原安排表"},
    final=frozenset({REFUSED, SUPERSEDED}),
    # A registered roster waits for its month, or for a replacement (applied by the replacement's approval).
    idle=frozenset({REGISTERED}),
)


@dataclass(frozen=True)
class Facts:
    status: str
    decision: dict | None = None  # the management section's review, None until made
    decided_by: str = ""


def next_event(facts: Facts) -> str | None:
    """二(一)6: a filed roster goes to the management section; its review registers or refuses it."""
    if facts.status == FILED:
        return "submit"
    if facts.status == REVIEW and facts.decision is not None:
        return "approve" if facts.decision["approve"] else "refuse"
    return None
