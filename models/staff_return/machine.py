"""Staff return (退回): its states, transitions and the pure choice of the next event (进出管理制度 三).
Pure: no session, no clock — `Facts` is what the store read (models/staff_return/store.py:facts_of).

deciding ─confirm→ nominating ─nominate→ arriving ─arrive→ accountability ─report→ reported ─close→ closed
   └─dismiss→ dismissed
While confirmed, two events keep the status: `returned` (the return takes effect on its date) and
`posts` (the B posts and the window head named on the case's items are recorded).
"""
from __future__ import annotations

from dataclasses import dataclass

from models.core.procedures import Procedure, SendBack

DECIDING, DISMISSED, NOMINATING, ARRIVING = "deciding", "dismissed", "nominating", "arriving"
ACCOUNTABILITY, REPORTED, CLOSED = "accountability", "reported", "closed"
# Once confirmed and until closed: the return takes effect on its date while the case goes on.
CONFIRMED = (NOMINATING, ARRIVING, ACCOUNTABILITY, REPORTED)
# The events that record something without moving the case.
RETURNED, POSTS = "returned", "posts"

STAFF_RETURN = Procedure(
    kind="staff_return", label="窗口工作人员退回", ref_prefix="TH", initial=DECIDING,
    transitions={
        (DECIDING, "confirm"): NOMINATING,
        (DECIDING, "dismiss"): DISMISSED,
        (NOMINATING, "nominate"): ARRIVING,
        (ARRIVING, "arrive"): ACCOUNTABILITY,
        (ACCOUNTABILITY, "report"): REPORTED,
        (REPORTED, "close"): CLOSED,
        **{(status, event): status for status in CONFIRMED for event in (RETURNED, POSTS)},
    },
    status_labels={DECIDING: "待窗口管理科决定", DISMISSED: "不予退回", NOMINATING: "已发退回函，待部门拟定新人员",
                   ARRIVING: "待新派驻人员到岗", ACCOUNTABILITY: "待部门报送问责处理情况",
                   REPORTED: "已报问责，待B岗调整完毕", CLOSED: "已办结"},
    event_labels={"open": "提出退回", "grounds": "退回理由", "confirm": "决定退回", "dismiss": "不予退回", "nominate": "部门拟定新人员",
                  "arrive": "新人员到岗登记", "report": "部门报送问责处理", "close": "办结",
                  "decide:decide": "窗口管理科决定", "decide:nominate": "拟定新派驻人员",
                  "decide:accountability": "报送问责处理情况", RETURNED: "人员退回生效",
                  POSTS: "登记B岗和窗口负责人"},
    final=frozenset({DISMISSED, CLOSED}),
    # 退回修改: the management section sends the proposal of a return back to whoever proposed it, to
    # complete its grounds; the decision resumes once resubmitted.
    send_back=(SendBack(step="decide", status=DECIDING),),
)


@dataclass(frozen=True)
class Facts:
    status: str
    confirm: bool | None = None  # the management section's decision; None while undecided
    nominated: bool = False  # the department named the replacement
    reported: bool = False  # the department reported its accountability handling
    return_due: bool = False  # the effective date is reached and the return not yet applied
    returned: bool = False  # the return has taken effect
    arrival_reached: bool = False  # the replacement's arrival date is reached
    posts_pending: bool = False  # a B post or a head named on a decided item, not yet recorded
    items_open: bool = False  # the case still has open work items


def next_event(facts: Facts) -> str | None:
    """The event the case takes now, None while it waits for a person or a date. The order is the
    procedure's: decision, return on its date, replacement, arrival, accountability, posts, closing."""
    if facts.status == DECIDING:
        return None if facts.confirm is None else "confirm" if facts.confirm else "dismiss"
    if facts.status not in CONFIRMED:
        return None
    if facts.return_due:
        return RETURNED
    if facts.status == NOMINATING and facts.nominated:
        return "nominate"
    if facts.status == ARRIVING and facts.arrival_reached:
        return "arrive"
    if facts.status == ACCOUNTABILITY and facts.reported:
        return "report"
    if facts.posts_pending:
        return POSTS
    if facts.status == REPORTED and facts.returned and not facts.items_open:
        return "close"
    return None
