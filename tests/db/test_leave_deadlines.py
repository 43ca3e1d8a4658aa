"""The sweep and leave: the proof due within two working days of being back (reminded on the last
day, 未正常考勤 in the ledger once overdue), the attendance registration within two working days
(overdue → the management section), the B post told the working day before (AB岗 4)."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from models.core.db import session_scope
from models.leave.inputs import LeaveProofs
from models.core.ledger import LedgerEntry, SubjectKind, total_points
from support.leaves import addresses, apply, count, decide, messages, org_any, proof_file  # noqa: F401
from tasks.leave.entry import attach_proofs
from tasks.core.sweep import collect_and_queue

HALF_DAY = dict(kind="personal", start=date(2026, 3, 4), start_half="pm")  # back 03-05; proof due 03-09 17:00


def sweep(at: datetime, dry_run: bool = False) -> dict:
    return collect_and_queue(as_of=at, dry_run=dry_run)


def deductions(ref: str) -> int:
    return count(LedgerEntry, LedgerEntry.case_ref == ref)


def test_the_applicant_is_reminded_on_the_last_day_for_the_proof(org):
    ref = apply(**HALF_DAY)
    sweep(datetime(2026, 3, 9, 8, 30))
    assert addresses(ref, "workitem_reminder") == {"13700000103", "lina@example.gov.cn"}


def test_proof_missing_after_the_deadline_is_recorded_as_irregular_attendance(org):
    ref = apply(**HALF_DAY)
    sweep(datetime(2026, 3, 10, 8, 30))
    with session_scope() as session:
        [entry] = session.query(LedgerEntry).filter(LedgerEntry.case_ref == ref).all()
        total = total_points(session=session, subject_kind=SubjectKind.staff, subject_id="S0103", year=2026)
    assert (entry.kind, entry.points, entry.on, total) == ("attendance.irregular", 1.0, date(2026, 3, 10), 1.0)


def test_no_deduction_before_the_deadline_has_passed(org):
    ref = apply(**HALF_DAY)
    sweep(datetime(2026, 3, 9, 16, 0))
    assert deductions(ref) == 0


def test_the_deduction_is_recorded_once_however_often_the_sweep_runs(org_any):
    ref = apply(**HALF_DAY)
    for moment in (datetime(2026, 3, 10, 8, 30), datetime(2026, 3, 10, 16), datetime(2026, 3, 11, 8, 30)):
        sweep(moment)
    assert (deductions(ref), len(messages(ref, "leave_deduction"))) == (1, 5)


def test_the_deduction_is_told_to_the_applicant_the_window_head_and_the_management_section(org):
    ref = apply(**HALF_DAY)
    sweep(datetime(2026, 3, 10, 8, 30))
    assert addresses(ref, "leave_deduction") == {"13700000103", "lina@example.gov.cn", "13700000101",
                                                 "zhangwei@example.gov.cn", "role:management"}


def test_a_dry_run_records_no_deduction(org):
    ref = apply(**HALF_DAY)
    sweep(datetime(2026, 3, 10, 8, 30), dry_run=True)
    assert deductions(ref) == 0


def test_the_points_are_those_of_the_rule_version_the_case_runs_under(org, monkeypatch):
    from models.core.settings import get_settings

    ref = apply(**HALF_DAY)
    monkeypatch.setenv("CENTER_POLICY__DEDUCTION_POINTS", '{"attendance.irregular": 3}')
    get_settings.cache_clear()
    assert get_settings().policy.deduction_points["attendance.irregular"] == 3  # the policy did change
    sweep(datetime(2026, 3, 10, 8, 30))
    with session_scope() as session:
        assert session.query(LedgerEntry).filter(LedgerEntry.case_ref == ref).one().points == 1.0


def test_proof_handed_in_late_is_deducted_even_before_the_sweep(org, tmp_path):
    ref = apply(**HALF_DAY)
    attach_proofs(proofs=LeaveProofs(case_ref=ref, files=[proof_file(tmp_path)], actor="S0103"),
                  now=datetime(2026, 3, 9, 17, 30))
    assert deductions(ref) == 1


def test_proof_handed_in_on_time_is_no_deduction_later(org, tmp_path):
    ref = apply(**HALF_DAY)
    attach_proofs(proofs=LeaveProofs(case_ref=ref, files=[proof_file(tmp_path)], actor="S0103"),
                  now=datetime(2026, 3, 9, 16))
    sweep(datetime(2026, 3, 10, 8, 30))
    assert deductions(ref) == 0


def test_an_attendance_registration_overdue_is_flagged_to_the_management_section(org, tmp_path):
    ref = apply(**HALF_DAY, proofs=[proof_file(tmp_path)])  # registration due 03-06 17:00
    sweep(datetime(2026, 3, 9, 8, 30))
    assert "role:management" in addresses(ref, "workitem_overdue")


def test_the_window_head_is_reminded_of_an_unregistered_leave(org, tmp_path):
    ref = apply(**HALF_DAY, proofs=[proof_file(tmp_path)])
    sweep(datetime(2026, 3, 5, 8, 30))
    assert addresses(ref, "workitem_reminder") == {"13700000101", "zhangwei@example.gov.cn"}


def approved(start: date, end: date) -> str:
    ref = apply(kind="annual", start=start, end=end)
    decide(ref, "head_review", "S0101", approve=True)
    decide(ref, "management_review", "G001", approve=True)
    return ref


@pytest.mark.parametrize("moment, told", [(datetime(2026, 3, 3, 8, 30), True), (datetime(2026, 3, 2, 16), False)])
def test_the_substitute_is_told_the_working_day_before_the_leave(org, moment, told):
    ref = approved(date(2026, 3, 4), date(2026, 3, 5))
    sweep(moment)
    assert bool(messages(ref, "leave_handover")) is told


def test_the_substitute_of_a_monday_leave_is_told_on_friday(org_any):
    ref = approved(date(2026, 3, 9), date(2026, 3, 10))
    sweep(datetime(2026, 3, 6, 8, 30))
    assert addresses(ref, "leave_handover") == {"13700000104", "liuyang@example.gov.cn"}


def test_the_substitute_of_a_leave_not_yet_approved_is_not_told_the_day_before(org):
    ref = apply(kind="annual", start=date(2026, 3, 4), end=date(2026, 3, 5))
    sweep(datetime(2026, 3, 3, 8, 30))
    assert messages(ref, "leave_handover") == []
