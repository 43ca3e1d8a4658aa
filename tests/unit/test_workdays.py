"""The working-day calendar against a naive day-by-day reference and the regulations' examples."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.core.calendar import base_years
from models.rules.workdays import WorkdayCalendar

CLOSE = time(17, 0)
CAL = WorkdayCalendar(days_off=set(chinese_calendar.constants.holidays),
                      makeup_workdays=set(chinese_calendar.constants.workdays), covered_years=base_years())
days = st.dates(min_value=date(2005, 1, 1), max_value=date(2030, 12, 31))


def naive_is_workday(day: date) -> bool:
    if day.year in base_years():
        return chinese_calendar.is_workday(day)
    return day.isoweekday() <= 5


def naive_add(day: date, n: int) -> date:
    step = 1 if n > 0 else -1
    while n:
        day += timedelta(days=step)
        if naive_is_workday(day):
            n -= step
    return day


@settings(max_examples=300, deadline=None)
@given(days, st.integers(min_value=-30, max_value=60))
def test_add_working_days_matches_day_by_day_reference(day, n):
    assert CAL.add_working_days(day, n) == naive_add(day, n)


@settings(max_examples=300, deadline=None)
@given(days, st.integers(min_value=0, max_value=400))
def test_working_days_between_counts_the_half_open_span(low, span):
    high = low + timedelta(days=span)
    expected = sum(naive_is_workday(low + timedelta(days=i)) for i in range(1, (high - low).days + 1))
    assert CAL.working_days_between(low, high) == expected


@settings(max_examples=200, deadline=None)
@given(days, st.integers(min_value=0, max_value=40))
def test_between_inverts_add(day, n):
    assert CAL.working_days_between(day, CAL.add_working_days(day, n)) == n


def test_make_up_saturday_after_national_day_counts():
    assert CAL.add_working_days(date(2026, 9, 30), 3) == date(2026, 10, 10)


def test_spring_festival_2026_is_skipped_and_make_up_days_count():
    # 2026-02-14 (Sat) and 2026-02-28 (Sat) are make-up working days; 02-15..02-23 are off.
    assert CAL.is_working_day(date(2026, 2, 14)) and CAL.is_working_day(date(2026, 2, 28))
    assert CAL.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert CAL.add_working_days(date(2026, 2, 14), 1) == date(2026, 2, 24)


def test_next_working_day_skips_the_golden_week():
    assert CAL.next_working_day(date(2026, 9, 30)) == date(2026, 10, 8)


def test_phone_complaint_in_office_hours_is_due_on_the_third_working_day():
    deadline = CAL.deadline(datetime(2026, 9, 30, 10, 0), 3, CLOSE)
    assert deadline.at == datetime(2026, 10, 10, 17, 0) and not deadline.provisional


def test_received_after_office_hours_counts_from_the_next_working_day():
    assert CAL.deadline(datetime(2026, 9, 30, 18, 0), 3, CLOSE).at == datetime(2026, 10, 12, 17, 0)


def test_received_on_a_day_off_counts_from_the_next_working_day():
    assert CAL.start_day(datetime(2026, 10, 3, 10, 0), CLOSE) == date(2026, 10, 8)


def test_promised_five_working_days_from_national_day_eve():
    assert CAL.deadline(datetime(2026, 9, 30, 9, 0), 5, CLOSE).at == datetime(2026, 10, 13, 17, 0)


def test_deadline_in_an_uncovered_year_is_provisional_weekends_only():
    deadline = CAL.deadline(datetime(2026, 12, 30, 10, 0), 3, CLOSE)
    assert deadline.at == datetime(2027, 1, 4, 17, 0) and deadline.provisional


def test_backwards_from_a_monday_lands_on_the_friday():
    assert CAL.add_working_days(date(2026, 10, 12), -1) == date(2026, 10, 10)


def test_date_outside_the_index_is_refused_clearly():
    with pytest.raises(ValueError, match="超出工作日历范围"):
        CAL.is_working_day(date(1999, 1, 1))
