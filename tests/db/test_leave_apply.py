"""Applying for leave: what is recorded, and every refusal writes nothing (考勤办法 二(二); AB岗工作制度)."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from models.core.db import session_scope
from models.core.documents import Document
from models.core.errors import InvalidInput, NotFound, PermissionDenied, PolicyViolation, ValidationFailed
from models.leave.tables import LeaveRequest
from models.core.ledger import LedgerEntry
from support.leaves import NOW, addresses, application, apply, count, org_any, proof_file  # noqa: F401
from support.snapshot import snapshot


def open_only(*args, now: datetime = NOW, **kwargs) -> str:
    from tasks.leave.entry import open_leave_request

    return open_leave_request(application=application(*args, **kwargs), now=now)


def refused(error_type, *args, **kwargs):
    before = snapshot()
    with pytest.raises(error_type) as raised:
        open_only(*args, **kwargs)
    assert snapshot() == before
    return raised.value


def leave_of(ref: str) -> LeaveRequest:
    with session_scope() as session:
        return session.get(LeaveRequest, ref)


def test_the_duration_skips_the_weekend_and_the_substitute_defaults_to_the_b_post(org_any):
    leave = leave_of(open_only(start=date(2026, 3, 5), end=date(2026, 3, 9)))
    assert (leave.days, leave.substitute_id) == (3, "S0104")


def test_a_leave_in_an_uncovered_year_is_flagged_provisional(org):
    leave = leave_of(open_only(start=date(2027, 3, 3), end=date(2027, 3, 4)))
    assert leave.days_provisional


def test_a_proof_is_copied_into_the_data_folder_with_its_hash(org, tmp_path):
    ref = open_only(kind="personal", start_half="am", end_half="am", proofs=[proof_file(tmp_path)])
    with session_scope() as session:
        [document] = session.query(Document).filter(Document.case_ref == ref).all()
    assert (document.kind, len(document.sha256)) == ("proof", 64)


def test_an_end_before_the_start_is_refused(org):
    error = refused(InvalidInput, start=date(2026, 3, 5), end=date(2026, 3, 4))
    assert error.field == "结束时间"


def test_an_unknown_staff_member_is_refused(org):
    assert refused(NotFound, staff="S9999", actor="S0101").field == "请假人员"


def test_a_substitute_from_another_window_is_refused(org):
    assert refused(InvalidInput, substitute_id="S0202").rule == "ab.same_window"


def test_a_substitute_absent_at_the_same_time_is_refused(org):
    apply("S0104", "annual", date(2026, 3, 4), date(2026, 3, 5), substitute_id="S0105")
    error = refused(PolicyViolation, start=date(2026, 3, 5), end=date(2026, 3, 6))
    assert (error.field, error.rule) == ("替岗人员", "ab.not_both_absent")


def test_the_b_post_covering_a_pending_leave_may_not_take_leave_then(org):
    apply("S0103", "annual", date(2026, 3, 4), date(2026, 3, 5))  # S0104 covers
    error = refused(PolicyViolation, "S0104", "personal", date(2026, 3, 5), substitute_id="S0105")
    assert (error.field, error.rule) == ("请假时间", "ab.not_both_absent")


def test_a_withdrawn_leave_no_longer_blocks_the_b_post(org):
    from models.leave.inputs import LeaveWithdrawal
    from tasks.leave.entry import withdraw_leave

    ref = apply("S0103", "annual", date(2026, 3, 4), date(2026, 3, 5))
    withdraw_leave(withdrawal=LeaveWithdrawal(case_ref=ref, actor="S0103"), now=NOW)
    assert open_only("S0104", "personal", date(2026, 3, 5), substitute_id="S0105")


def test_half_day_leave_on_a_day_off_is_refused(org):
    error = refused(InvalidInput, kind="personal", start=date(2026, 3, 7), start_half="am", end_half="am")
    assert error.rule == "leave.half_day_on_day_off"


def test_overlapping_requests_by_the_same_person_are_refused(org_any):
    apply(start=date(2026, 3, 4), end=date(2026, 3, 6))
    assert refused(InvalidInput, kind="personal", start=date(2026, 3, 6)).rule == "leave.overlap"


def test_a_proof_file_that_does_not_exist_is_refused(org, tmp_path):
    error = refused(InvalidInput, kind="personal", proofs=[str(tmp_path / "nowhere.pdf")])
    assert (error.field, error.rule) == ("证明材料", "leave.proof_file")


def test_every_problem_is_reported_at_once(org, tmp_path):
    error = refused(ValidationFailed, start=date(2026, 3, 5), end=date(2026, 3, 4), substitute_id="S0202",
                    proofs=[str(tmp_path / "nowhere.pdf")])
    assert {p.field for p in error.problems} == {"结束时间", "替岗人员", "证明材料"}


def test_a_colleague_may_not_apply_for_someone_else(org):
    refused(PermissionDenied, actor="S0105")


def test_the_window_head_may_apply_for_a_member_of_the_window(org):
    assert open_only(actor="S0101")


def test_a_one_person_window_without_cover_is_refused(org):
    assert refused(PolicyViolation, "S0401").rule == "ab.one_person_cover"


def test_a_one_person_window_informs_the_management_section_and_the_department(org):
    ref = apply("S0401", "annual", date(2026, 3, 4), cover_name="民政局 陈华")
    assert addresses(ref, "leave_cover_filed") == {"role:management", "13900000004", "mzj-leader@example.gov.cn"}


def test_leave_affecting_the_window_is_told_to_the_department_leader(org):
    ref = apply(affects_window=True)
    assert addresses(ref, "leave_affects_window") == {"13900000001", "rsj-leader@example.gov.cn"}


def test_leave_already_begun_needs_an_explanation(org):
    error = refused(PolicyViolation, start=date(2026, 3, 2), now=datetime(2026, 3, 2, 10))
    assert error.field == "情况说明"


def test_leave_filed_afterwards_tells_the_substitute_at_once(org):
    ref = apply(start=date(2026, 3, 2), end=date(2026, 3, 3), late_explanation="突发高烧")
    assert addresses(ref, "leave_substitute") == {"13700000104", "liuyang@example.gov.cn"}


def test_leave_filed_after_the_two_working_days_is_deducted_at_once(org):
    # Back on 03-04; the form was due by 03-06 17:00 and arrives on 03-09.
    ref = apply(start=date(2026, 3, 2), end=date(2026, 3, 3), late_explanation="住院", now=datetime(2026, 3, 9, 9))
    assert count(LedgerEntry, LedgerEntry.case_ref == ref, LedgerEntry.subject_id == "S0103") == 1


def test_the_same_submission_key_opens_one_case(org):
    assert open_only(idempotency_key="form-17") == open_only(idempotency_key="form-17")
