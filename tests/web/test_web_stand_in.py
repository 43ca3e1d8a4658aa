"""Stand-in (顶岗), AB岗工作制度 1, 6: while the window head S0101 is on an approved leave, his B post
S0102 signs S0105's leave from the desk; the history records 王芳（代 张伟）, `center case show` too;
back at work, S0101 gets the 代行情况 item listing what was decided for him (AB岗 6)."""
from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from sqlmodel import select

from models.core.calendar import load_calendar
from models.core.cases import AuditEvent
from models.core.clock import local_now
from models.core.db import session_scope
from models.core.handover import HANDOVER_STEP
from models.core.org import Staff, StaffStatus
from models.core.workitems import STOOD_IN_FOR
from support import leaves
from support.cli import run_cli
from tasks.core.sweep import collect_and_queue
from tasks.core.workitems import record_decision
from web.web_desk import post_form

ISSUE_29_DEFECTS = (1,)  # counted in the reliability summary when these tests pass

pytestmark = pytest.mark.usefixtures("prefect_api")
DECISIONS = {"register": {"comment": "已登记"}}
SIGNERS = {"management": "G001", "department": "D-rsj", "head": "S0101"}  # of W01 (examples/org.yaml)


def calendar():
    with session_scope() as session:
        return load_calendar(session=session)


def approved_leave(staff: str, start, end, applied_at: datetime) -> str:
    """A leave applied for and decided through every step before it begins (the plain task functions)."""
    ref = leaves.apply(staff, kind="annual", start=start, end=end, now=applied_at)
    while open_items := leaves.items(ref):
        item = open_items[0]
        actor = item.assignee_staff_id or SIGNERS[item.assignee_role]
        record_decision(item_id=item.id, actor=actor, decision=DECISIONS.get(item.step, {"approve": True}),
                        at=applied_at)
        leaves.advance(ref, actor, applied_at)
    assert leaves.status(ref) == "registered"
    return ref


@pytest.fixture
def head_away(desk):
    """S0101 (张伟, head of W01) on an approved leave from today to two working days on."""
    today, cal = local_now().date(), calendar()
    end = cal.add_working_days(today, 2)
    ref = approved_leave("S0101", today, end, applied_at=datetime.combine(today - timedelta(days=1), time(10)))
    return ref, cal.next_working_day(end)


def test_the_b_post_signs_for_the_head_who_is_away_and_he_gets_the_handover_on_return(as_, head_away, capsys):
    head_leave, back = head_away
    later = calendar().add_working_days(back, 3)
    ref = leaves.apply("S0105", kind="personal", start=later, end=later, now=local_now())
    [item] = leaves.items(ref, "head_review")
    b_post = as_("S0102")

    todo = b_post.get("/").text
    assert f"#item-{item.id}" in todo and "代张伟(S0101)" in todo
    response = post_form(b_post, f"/cases/{ref}", f"/items/{item.id}/decide", {"approve": "true", "comment": "同意"})
    assert response.status_code == 303, response.text

    with session_scope() as session:
        [decided] = session.exec(select(AuditEvent).where(AuditEvent.case_ref == ref,
                                                          AuditEvent.action == "decide:head_review")).all()
    assert decided.actor == "S0102" and decided.details[STOOD_IN_FOR] == "S0101"
    assert "王芳（代 张伟）" in b_post.get(f"/cases/{ref}").text
    shown = run_cli(capsys, "case", "show", ref)
    assert shown.code == 0 and "王芳（代 张伟）" in shown.out

    # Still away: no handover yet. Back at work: one 代行情况 item for him, on his leave, listing it.
    assert collect_and_queue(as_of=datetime.combine(back, time(8, 30)) - timedelta(days=1), dry_run=False)
    assert leaves.items(head_leave, HANDOVER_STEP) == []
    collect_and_queue(as_of=datetime.combine(back, time(8, 30)), dry_run=False)
    collect_and_queue(as_of=datetime.combine(back, time(16)), dry_run=False)  # again: still one
    [handover] = leaves.items(head_leave, HANDOVER_STEP)
    assert handover.assignee_staff_id == "S0101" and handover.form == "acknowledge"
    assert f"王芳代为办理 1 项（{ref} " in handover.title
    page = as_("S0101").get(f"/cases/{head_leave}").text
    assert "代行情况" in page and ref in page


def test_without_the_absence_the_b_post_is_refused(as_, desk):
    later = calendar().add_working_days(local_now().date(), 5)
    ref = leaves.apply("S0105", kind="personal", start=later, end=later, now=local_now())
    [item] = leaves.items(ref, "head_review")
    b_post = as_("S0102")
    assert "代张伟" not in b_post.get("/").text
    response = post_form(b_post, f"/cases/{ref}", f"/items/{item.id}/decide", {"approve": "true", "comment": "同意"})
    assert response.status_code == 403 and "S0102 无权" in response.text
    assert [i.id for i in leaves.items(ref, "head_review")] == [item.id]  # still open: nothing written


def test_a_short_secondment_makes_the_head_away(as_, desk):
    with session_scope() as session:
        session.get(Staff, "S0101").status = StaffStatus.seconded
    later = calendar().add_working_days(local_now().date(), 5)
    ref = leaves.apply("S0105", kind="personal", start=later, end=later, now=local_now())
    [item] = leaves.items(ref, "head_review")
    assert "代张伟(S0101)" in as_("S0102").get("/").text
