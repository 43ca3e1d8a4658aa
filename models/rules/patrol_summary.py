"""The patrol register over time: working days with too few patrols, and the month-end summary.

窗口巡查制度 二: 每天两次巡查; 四: 窗口管理科于每月月末梳理汇总本月巡查情况，将在巡查中发现的问题
反馈给各窗口. Pure: the calendar, the counts and the moment are parameters.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from models.core.errors import InvalidInput
from models.rules.patrol import ITEM_LABELS, KIND_LABELS, CheckItem, PatrolKind
from models.rules.workdays import WorkdayCalendar


def days_to_check(*, today: date, calendar: WorkdayCalendar, first_day: date | None, back: int) -> list[date]:
    """The last `back` working days before today (complete days), not before the register began."""
    if first_day is None:
        return []
    start = calendar.add_working_days(today, -back)
    days = [start + timedelta(days=n) for n in range((today - start).days)]
    return [d for d in days if d >= first_day and calendar.is_working_day(d)]


def short_days(days: list[date], counts: dict[date, int], required: int) -> list[tuple[date, int]]:
    """巡查制度 二: working days with fewer patrols than required, with the number recorded."""
    return [(d, counts.get(d, 0)) for d in days if counts.get(d, 0) < required]


def month_bounds(month: str) -> tuple[date, date]:
    """'2026-10' → (first day, first day of the next month)."""
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month.strip()):
        raise InvalidInput("月份", f"「{month}」应为 YYYY-MM，如 2026-10")
    y, m = map(int, month.strip().split("-"))
    return date(y, m, 1), date(y + (m == 12), m % 12 + 1, 1)


def month_of(day: date) -> str:
    return f"{day.year}-{day.month:02d}"


def last_working_day(month: str, calendar: WorkdayCalendar) -> date:
    _, end = month_bounds(month)
    return calendar.add_working_days(end, -1)


def months_due(*, as_of: datetime, calendar: WorkdayCalendar, close: time, first_month: str | None,
               summarised: set[str]) -> list[str]:
    """四: every month of the register not yet summarised that has ended — the current one from the
    close of office on its last working day; an earlier one missed by the schedule is caught up."""
    if first_month is None:
        return []
    due, month = [], first_month
    while True:
        ends = datetime.combine(last_working_day(month, calendar), close)
        if ends > as_of:
            return due
        if month not in summarised:
            due.append(month)
        month = month_of(month_bounds(month)[1])


@dataclass(frozen=True)
class FindingRow:
    at: datetime
    case_ref: str
    window_id: str
    staff_name: str  # "" when the finding is about the window
    item: CheckItem
    description: str
    points: float  # every deduction the finding caused (the person's and the window's share)


@dataclass
class WindowSummary:
    window_id: str
    name: str
    visits: int
    findings: list[FindingRow] = field(default_factory=list)

    @property
    def points(self) -> float:
        return sum(f.points for f in self.findings)

    def by_item(self) -> dict[str, int]:
        return {ITEM_LABELS[k]: v for k, v in sorted(Counter(f.item for f in self.findings).items())}


@dataclass
class MonthSummary:
    month: str
    patrols: dict[str, int]  # by kind label
    short: list[tuple[date, int]]
    windows: list[WindowSummary]

    @property
    def findings(self) -> int:
        return sum(len(w.findings) for w in self.windows)


def summarise(*, month: str, kinds: list[PatrolKind], short: list[tuple[date, int]],
              windows: list[WindowSummary]) -> MonthSummary:
    counted = Counter(kinds)
    return MonthSummary(month=month, patrols={KIND_LABELS[k]: counted.get(k, 0) for k in PatrolKind},
                        short=short, windows=windows)


def markdown(summary: MonthSummary, required: int, until: datetime | None = None) -> str:
    """The whole month as the Prefect artifact 月度巡查情况 (`until`: a month not over yet)."""
    total = sum(summary.patrols.values())
    state = f"（截至 {until:%Y-%m-%d %H:%M}，月份未结束，未反馈窗口）" if until else ""
    lines = [f"# 月度巡查情况 {summary.month}{state}", "",
             f"共巡查 {total} 次（" + "，".join(f"{k} {v} 次" for k, v in summary.patrols.items())
             + f"）；发现问题 {summary.findings} 项。", ""]
    if summary.short:
        lines += [f"巡查不足每天 {required} 次的工作日：" + "、".join(f"{d:%m-%d}（{n} 次）" for d, n in summary.short), ""]
    lines += ["| 窗口 | 巡查次数 | 问题 | 扣分 | 问题类别 |", "|---|---|---|---|---|"]
    for w in summary.windows:
        kinds = "、".join(f"{k} {v}" for k, v in w.by_item().items()) or "—"
        lines.append(f"| {w.name} | {w.visits} | {len(w.findings)} | {w.points:g} | {kinds} |")
    details = [(w, f) for w in summary.windows for f in w.findings]
    if details:
        lines += ["", "## 问题明细", "", "| 时间 | 窗口 | 人员 | 项目 | 情况 | 扣分 | 巡查记录 |",
                  "|---|---|---|---|---|---|---|"]
        lines += [f"| {f.at:%m-%d %H:%M} | {w.name} | {f.staff_name or '—'} | {ITEM_LABELS[f.item]} | "
                  f"{_cell(f.description)} | {f.points:g} | {f.case_ref} |" for w, f in details]
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "／").replace("\n", " ")
