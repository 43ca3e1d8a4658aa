"""Leave durations and dates in working days, around 2026's Spring Festival and National Day
(make-up working days count), and what a leave still lacks (考勤办法 二(二); AB岗 4)."""
from __future__ import annotations

from datetime import date, datetime, time

import chinese_calendar
import pytest

from models.core.calendar import base_years
from models.leave.rules import (HOSPITAL_PROOF, PROOF, DayTimes, Half, LeaveKind, Span, back_at_work,
                                handover_day, has_begun, leave_days, missing_materials, needs_report_form,
                                overlap_days, whole_days)
from models.rules.workdays import WorkdayCalendar

CAL = WorkdayCalendar(days_off=set(chinese_calendar.constants.holidays),
                      makeup_workdays=set(chinese_calendar.constants.workdays), covered_years=base_years())
TIMES = DayTimes(time(8, 30), time(12, 0), time(17, 0))
AM, PM = Half.am, Half.pm


@pytest.mark.parametrize("span, days", [
    (Span(date(2026, 3, 4), AM, date(2026, 3, 4), AM), 0.5),
    (Span(date(2026, 3, 4), PM, date(2026, 3, 4), PM), 0.5),
    (Span(date(2026, 3, 4), AM, date(2026, 3, 4), PM), 1.0),
    (Span(date(2026, 3, 4), PM, date(2026, 3, 5), AM), 1.0),
    (Span(date(2026, 3, 4), PM, date(2026, 3, 6), PM), 2.5),
    (whole_days(date(2026, 3, 6), date(2026, 3, 9)), 2.0),  # Fri–Mon: the weekend does not count
])
def test_half_days_count_one_half_and_days_off_inside_do_not_count(span, days):
    assert leave_days(span, CAL) == days


def test_the_spring_festival_does_not_count_but_the_make_up_saturday_does():
    # 2026-02-14 (Sat) is worked; 02-15 … 02-23 are off.
    assert leave_days(whole_days(date(2026, 2, 12), date(2026, 2, 25)), CAL) == 5


def test_national_day_does_not_count_but_the_make_up_saturday_after_it_does():
    # 10-01 … 10-07 off; 10-10 (Sat) is worked.
    assert leave_days(whole_days(date(2026, 9, 30), date(2026, 10, 12)), CAL) == 5


def test_a_half_day_on_a_make_up_sunday_is_half_a_working_day():
    assert leave_days(Span(date(2026, 9, 20), PM, date(2026, 9, 20), PM), CAL) == 0.5


def test_a_half_day_on_a_holiday_is_no_working_day():
    assert leave_days(Span(date(2026, 10, 2), AM, date(2026, 10, 2), AM), CAL) == 0


def test_a_compensating_day_off_inside_the_span_is_attendance_not_leave():
    lieu = frozenset({date(2026, 3, 10)})
    assert leave_days(whole_days(date(2026, 3, 9), date(2026, 3, 11)), CAL, lieu) == 2


def test_an_end_before_the_start_has_no_days():
    assert leave_days(Span(date(2026, 3, 4), PM, date(2026, 3, 4), AM), CAL) == 0


def test_two_absences_meeting_only_on_a_weekend_do_not_overlap():
    assert overlap_days(whole_days(date(2026, 3, 6), date(2026, 3, 7)),
                        whole_days(date(2026, 3, 7), date(2026, 3, 9)), CAL) == 0


def test_a_morning_and_a_whole_day_overlap_by_half_a_day():
    assert overlap_days(Span(date(2026, 3, 4), AM, date(2026, 3, 4), AM),
                        whole_days(date(2026, 3, 4), date(2026, 3, 5)), CAL) == 0.5


def test_after_a_morning_off_the_staff_member_is_back_the_same_afternoon():
    assert back_at_work(Span(date(2026, 3, 4), AM, date(2026, 3, 4), AM), CAL, TIMES) == datetime(2026, 3, 4, 12)


def test_after_leave_ending_before_national_day_the_staff_member_is_back_on_october_8():
    assert back_at_work(whole_days(date(2026, 9, 29), date(2026, 9, 30)), CAL, TIMES) == datetime(2026, 10, 8, 8, 30)


def test_the_filing_deadline_after_national_day_ends_on_the_make_up_saturday():
    # 考勤办法 二(二)2(3): 上班后两个工作日内 — back on 10-08 (Thu): 10-09, then Saturday 10-10.
    back = back_at_work(whole_days(date(2026, 9, 29), date(2026, 9, 30)), CAL, TIMES)
    assert CAL.deadline(back, 2, TIMES.office_close).at == datetime(2026, 10, 10, 17)


def test_the_filing_deadline_after_the_spring_festival_skips_the_holiday():
    back = back_at_work(whole_days(date(2026, 2, 12), date(2026, 2, 13)), CAL, TIMES)
    assert (back, CAL.deadline(back, 2, TIMES.office_close).at) == (datetime(2026, 2, 14, 8, 30),
                                                                      datetime(2026, 2, 25, 17))


def test_the_handover_before_leave_after_the_spring_festival_is_on_the_make_up_saturday():
    assert handover_day(whole_days(date(2026, 2, 24), date(2026, 2, 26)), CAL, 1) == date(2026, 2, 14)


def test_the_handover_before_leave_starting_on_a_weekend_is_the_friday_before():
    assert handover_day(whole_days(date(2026, 3, 7), date(2026, 3, 10)), CAL, 1) == date(2026, 3, 6)


@pytest.mark.parametrize("now, begun", [
    (datetime(2026, 3, 4, 8, 29), False), (datetime(2026, 3, 4, 8, 30), True), (datetime(2026, 3, 3, 17), False)])
def test_a_leave_has_begun_from_the_opening_of_its_first_half_day(now, begun):
    assert has_begun(whole_days(date(2026, 3, 4), date(2026, 3, 5)), now, TIMES) is begun


@pytest.mark.parametrize("kind, days, needs", [
    (LeaveKind.personal, 0.5, False), (LeaveKind.personal, 1, True), (LeaveKind.sick, 3, True),
    (LeaveKind.meeting, 1, True), (LeaveKind.outing, 2, False)])
def test_one_day_or_more_needs_the_report_form_except_outings_arranged_by_the_center(kind, days, needs):
    assert needs_report_form(kind, days) is needs


@pytest.mark.parametrize("kind, days, attached, missing", [
    (LeaveKind.personal, 0.5, set(), ["相关证明"]),
    (LeaveKind.personal, 0.5, {PROOF}, []),
    (LeaveKind.sick, 0.5, {HOSPITAL_PROOF}, []),
    (LeaveKind.sick, 2, {PROOF}, ["医院证明（复印件）"]),
    (LeaveKind.sick, 2, {HOSPITAL_PROOF}, []),
    (LeaveKind.annual, 2, set(), []),
    (LeaveKind.outing, 0.5, set(), []),
])
def test_what_is_still_missing(kind, days, attached, missing):
    assert missing_materials(kind, days, attached) == missing
