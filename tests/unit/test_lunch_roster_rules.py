"""The lunch-service roster's pure rules (models/lunch_roster/rules.py): 考勤办法 二(一)1, 4; 进出管理制度 二.3."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from models.lunch_roster.machine import FILED, REGISTERED, REVIEW, Facts, next_event
from models.lunch_roster.rules import RosterWindow, month_days, month_of, roster_problems
from models.rules.ab_posts import Post
from models.rules.roles import Role

W02 = RosterWindow("W02", "企业登记窗口", True)
NOV = date(2026, 11, 1)
# November 2026: Monday to Friday, no holiday.
WORKING = {d for d in month_days(NOV) if d.weekday() < 5}
PEOPLE = {"S0201": Post("S0201", "W02", Role.head), "S0202": Post("S0202", "W02", Role.staff),
          "S0203": Post("S0203", "W02", Role.staff), "X0201": Post("X0201", "W02", Role.intern),
          "S0101": Post("S0101", "W01", Role.head), "S0204": Post("S0204", "W02", Role.staff, on_post=False),
          "G001": Post("G001", None, Role.management)}


def full(**changes) -> dict[date, list[str]]:
    turns = {d: ["S0202"] for d in sorted(WORKING)}
    turns.update(changes.pop("turns", {}))
    return turns


def problems(turns, window=W02, month=NOV, today=date(2026, 10, 20), working=WORKING):
    return [(p.field, p.rule, p.message) for p in roster_problems(
        window=window, month=month, today=today, turns=turns, people=PEOPLE, working_days=working,
        names={"X0201": "小王", "S0101": "张伟"})]


def test_every_working_day_served_by_the_windows_people_passes():
    assert problems(full()) == []
    assert len(WORKING) == 21


def test_a_window_without_lunch_service_files_no_roster():
    [(field, rule, message)] = problems(full(), window=RosterWindow("W02", "社保综合窗口", False))
    assert (field, rule) == ("window_id", "lunch_roster.window")
    assert "社保综合窗口不提供中午延时服务" in message and "考勤办法 二(一)4" in message


def test_a_day_off_is_refused_naming_the_day_and_the_clause():
    sunday = date(2026, 11, 8)
    [(field, rule, message)] = problems({**full(), sunday: ["S0202"]})
    assert (field, rule) == ("days", "lunch_roster.day")
    assert message.startswith("2026-11-08（周日）不是工作日") and "考勤办法 二(一)1" in message


def test_a_makeup_saturday_is_a_working_day_to_cover_and_a_holiday_is_not():
    """October 2026: 1–7 off (National Day), Saturday the 10th worked (调休)."""
    october = date(2026, 10, 1)
    working = {d for d in month_days(october) if d.weekday() < 5 and d.day > 8} | {date(2026, 10, 10), date(2026, 10, 8)}
    turns = {d: ["S0201"] for d in working}
    assert problems(turns, month=october, today=date(2026, 9, 25), working=working) == []
    missing = {d: ids for d, ids in turns.items() if d != date(2026, 10, 10)}
    [(field, rule, message)] = problems(missing, month=october, today=date(2026, 9, 25), working=working)
    assert (field, rule) == ("days", "lunch_roster.uncovered") and "10-10（周六）" in message
    holiday = {**turns, date(2026, 10, 2): ["S0201"]}
    assert [r for _, r, _ in problems(holiday, month=october, today=date(2026, 9, 25), working=working)] == [
        "lunch_roster.day"]


def test_every_uncovered_working_day_is_listed_at_once():
    turns = full()
    del turns[date(2026, 11, 2)], turns[date(2026, 11, 30)]
    turns[date(2026, 11, 3)] = []
    [(field, rule, message)] = problems(turns)
    assert (field, rule) == ("days", "lunch_roster.uncovered")
    assert "11-02（周一）、11-03（周二）、11-30（周一）" in message and "每个工作日" in message


def test_only_the_windows_people_at_work_may_serve():
    found = problems(full(turns={date(2026, 11, 2): ["S0101", "S0202"], date(2026, 11, 3): ["S0204"],
                                 date(2026, 11, 4): ["G001", "S0202"], date(2026, 11, 5): ["S9999"],
                                 date(2026, 11, 6): ["S0101"]}))
    assert [(f, r) for f, r, _ in found] == [("staff", "lunch_roster.staff")] * 4  # S0101 named once
    messages = [m for _, _, m in found]
    assert messages[0].startswith("张伟（S0101）不是企业登记窗口的工作人员") and "考勤办法 二(一)4" in messages[0]
    assert messages[1].startswith("S0204不在岗")
    assert "G001不是企业登记窗口的工作人员" in messages[2] and "S9999不是" in messages[3]


def test_an_intern_never_serves_alone_but_may_beside_a_formal_staff_member():
    alone = problems(full(turns={date(2026, 11, 2): ["X0201"]}))
    assert [(f, r) for f, r, _ in alone] == [("staff", "lunch_roster.intern_alone")]
    assert "只安排了实习生 小王（X0201）" in alone[0][2] and "进出管理制度 二.3" in alone[0][2]
    assert problems(full(turns={date(2026, 11, 2): ["X0201", "S0203"]})) == []


def test_a_past_month_and_a_day_of_another_month_are_refused():
    assert [(f, r) for f, r, _ in problems(full(), today=date(2026, 12, 1))] == [("month", "lunch_roster.month")]
    assert problems(full(), today=date(2026, 11, 30)) == []  # the month itself: filed late but not past
    [(field, rule, message)] = problems({**full(), date(2026, 12, 1): ["S0202"]})
    assert (field, rule, message) == ("days", "lunch_roster.day", "2026-12-01不在 2026-11 内")


def test_the_months_days_and_the_month_text():
    assert (month_days(date(2026, 2, 1))[-1], len(month_days(date(2026, 12, 5)))) == (date(2026, 2, 28), 31)
    assert month_of("2026-11") == NOV
    for bad in ("2026/11", "26-11", "2026-13", "2026-"):
        with pytest.raises(ValueError):
            month_of(bad)


@pytest.mark.parametrize(("facts", "event"), [
    (Facts(FILED), "submit"), (Facts(REVIEW), None), (Facts(REVIEW, {"approve": True}), "approve"),
    (Facts(REVIEW, {"approve": False, "comment": "缺人"}), "refuse"), (Facts(REGISTERED, {"approve": True}), None)])
def test_the_next_event(facts, event):
    assert next_event(facts) == event


def test_days_cover_the_month_day_by_day():
    days = month_days(NOV)
    assert all(b - a == timedelta(days=1) for a, b in zip(days, days[1:]))
