"""Training sessions and the roll call (学习培训制度 三): absence without reason is deducted, leave asked
in advance is not; attendance figures per staff member and per window."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import select

from models.core.cases import WorkItem
from models.core.db import session_scope
from models.core.errors import InvalidInput, PermissionDenied, PolicyViolation
from models.core.ledger import LedgerEntry
from models.core.outbox import OutboxMessage
from models.training.rules import Figures
from models.training.inputs import TrainingInput
from models.training.store import attendance_figures
from tasks.core.advance import advance_case
from tasks.core.step_context import plain_calls
from tasks.training import cancel_training, excuse_attendee, open_training
from support.snapshot import snapshot
from tasks.core.workitems import record_decision

ISSUE_28_DEFECTS = (7,)  # counted in the reliability summary when these tests pass

NOW = datetime(2026, 10, 12, 10, 0)
START = datetime(2026, 10, 15, 14, 0)


def advance_session(case_ref: str, actor: str) -> str:
    """The advance flow's body (flows.training.advance_training): the generic step (tasks/core/advance.py)
    until a person must act."""
    with plain_calls():
        return advance_case(case_ref=case_ref, actor=actor)


def arrange(actor="G001", **extra) -> str:
    request = TrainingInput(**{"topic": "好差评制度解读", "category": "regulations", "starts_at": START,
                               "ends_at": datetime(2026, 10, 15, 16), "windows": ["W02"], "staff": ["S0401"], **extra})
    return open_training(request=request, actor=actor, now=NOW)[0]


def call(ref: str, present: list[str], actor="G001", at=datetime(2026, 10, 15, 16, 30)) -> str:
    with session_scope() as session:
        item = session.exec(select(WorkItem).where(WorkItem.case_ref == ref, WorkItem.step == "roll_call")).one()
    record_decision(item_id=item.id, actor=actor, decision={"present": ",".join(present)}, at=at)
    return advance_session(case_ref=ref, actor=actor)


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


def test_a_window_head_cannot_arrange_a_session_and_nothing_is_written(org):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        arrange(actor="S0101")
    assert snapshot() == before


def test_a_roll_call_naming_someone_not_expected_is_refused_and_not_recorded(org):
    ref = arrange()
    with pytest.raises(InvalidInput, match="S0101 不在"):
        call(ref, ["S0201", "S0101"])
    with session_scope() as session:
        assert session.exec(select(WorkItem.status).where(WorkItem.case_ref == ref)).one() == "open"


def test_a_roll_call_two_days_before_the_session_is_refused_and_nothing_is_deducted_or_sent(org):
    """Issue 28 defect 7 (学习培训制度 三.1): it deducted the absentee, dated the session day, and sent an SMS."""
    ref = arrange()
    before = snapshot()
    with pytest.raises(PolicyViolation, match="开始后才能点名"):
        call(ref, ["S0201"], at=datetime(2026, 10, 13, 14))
    assert snapshot() == before and deducted() == {}


def test_only_the_organising_section_calls_the_roll_and_a_refused_roll_call_writes_nothing(org):
    ref = arrange(organiser="it_section")
    before = snapshot()
    with pytest.raises(PermissionDenied, match="角色不符"):
        call(ref, ["S0201"], actor="G001")
    assert snapshot() == before


def review(ref: str, approve: bool, actor="G001") -> str:
    with session_scope() as session:
        item = session.exec(select(WorkItem).where(WorkItem.case_ref == ref, WorkItem.step == "review")).one()
    record_decision(item_id=item.id, actor=actor, decision={"approve": approve, "comment": "" if approve else "另有安排"},
                    at=datetime(2026, 10, 16, 9))
    return advance_session(case_ref=ref, actor=actor)


def test_another_sections_roll_call_deducts_nothing_until_the_management_section_confirms(org):
    ref = arrange(organiser="it_section", actor="I001")
    assert (call(ref, ["S0201", "S0202"], actor="I001"), deducted()) == ("deduction_review", {})
    assert review(ref, approve=True) == "closed"
    with session_scope() as session:
        rows = {(e.subject_id, e.recorded_by) for e in session.exec(select(LedgerEntry)).all()}
    assert rows == {("S0203", "G001"), ("S0401", "G001")}


def test_the_management_section_may_dismiss_the_deductions_of_another_sections_roll_call(org):
    ref = arrange(organiser="it_section", actor="I001")
    call(ref, ["S0201"], actor="I001")
    assert (review(ref, approve=False), deducted()) == ("closed", {})


def test_the_organising_section_cannot_confirm_its_own_deductions_and_nothing_is_written(org):
    ref = arrange(organiser="it_section", actor="I001")
    call(ref, ["S0201"], actor="I001")
    before = snapshot()
    with pytest.raises(PermissionDenied, match="角色不符"):
        review(ref, approve=True, actor="I001")
    assert snapshot() == before


def test_a_roll_call_with_everyone_present_or_excused_needs_no_confirmation(org):
    ref = arrange(organiser="it_section", actor="I001")
    assert call(ref, ["S0201", "S0202", "S0203", "S0401"], actor="I001") == "closed"


def test_a_cancelled_session_has_no_roll_call_left(org):
    ref = arrange()
    assert cancel_training(case_ref=ref, reason="与区里会议冲突", actor="G001") == "cancelled"
    with session_scope() as session:
        assert session.exec(select(WorkItem.status).where(WorkItem.case_ref == ref)).one() == "cancelled"


def test_attendance_figures_per_staff_member_and_per_window(any_db):
    from models.core.org_import import import_org
    from support.cli import ROOT

    with session_scope() as session:
        import_org(session=session, path=ROOT / "examples" / "org.yaml")
    first = arrange()
    excuse_attendee(case_ref=first, staff_id="S0202", reason="出差", requested_at=NOW, actor="G001")
    call(first, ["S0201"])
    second = open_training(request=TrainingInput(topic="服务礼仪", category="etiquette", windows=["W02"],
                                                 starts_at=datetime(2026, 11, 5, 14), ends_at=datetime(2026, 11, 5, 15)),
                           actor="G001", now=NOW)[0]
    call(second, ["S0201", "S0202", "S0203"], at=datetime(2026, 11, 5, 15, 30))
    with session_scope() as session:
        by_staff = attendance_figures(session=session, year=2026, by="staff")
        by_window = attendance_figures(session=session, year=2026, by="window")
    assert by_staff["S0202"] == Figures(2, 1, 1, 0) and by_staff["S0401"] == Figures(1, 0, 0, 1)
    assert by_window == {"W02": Figures(6, 4, 1, 1), "W04": Figures(1, 0, 0, 1)}


def test_the_stats_command_gives_each_windows_attendance_figures(org, capsys):
    from support.cli import run_cli

    first = arrange()
    excuse_attendee(case_ref=first, staff_id="S0202", reason="出差", requested_at=NOW, actor="G001")
    call(first, ["S0201"])
    result = run_cli(capsys, "training", "stats", "--year", "2026", "--by", "window")
    rows = [[c.strip() for c in line.split("│")[1:-1]] for line in result.out.splitlines() if "（W0" in line]
    assert rows == [["企业登记窗口（W02）", "3", "1", "1", "1", "33%"], ["婚姻登记窗口（W04）", "1", "0", "0", "1", "0%"]]


def test_the_stats_command_gives_each_persons_figures(org, capsys):
    from support.cli import run_cli

    call(arrange(), ["S0201", "S0202"])
    result = run_cli(capsys, "training", "stats", "--year", "2026", "--by", "staff")
    rows = {line.split("│")[1].strip(): [c.strip() for c in line.split("│")[2:-1]]
            for line in result.out.splitlines() if "（S0" in line}
    assert rows["马超（S0203）"] == ["1", "0", "0", "1", "0%"] and rows["徐明（S0201）"] == ["1", "1", "0", "0", "100%"]


def test_the_stats_command_refuses_an_unknown_grouping(org, capsys):
    from support.cli import run_cli

    result = run_cli(capsys, "training", "stats", "--by", "department")
    assert result.code == 2 and "--by" in result.err
