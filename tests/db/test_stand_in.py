"""Stand-in (顶岗) on the store, SQLite and PostgreSQL (AB岗工作制度 1, 6, 8): who is away (an
approved leave, not a pending one; a short secondment), whom the B may act for and when, who is
told, and the 代行情况 item on return — opened once."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from models.core.cases import AuditEvent
from models.core.db import session_scope
from models.core.errors import PermissionDenied
from models.core.handover import HANDOVER_STEP
from models.core.org import Staff, StaffStatus
from models.core.standin import away_now
from models.core.sweep import assignees
from models.core.workitems import STOOD_IN_FOR, get_work_item
from support.leaves import NOW, apply, decide, items, org_any, status  # noqa: F401
from tasks.core.sweep import collect_and_queue
from tasks.core.workitems import record_decision

ISSUE_29_DEFECTS = (1,)  # counted in the reliability summary when these tests pass

pytestmark = pytest.mark.usefixtures("org_any")
AWAY = datetime(2026, 3, 4, 10, 0)  # S0101's leave: 2026-03-04 to 03-06
BACK = datetime(2026, 3, 9, 8, 30)  # the next working day


def head_on_leave() -> str:
    ref = apply("S0101", kind="annual", start=date(2026, 3, 4), end=date(2026, 3, 6))
    decide(ref, "head_review", "D-rsj", approve=True)
    decide(ref, "management_review", "G001", approve=True)
    decide(ref, "register", "S0101", comment="已登记")
    assert status(ref) == "registered"
    return ref


def test_an_approved_leave_and_a_secondment_make_a_person_away_a_pending_leave_does_not():
    head_on_leave()
    apply("S0103", kind="annual", start=date(2026, 3, 4), end=date(2026, 3, 4))  # waits for the head
    with session_scope() as session:
        session.get(Staff, "S0108").status = StaffStatus.seconded
    with session_scope() as session:
        away = away_now(session=session, at=AWAY)
        assert set(away) == {"S0101", "S0108"} and away["S0108"].label == "短期借调"
        assert away["S0101"].label.startswith("请假 QJ-") and away["S0101"].case_ref in away["S0101"].label
        assert set(away_now(session=session, at=BACK)) == {"S0108"}


def test_the_b_signs_for_the_head_only_while_he_is_away_and_the_handover_opens_once_on_return():
    head_leave = head_on_leave()
    ref = apply("S0103", kind="annual", start=date(2026, 3, 10), end=date(2026, 3, 10))
    [item] = items(ref, "head_review")
    with pytest.raises(PermissionDenied, match="角色不符"):
        record_decision(item_id=item.id, actor="S0102", decision={"approve": True}, at=NOW)
    with session_scope() as session:
        told_now = [r.key for r in assignees(session, get_work_item(session=session, item_id=item.id), NOW)]
        told_away = [r.key for r in assignees(session, get_work_item(session=session, item_id=item.id), AWAY)]
    assert told_now == ["S0101"] and told_away == ["S0101", "S0102"]

    decide(ref, "head_review", "S0102", now=AWAY, approve=True, comment="同意")
    with session_scope() as session:
        [event] = session.query(AuditEvent).filter(AuditEvent.case_ref == ref,
                                                   AuditEvent.action == "decide:head_review").all()
        assert (event.actor, event.details[STOOD_IN_FOR]) == ("S0102", "S0101")

    collect_and_queue(as_of=datetime(2026, 3, 5, 8, 30), dry_run=False)
    assert items(head_leave, HANDOVER_STEP) == []
    assert collect_and_queue(as_of=BACK, dry_run=False)["handovers"] == 1
    assert collect_and_queue(as_of=datetime(2026, 3, 9, 16), dry_run=False)["handovers"] == 0
    [handover] = items(head_leave, HANDOVER_STEP)
    assert handover.assignee_staff_id == "S0101" and handover.title.startswith(f"代行情况：王芳代为办理 1 项（{ref} ")
    decide(head_leave, HANDOVER_STEP, "S0101", now=BACK, comment="已阅")
    assert items(head_leave, HANDOVER_STEP) == [] and status(head_leave) == "registered"


def test_a_registered_training_makes_its_attendees_away_while_it_runs_not_those_excused():
    from models.training.inputs import TrainingInput
    from tasks.training import excuse_attendee, open_training

    start, end = datetime(2026, 3, 4, 14, 0), datetime(2026, 3, 4, 16, 0)
    ref = open_training(request=TrainingInput(topic="好差评制度解读", category="regulations", starts_at=start,
                                              ends_at=end, windows=[], staff=["S0103", "S0104"]),
                        actor="G001", now=NOW)[0]
    excuse_attendee(case_ref=ref, staff_id="S0104", reason="参加局业务会议", requested_at=NOW, actor="G001")
    with session_scope() as session:
        during = away_now(session=session, at=datetime(2026, 3, 4, 15, 0))
        assert set(during) == {"S0103"} and during["S0103"].case_ref == ref
        assert away_now(session=session, at=end) == {} and away_now(session=session, at=AWAY) == {}


def test_the_b_does_not_sign_her_own_leave_for_the_head_away_the_management_section_does():
    head_on_leave()
    ref = apply("S0102", kind="annual", start=date(2026, 3, 11), end=date(2026, 3, 11))
    [item] = items(ref, "head_review")
    with pytest.raises(PermissionDenied, match="角色不符"):
        record_decision(item_id=item.id, actor="S0102", decision={"approve": True}, at=AWAY)
    decide(ref, "head_review", "G001", now=AWAY, approve=True, comment="同意")
    with session_scope() as session:
        [event] = session.query(AuditEvent).filter(AuditEvent.case_ref == ref,
                                                   AuditEvent.action == "decide:head_review").all()
        assert (event.actor, event.details[STOOD_IN_FOR]) == ("G001", "S0101")
