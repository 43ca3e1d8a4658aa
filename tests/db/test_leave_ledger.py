"""The point-deduction ledger and award eligibility, shared by every procedure (考勤办法 二(三);
投诉处置规定 三(三)1): idempotent by key, on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import date

import pytest

from models.core.db import session_scope
from models.core.errors import InvalidInput
from models.core.ledger import (LedgerEntry, SubjectKind, deduct, entries, is_eligible, total_points,
                           withdraw_eligibility)
from support.leaves import count

ON = date(2026, 3, 10)


def record(points: float = 1.0, subject: str = "S0103", key: str | None = None, on: date = ON):
    with session_scope() as session:
        return deduct(session=session, subject_kind=SubjectKind.staff, subject_id=subject, kind="attendance.irregular",
                      points=points, reason="未正常考勤", case_ref=None, on=on, key=key)[1]


def test_a_deduction_recorded_twice_with_one_key_is_one_row(any_db):
    assert [record(key="k1"), record(key="k1")] == [True, False]
    assert count(LedgerEntry) == 1


def test_deductions_with_different_keys_add_up_within_their_year(any_db):
    record(key="k1"), record(2.0, key="k2"), record(5.0, key="k3", on=date(2027, 1, 4))
    with session_scope() as session:
        assert total_points(session=session, subject_kind=SubjectKind.staff, subject_id="S0103", year=2026) == 3.0


def test_a_deduction_of_no_points_is_refused(db):
    with pytest.raises(InvalidInput):
        record(0)


def test_entries_filter_by_subject(db):
    record(key="k1"), record(subject="S0104", key="k2")
    with session_scope() as session:
        assert [e.subject_id for e in entries(session=session, subject_id="S0104")] == ["S0104"]


def test_withdrawn_eligibility_holds_for_its_year_only(any_db):
    with session_scope() as session:
        withdraw_eligibility(session=session, subject_kind=SubjectKind.window, subject_id="W01", year=2026,
                             reason="投诉查证属实", case_ref=None, on=ON)
    with session_scope() as session:
        assert [is_eligible(session=session, subject_kind=SubjectKind.window, subject_id="W01", year=y)
                for y in (2026, 2027)] == [False, True]


def test_withdrawing_eligibility_twice_is_one_row(db):
    with session_scope() as session:
        created = [withdraw_eligibility(session=session, subject_kind=SubjectKind.staff, subject_id="S0103",
                                        year=2026, reason="投诉", case_ref=None, on=ON)[1] for _ in range(2)]
    assert created == [True, False]
