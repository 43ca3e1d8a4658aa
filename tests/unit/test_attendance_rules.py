"""考勤办法 二(一)1–4: the export read in both shapes with every bad row named, and the day's findings —
the 8:30 and 17:00 boundaries to the second, half days excused, summer hours, the lunch roster."""
from __future__ import annotations

from datetime import date, datetime, time

import pytest

from models.attendance.rules import Excuses, Hours, Kind, day_findings, due_times, file_shape, read_rows
from models.core.errors import ValidationFailed
from models.core.settings import Policy

HOURS = Hours.of(Policy())
WINTER = date(2026, 11, 9)  # a Monday
SUMMER = date(2026, 7, 6)  # a Monday


def at(day: date, hms: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(hms))


def kinds(day, *punches, excuses=Excuses()) -> list[tuple[Kind, str | None]]:
    return [(f.kind, f"{f.punch:%H:%M:%S}" if f.punch else None)
            for f in day_findings(day, [at(day, p) for p in punches], HOURS, excuses)]


def test_clock_in_at_08_30_00_is_on_time_and_08_30_01_is_late():
    assert kinds(WINTER, "08:30:00", "17:05:00") == []
    assert kinds(WINTER, "08:30:01", "17:05:00") == [(Kind.late, "08:30:01")]


def test_clock_out_at_17_00_00_is_on_time_and_16_59_59_is_early():
    assert kinds(WINTER, "08:20:00", "17:00:00") == []
    assert kinds(WINTER, "08:20:00", "16:59:59") == [(Kind.early, "16:59:59")]


def test_missing_punches():
    assert kinds(WINTER) == [(Kind.no_in, None), (Kind.no_out, None)]
    assert kinds(WINTER, "08:10:00") == [(Kind.no_out, None)]  # one punch before the middle: the clock-in
    assert kinds(WINTER, "17:10:00") == [(Kind.no_in, None)]  # after it: the clock-out
    assert kinds(WINTER, "10:00:00", "11:00:00") == [(Kind.late, "10:00:00"), (Kind.early, "11:00:00")]


def test_a_lunch_server_may_leave_at_16_30_not_a_second_before():
    lunch = Excuses(lunch_server=True)
    assert kinds(WINTER, "08:20:00", "16:30:00", excuses=lunch) == []
    assert kinds(WINTER, "08:20:00", "16:29:59", excuses=lunch) == [(Kind.early, "16:29:59")]
    assert kinds(WINTER, "08:20:00", "16:30:00") == [(Kind.early, "16:30:00")]  # not on the roster that day


def test_a_morning_excused_clocks_in_by_the_afternoon_opening_summer_or_not():
    morning = Excuses(morning="请假 QJ-2026-000001")
    assert kinds(WINTER, "13:00:00", "17:01:00", excuses=morning) == []
    assert kinds(WINTER, "13:00:01", "17:01:00", excuses=morning) == [(Kind.late, "13:00:01")]
    assert kinds(SUMMER, "13:30:00", "17:01:00", excuses=morning) == []  # 夏令时: 1:30
    assert kinds(SUMMER, "13:30:01", "17:01:00", excuses=morning) == [(Kind.late, "13:30:01")]


def test_an_afternoon_excused_clocks_out_from_noon_and_a_whole_day_has_nothing():
    afternoon = Excuses(afternoon="参加培训 PX-2026-000001")
    assert kinds(WINTER, "08:25:00", "12:00:00", excuses=afternoon) == []
    assert kinds(WINTER, "08:25:00", "11:59:59", excuses=afternoon) == [(Kind.early, "11:59:59")]
    assert kinds(WINTER, excuses=Excuses(morning="调休", afternoon="调休")) == []
    assert due_times(WINTER, HOURS, Excuses(morning="x", afternoon="x")) is None


def test_summer_dates_and_hours_are_the_policy_s():
    policy = Policy(summer_start=(6, 1), summer_end=(8, 31), summer_afternoon_open=time(14, 0))
    hours = Hours.of(policy)
    assert hours.is_summer(date(2026, 6, 1)) and not hours.is_summer(date(2026, 5, 31))
    assert hours.afternoon(date(2026, 7, 1)) == time(14, 0) and hours.afternoon(WINTER) == time(13, 0)
    assert HOURS.is_summer(date(2026, 5, 1)) and HOURS.is_summer(date(2026, 9, 30))
    assert not HOURS.is_summer(date(2026, 10, 1))


def test_both_shapes_of_the_export_are_read():
    assert file_shape(["工号", "日期", "时间"]) == ("工号", "日期", "时间")
    assert file_shape(["姓名", "工号", "日期", "签到", "签退"]) == ("工号", "日期", "签到", "签退")
    assert file_shape(["工号", "时间"]) is None
    rows = [{"工号": "S0101", "日期": "2026-11-09", "时间": "08:21"},
            {"工号": "S0101", "日期": "2026/11/09", "时间": "17:02:09"}]
    punches, problems = read_rows(rows, known_staff={"S0101"})
    assert problems == [] and [p.at for p in punches] == [at(WINTER, "08:21:00"), at(WINTER, "17:02:09")]
    wide = [{"工号": "S0101", "日期": "2026-11-09", "签到": "08:21", "签退": ""}]
    punches, problems = read_rows(wide, known_staff={"S0101"})
    assert problems == [] and [p.at for p in punches] == [at(WINTER, "08:21:00")]


def test_every_bad_row_is_named():
    rows = [{"工号": "S0101", "日期": "2026-11-09", "时间": "08:21"},
            {"工号": "X999", "日期": "2026-11-09", "时间": "08:21"},
            {"工号": "S0101", "日期": "2026-11-31", "时间": "08:21"},
            {"工号": "S0101", "日期": "2026-11-10", "时间": "25:61"},
            {"工号": "", "日期": "", "时间": ""}]  # a blank line is skipped
    _, problems = read_rows(rows, known_staff={"S0101"})
    messages = [str(p) for p in problems]
    assert len(messages) == 3
    assert "第3行" in messages[0] and "X999" in messages[0]
    assert "第4行" in messages[1] and "2026-11-31" in messages[1]
    assert "第5行" in messages[2] and "25:61" in messages[2]
    with pytest.raises(ValidationFailed):
        from models.core.errors import raise_all
        raise_all(problems)
