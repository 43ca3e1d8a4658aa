"""Training sessions and the roll call (学习培训制度 三): absence without reason is deducted, leave asked
in advance is not; attendance figures per staff member and per window."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import func, select

from models.cases import Case, WorkItem
from models.db import session_scope
from models.errors import InvalidInput, PermissionDenied, PolicyViolation
from models.ledger import LedgerEntry
from models.outbox import OutboxMessage
from models.rules.training import Figures
from models.training import TrainingInput, attendance_figures
from tasks.training import cancel_training, close_roll_call, excuse_attendee, open_training
from tasks.workitems import record_decision

NOW = datetime(2026, 10, 12, 10, 0)
START = datetime(2026, 10, 15, 14, 0)


def arrange(actor="G001", **extra) -> str:
    request = TrainingInput(**{"topic": "好差评制度解读", "category": "regulations", "starts_at": START,
                               "ends_at": datetime(2026, 10, 15, 16), "windows": ["W02"], "staff": ["S0401"], **extra})
    return open_training(request=request, actor=actor, now=NOW)[0]


def call(ref: str, present: list[str], actor="G001") -> str:
    with session_scope() as session:
        item = session.exec(select(WorkItem).where(WorkItem.case_ref == ref, WorkItem.step == "roll_call")).one()
    record_decision(item_id=item.id, actor=actor, decision={"present": ",".join(present)}, at=datetime(2026, 10, 15, 16, 30))
    return close_roll_call(case_ref=ref, actor=actor)


def deducted() -> dict[str, tuple[float, str]]:
    with session_scope() as session:
        return {e.subject_id: (e.points, e.case_ref) for e in session.exec(select(LedgerEntry)).all()}


def test_absence_without_reason_is_deducted_and_leave_asked_in_advance_is_not(org):
    ref = arrange()
    excuse_attendee(case_ref=ref, staff_id="S0202", reason="参加局业务会议", requested_at=datetime(2026, 10, 14, 9),
                    actor="G001")
    assert call(ref, ["S0201"]) == "closed"
    assert deducted() == {"S0203": (1.0, ref), "S0401": (1.0, ref)}


def test_the_absent_and_their_window_head_are_told_of_the_deduction(org):
    ref = arrange()
    call(ref, ["S0201", "S0202", "S0203"])
    with session_scope() as session:
        addresses = set(session.exec(select(OutboxMessage.address).where(OutboxMessage.key.contains(":absent:"))).all())
    assert addresses == {"13700000401", "linjing@example.gov.cn"}  # S0401 heads her one-person window


def test_every_expected_person_is_told_of_the_session(org):
    ref = arrange()
    with session_scope() as session:
        phones = set(session.exec(select(OutboxMessage.address).where(OutboxMessage.key.startswith(f"{ref}:notice"),
                                                                       OutboxMessage.channel == "sms")).all())
    assert phones == {"13700000201", "13700000202", "13700000203", "13700000401"}


def test_leave_asked_after_the_session_began_is_refused(org):
    ref = arrange()
    with pytest.raises(PolicyViolation, match="应在培训开始"):
        excuse_attendee(case_ref=ref, staff_id="S0202", reason="忘记了", requested_at=START, actor="G001")


def test_a_window_head_cannot_arrange_a_session(org):
    with pytest.raises(PermissionDenied):
        arrange(actor="S0101")
    with session_scope() as session:
        assert session.exec(select(func.count()).select_from(Case)).one() == 0


def test_a_roll_call_naming_someone_not_expected_is_refused_and_not_recorded(org):
    ref = arrange()
    with pytest.raises(InvalidInput, match="S0101 不在"):
        call(ref, ["S0201", "S0101"])
    with session_scope() as session:
        assert session.exec(select(WorkItem.status).where(WorkItem.case_ref == ref)).one() == "open"


def test_only_the_organising_section_calls_the_roll(org):
    ref = arrange(organiser="it_section")
    with pytest.raises(PermissionDenied, match="角色不符"):
        call(ref, ["S0201"], actor="G001")


def test_a_cancelled_session_has_no_roll_call_left(org):
    ref = arrange()
    assert cancel_training(case_ref=ref, reason="与区里会议冲突", actor="G001") == "cancelled"
    with session_scope() as session:
        assert session.exec(select(WorkItem.status).where(WorkItem.case_ref == ref)).one() == "cancelled"


def test_attendance_figures_per_staff_member_and_per_window(any_db):
    from models.org_import import import_org
    from support.cli import ROOT

    with session_scope() as session:
        import_org(session=session, path=ROOT / "examples" / "org.yaml")
    first = arrange()
    excuse_attendee(case_ref=first, staff_id="S0202", reason="出差", requested_at=NOW, actor="G001")
    call(first, ["S0201"])
    second = open_training(request=TrainingInput(topic="服务礼仪", category="etiquette", windows=["W02"],
                                                 starts_at=datetime(2026, 11, 5, 14), ends_at=datetime(2026, 11, 5, 15)),
                           actor="G001", now=NOW)[0]
    call(second, ["S0201", "S0202", "S0203"])
    with session_scope() as session:
        by_staff = attendance_figures(session=session, year=2026, by="staff")
        by_window = attendance_figures(session=session, year=2026, by="window")
    assert by_staff["S0202"] == Figures(2, 1, 1, 0) and by_staff["S0401"] == Figures(1, 0, 0, 1)
    assert by_window == {"W02": Figures(6, 4, 1, 1), "W04": Figures(1, 0, 0, 1)}
