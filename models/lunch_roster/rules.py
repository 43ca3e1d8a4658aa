"""What a lunch-service roster must be (延时服务人员安排表). Pure: the window, the people and the
month's working days are passed in as plain values (the store reads them, the calendar says which
days are worked — 调休 Saturdays included, holidays excluded).

考勤办法 二(一)1: 上午11:30—12:00为窗口延时服务时间 — every working day the window is open, so every
working day of the month has someone serving. 二(一)4: 中午提供延时服务的窗口…制定延时服务人员安排表，
并落实相关工作人员 — only a window with lunch service, only its own people at work. 进出管理制度 二.3:
原则上不允许实习生单独受理业务 — the same rule as the B post's (models/rules/ab_posts.py: an intern is
never a B, B_ROLES): a day needs one of the window's formal staff.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.core.errors import CenterError, PolicyViolation
from models.rules.ab_posts import B_ROLES, Post
from models.rules.roles import Role

WINDOW_ROLES = B_ROLES | {Role.intern}  # the window's people who may be on the roster (an intern not alone)
WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class RosterWindow:
    id: str
    name: str
    lunch_service: bool


def weekday(day: date) -> str:
    return f"周{WEEKDAYS[day.weekday()]}"


def month_days(month: date) -> list[date]:
    """Every day of the month of `month`."""
    first = month.replace(day=1)
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return [date.fromordinal(n) for n in range(first.toordinal(), following.toordinal())]


def month_of(text: str) -> date:
    """"2026-11" → 2026-11-01; a ValueError otherwise."""
    year, _, month = text.strip().partition("-")
    if len(year) != 4 or not 1 <= len(month) <= 2:
        raise ValueError(text)
    return date(int(year), int(month), 1)


def roster_problems(*, window: RosterWindow, month: date, today: date, turns: dict[date, list[str]],
                    people: dict[str, Post], working_days: set[date], names: dict[str, str] | None = None
                    ) -> list[CenterError]:
    """Every reason the roster `turns` (day → staff ids serving) cannot be filed, all at once
    (一次性告知); [] when it can. `people`: the named ids found in the organisation (on_post: at work);
    `working_days`: the month's working days by the calendar."""
    names = names or {}

    def who(staff_id: str) -> str:
        return f"{names[staff_id]}（{staff_id}）" if staff_id in names else staff_id

    problems: list[CenterError] = []
    if not window.lunch_service:
        problems.append(PolicyViolation(
            rule="lunch_roster.window", field="window_id",
            message=f"{window.name}不提供中午延时服务，不需制定延时服务人员安排表（考勤办法 二(一)4：中午提供延时服务的窗口制定）"))
    if (month.year, month.month) < (today.year, today.month):
        problems.append(PolicyViolation(
            rule="lunch_roster.month", field="month",
            message=f"{month:%Y-%m} 已经过去：安排表应事前制定并落实人员（考勤办法 二(一)4）"))
    for day in sorted(turns):
        if (day.year, day.month) != (month.year, month.month):
            problems.append(PolicyViolation(rule="lunch_roster.day", field="days", message=f"{day}不在 {month:%Y-%m} 内"))
        elif day not in working_days:
            problems.append(PolicyViolation(
                rule="lunch_roster.day", field="days",
                message=f"{day}（{weekday(day)}）不是工作日，不安排延时服务（考勤办法 二(一)1：以中心工作日历为准，调休上班日除外）"))
    missing = sorted(d for d in working_days if not turns.get(d))
    if missing:
        problems.append(PolicyViolation(
            rule="lunch_roster.uncovered", field="days",
            message=f"以下工作日没有安排延时服务人员：{'、'.join(f'{d:%m-%d}（{weekday(d)}）' for d in missing)}"
            "（考勤办法 二(一)1、4：每个工作日上午11:30—12:00均须落实延时服务人员）"))
    refused: set[str] = set()
    for day in sorted(turns):
        for staff_id in dict.fromkeys(turns[day]):
            post = people.get(staff_id)
            if staff_id in refused:
                continue
            if post is None or post.window_id != window.id or post.role not in WINDOW_ROLES:
                refused.add(staff_id)
                problems.append(PolicyViolation(
                    rule="lunch_roster.staff", field="staff",
                    message=f"{who(staff_id)}不是{window.name}的工作人员（考勤办法 二(一)4：落实本窗口的相关工作人员）"))
            elif not post.on_post:
                refused.add(staff_id)
                problems.append(PolicyViolation(
                    rule="lunch_roster.staff", field="staff", message=f"{who(staff_id)}不在岗（借调、调离或退回），不能安排延时服务（考勤办法 二(一)4）"))
        serving = [people[s] for s in turns[day] if s in people]
        if serving and all(p.role == Role.intern for p in serving):
            problems.append(PolicyViolation(
                rule="lunch_roster.intern_alone", field="staff",
                message=f"{day}（{weekday(day)}）只安排了实习生 {'、'.join(who(p.id) for p in serving)}：原则上不允许实习生单独受理业务，"
                "须有正式工作人员（进出管理制度 二.3；AB岗工作制度 6）"))
    return problems

