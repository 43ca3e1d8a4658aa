"""Which working days had too few patrols, which months are due for the month-end summary, and the
summary's Markdown (窗口巡查制度 二, 四)."""
from __future__ import annotations

from datetime import date, datetime, time

import pytest

from models.patrol.rules import CheckItem, PatrolKind
from models.patrol.rules import (FindingRow, WindowSummary, days_to_check, last_working_day, markdown, months_due,
                                 short_days, summarise)
from models.rules.workdays import WorkdayCalendar

CLOSE = time(17, 0)


@pytest.fixture(scope="module")
def calendar() -> WorkdayCalendar:
    import chinese_calendar

    return WorkdayCalendar(days_off=set(chinese_calendar.constants.holidays),
                           makeup_workdays=set(chinese_calendar.constants.workdays), covered_years={2026})


def test_the_days_checked_are_the_complete_working_days_since_the_register_began(calendar):
    # 2026-10-01..07 National Day off; 10-10 (Saturday) is a make-up working day.
    days = days_to_check(today=date(2026, 10, 12), calendar=calendar, first_day=date(2026, 9, 30), back=5)
    assert days == [date(2026, 9, 30), date(2026, 10, 8), date(2026, 10, 9), date(2026, 10, 10)]


def test_nothing_is_checked_before_the_first_patrol(calendar):
    assert days_to_check(today=date(2026, 10, 12), calendar=calendar, first_day=None, back=5) == []


def test_a_day_with_fewer_patrols_than_required_is_short():
    days = [date(2026, 10, 9), date(2026, 10, 10), date(2026, 10, 12)]
    assert short_days(days, {date(2026, 10, 9): 2, date(2026, 10, 10): 1}, 2) == [
        (date(2026, 10, 10), 1), (date(2026, 10, 12), 0)]


def test_the_last_working_day_of_a_month_comes_from_the_calendar(calendar):
    assert last_working_day("2026-02", calendar) == date(2026, 2, 28)  # a make-up Saturday


def test_the_current_month_is_due_from_the_close_of_its_last_working_day(calendar):
    before = months_due(as_of=datetime(2026, 10, 30, 16, 59), calendar=calendar, close=CLOSE,
                        first_month="2026-10", summarised=set())
    after = months_due(as_of=datetime(2026, 10, 30, 17, 30), calendar=calendar, close=CLOSE,
                       first_month="2026-10", summarised=set())
    assert (before, after) == ([], ["2026-10"])


def test_a_missed_month_is_caught_up_and_a_summarised_one_is_not(calendar):
    due = months_due(as_of=datetime(2026, 12, 2, 17, 30), calendar=calendar, close=CLOSE,
                     first_month="2026-09", summarised={"2026-09"})
    assert due == ["2026-10", "2026-11"]


def test_the_markdown_has_a_row_per_window_and_every_finding_with_its_case():
    row = FindingRow(datetime(2026, 10, 12, 9, 40), "XC-2026-000001", "W01", "李娜", CheckItem.dress, "未佩戴胸牌", 1.0)
    summary = summarise(month="2026-10", kinds=[PatrolKind.walkthrough, PatrolKind.camera],
                        short=[(date(2026, 10, 13), 1)],
                        windows=[WindowSummary("W01", "社保综合窗口", 2, [row]), WindowSummary("W02", "企业登记窗口", 1)])
    text = markdown(summary, 2)
    assert ("| 社保综合窗口 | 2 | 1 | 1 | 着装及胸牌 1 |" in text and "| 企业登记窗口 | 1 | 0 | 0 | — |" in text
            and "10-13（1 次）" in text and "| 李娜 | 着装及胸牌 | 未佩戴胸牌 | 1 | XC-2026-000001 |" in text)
