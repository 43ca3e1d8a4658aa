"""A person who leaves the window stops being a substitute: every open or approved leave naming them
gets a new one by the B post's rule, and the window head is told (issue 28 item 16)."""
from __future__ import annotations

from datetime import date, datetime

from sqlmodel import select

from models.core.db import session_scope
from models.core.org import Staff
from models.core.outbox import OutboxMessage
from models.core.roster import b_post_candidates
from models.leave.store import leave_view
from models.leave.tables import LeaveRequest
from support.leaves import apply
from support.staff_returns import CONFIRM, decide, open_manual

ISSUE_28_DEFECTS = (16,)  # counted in the reliability summary when these tests pass

FILED = datetime(2026, 10, 16, 9)


def _leave(ref: str) -> LeaveRequest:
    with session_scope() as session:
        return session.get(LeaveRequest, ref)


def _addresses(ref: str, template: str) -> set[str]:
    with session_scope() as session:
        return set(session.exec(select(OutboxMessage.address).where(OutboxMessage.case_ref == ref,
                                                                    OutboxMessage.template == template)).all())


def test_a_returned_substitute_is_replaced_and_the_window_head_told(org):
    leave = apply("S0104", kind="annual", start=date(2026, 10, 26), end=date(2026, 10, 28), now=FILED)
    assert _leave(leave).substitute_id == "S0103"  # 刘洋's B post, 李娜
    decide(open_manual(staff_id="S0103"), "decide", "G001", CONFIRM)
    substitute = _leave(leave).substitute_id
    with session_scope() as session:
        allowed = {s.id for s in b_post_candidates(session=session, staff_id="S0104")}
        shown = dict(leave_view(session=session, leave=session.get(LeaveRequest, leave)))["替岗人员"]
        name = session.get(Staff, substitute).name
    assert substitute != "S0103" and substitute in allowed and shown == f"{name}（{substitute}）"
    assert _addresses(leave, "leave_substitute_replaced") == {"13700000101", "zhangwei@example.gov.cn"}
    assert f"1370000{substitute[1:]}" in _addresses(leave, "leave_substitute")  # the new substitute is told


def test_a_leave_already_over_keeps_its_substitute(org):
    over = apply("S0104", kind="annual", start=date(2026, 10, 12), end=date(2026, 10, 13), now=datetime(2026, 10, 9, 9))
    decide(open_manual(staff_id="S0103"), "decide", "G001", CONFIRM)
    assert _leave(over).substitute_id == "S0103"
