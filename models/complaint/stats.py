"""The monthly and annual complaint (好差评) statistics: counts by channel, window and verdict,
and the on-time rate. 投诉处置规定 三(一)2: 投诉窗口做好月度、年度“好差评”评价的统计汇总工作.

Pure: the rows (or the store's groups of them, counted by SQL: models/complaint/store.py stat_groups) and the
moment are parameters. No personal data is ever part of a summary.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from models.core.errors import InvalidInput
from models.complaint.rules import CHANNEL_LABELS, VERDICT_LABELS, ComplaintChannel, ComplaintVerdict

PENDING = "pending"
VERDICT_COLUMNS = {**{v.value: label for v, label in VERDICT_LABELS.items()}, PENDING: "核实中"}


@dataclass(frozen=True)
class StatRow:
    channel: ComplaintChannel
    window_id: str
    verdict: ComplaintVerdict | None
    stars: int | None
    due_at: datetime | None
    answered_at: datetime | None
    closed: bool


@dataclass(frozen=True)
class ComplaintStats:
    period: str  # "2026-10" or "2026"
    total: int
    by_channel: dict[str, int]
    by_window: dict[str, int]
    by_verdict: dict[str, int]
    by_stars: dict[int, int]
    answered: int
    on_time: int
    late: int  # answered after the due date, or still open past it
    on_time_rate: float | None  # on time / (answered + open past due); None when nothing is due


def period_bounds(month: str | None, year: int | None) -> tuple[str, datetime, datetime]:
    """'2026-10' or 2026 → (label, start, end) with end exclusive."""
    if (month is None) == (year is None):
        raise InvalidInput(field="--month/--year", message="请给出 --month（如 2026-10）或 --year（如 2026）之一")
    if month is not None:
        if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month.strip()):
            raise InvalidInput(field="--month", message=f"「{month}」应为 YYYY-MM，如 2026-10")
        y, m = map(int, month.strip().split("-"))
        end = datetime(y + (m == 12), m % 12 + 1, 1)
        return f"{y}-{m:02d}", datetime(y, m, 1), end
    if not 2000 <= year <= 2100:
        raise InvalidInput(field="--year", message=f"年份 {year} 不在 2000–2100 之间")
    return str(year), datetime(year, 1, 1), datetime(year + 1, 1, 1)


def periods_due(moment: datetime) -> list[tuple[str | None, int | None]]:
    """What the monthly run publishes: the previous month, and in January the previous year too."""
    year, month = (moment.year - 1, 12) if moment.month == 1 else (moment.year, moment.month - 1)
    periods: list[tuple[str | None, int | None]] = [(f"{year}-{month:02d}", None)]
    return periods + [(None, year)] if month == 12 else periods


@dataclass(frozen=True)
class StatGroup:
    """Complaints alike in everything the statistics count, and how many: what the store's GROUP BY gives."""
    channel: ComplaintChannel
    window_id: str
    verdict: ComplaintVerdict | None
    stars: int | None
    answered: bool
    on_time: bool  # answered by the due date (or with none)
    open_overdue: bool  # not answered, and the due date has passed
    count: int = 1


def group_of(row: StatRow, *, as_of: datetime) -> StatGroup:
    """One complaint as a group of one: answered on time when by its due date (or it has none), overdue
    when still unanswered past it."""
    answered = row.answered_at is not None
    return StatGroup(channel=row.channel, window_id=row.window_id, verdict=row.verdict, stars=row.stars,
                     answered=answered, on_time=answered and (row.due_at is None or row.answered_at <= row.due_at),
                     open_overdue=not answered and row.due_at is not None and row.due_at < as_of)


def summarize(rows: list[StatRow], *, period: str, as_of: datetime) -> ComplaintStats:
    return tally([group_of(r, as_of=as_of) for r in rows], period=period)


def tally(groups: list[StatGroup], *, period: str) -> ComplaintStats:
    """The period's statistics from its groups of complaints."""
    def counted(key, only=lambda g: True) -> dict:
        totals: Counter = Counter()
        for g in groups:
            if only(g):
                totals[key(g)] += g.count
        return dict(totals)

    answered = sum(g.count for g in groups if g.answered)
    on_time = sum(g.count for g in groups if g.on_time)
    due = answered + sum(g.count for g in groups if g.open_overdue)
    return ComplaintStats(
        period=period, total=sum(g.count for g in groups),
        by_channel=counted(lambda g: g.channel.value),
        by_window=counted(lambda g: g.window_id),
        by_verdict=counted(lambda g: g.verdict.value if g.verdict else PENDING),
        by_stars=counted(lambda g: g.stars, only=lambda g: g.channel == ComplaintChannel.rating),
        answered=answered, on_time=on_time, late=due - on_time,
        on_time_rate=round(on_time / due, 4) if due else None,
    )


def rate_text(stats: ComplaintStats) -> str:
    return "—" if stats.on_time_rate is None else f"{stats.on_time_rate:.1%}"


def markdown(stats: ComplaintStats, window_names: dict[str, str]) -> str:
    """The summary as a Markdown report (the Prefect artifact)."""
    lines = [f"# 投诉（好差评）统计 {stats.period}", "",
             f"共 {stats.total} 件；已答复 {stats.answered} 件，按期 {stats.on_time} 件，"
             f"超期 {stats.late} 件；按期办结率 {rate_text(stats)}。", ""]
    lines += _table("渠道", {CHANNEL_LABELS[ComplaintChannel(k)]: v for k, v in sorted(stats.by_channel.items())})
    lines += _table("窗口", {f"{k} {window_names.get(k, '')}".strip(): v for k, v in sorted(stats.by_window.items())})
    lines += _table("核查结论", {VERDICT_COLUMNS[k]: stats.by_verdict[k] for k in VERDICT_COLUMNS if k in stats.by_verdict})
    if stats.by_stars:
        lines += _table("差评星级", {f"{k}星": v for k, v in sorted(stats.by_stars.items())})
    return "\n".join(lines).rstrip()


def _table(heading: str, counts: dict[str, int]) -> list[str]:
    rows = [f"| {name} | {count} |" for name, count in counts.items()] or ["| — | 0 |"]
    return [f"| {heading} | 件数 |", "|---|---|", *rows, ""]
