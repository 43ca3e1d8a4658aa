"""The monthly and annual statistics on a generated month of complaints (投诉处置规定 三(一)2),
and `center complaints stats`."""
from __future__ import annotations

from datetime import datetime

import pytest

from models.complaint.store import period_summary
from models.core.db import session_scope
from models.complaint.stats import markdown
from support.cli import run_cli
from support.complaint_cases import FOUND, PHONE, RATING, advance, decide, register

pytestmark = pytest.mark.usefixtures("org")
AS_OF = datetime(2026, 10, 30, 9, 0)
STAFF = {"W01": "S0102", "W02": "S0202", "W03": "S0302"}
# channel, window, received, verdict (None: still open), answered
OCTOBER = [
    ("phone", "W01", datetime(2026, 10, 12, 9), "substantiated", datetime(2026, 10, 14, 10)),
    ("phone", "W01", datetime(2026, 10, 13, 9), "unsubstantiated", datetime(2026, 10, 13, 16)),
    ("email", "W02", datetime(2026, 10, 12, 9), "partly", datetime(2026, 10, 16, 10)),  # due 10-15: late
    ("hotline", "W02", datetime(2026, 10, 14, 9), "substantiated", datetime(2026, 10, 19, 10)),  # due 10-20
    ("rating", "W03", datetime(2026, 10, 12, 9), "unsubstantiated", datetime(2026, 10, 15, 10)),
    ("rating", "W03", datetime(2026, 10, 12, 10), None, None),  # due 10-19: open and overdue
    ("phone", "W03", datetime(2026, 10, 29, 9), None, None),  # due 11-03: open, not yet due
]


def file(channel: str, window: str, received: datetime, n: int) -> str:
    base = RATING if channel == "rating" else PHONE
    extra = {"ticket_no": f"12345-{n}", "external_due_at": datetime(2026, 10, 20)} if channel == "hotline" else {}
    return register({**base, "channel": channel, "window_id": window, "staff_id": STAFF[window],
                     "received_at": received, "content": f"第{n}件", "rating_id": f"HCP-{n}",
                     "stars": 1 + n % 2, **extra}, actor="T001", now=datetime(2026, 11, 30))


def answer(ref: str, channel: str, verdict: str, at: datetime) -> None:
    decide(ref, "investigate", head_of(ref), {**FOUND, "verdict": verdict}, at)
    if channel == "rating":
        decide(ref, "review", "G001", {"approve": True}, at)
        decide(ref, "post", "T001", {}, at)


def head_of(ref: str) -> str:
    from models.core.cases import get_case

    with session_scope() as session:
        return {"W01": "S0101", "W02": "S0201", "W03": "S0301"}[get_case(session=session, ref=ref).window_id]


@pytest.fixture
def october(org):
    for n, (channel, window, received, verdict, answered) in enumerate(OCTOBER):
        ref = file(channel, window, received, n)
        advance(ref)
        if verdict:
            answer(ref, channel, verdict, answered)
    file("phone", "W01", datetime(2026, 9, 29, 9), 90)  # other months are not counted
    file("phone", "W01", datetime(2026, 11, 2, 9), 91)


def october_stats():
    with session_scope() as session:
        return period_summary(session=session, month="2026-10", year=None, as_of=AS_OF)


@pytest.mark.usefixtures("october")
def test_counts_by_channel_window_verdict_and_stars():
    stats, _ = october_stats()
    assert (stats.total, stats.by_channel, stats.by_window, stats.by_verdict, stats.by_stars) == (
        7, {"phone": 3, "email": 1, "hotline": 1, "rating": 2}, {"W01": 2, "W02": 2, "W03": 3},
        {"substantiated": 2, "unsubstantiated": 2, "partly": 1, "pending": 2}, {1: 1, 2: 1})


@pytest.mark.usefixtures("october")
def test_on_time_rate_counts_late_answers_and_open_cases_past_due():
    stats, _ = october_stats()
    assert (stats.answered, stats.on_time, stats.late, stats.on_time_rate) == (5, 4, 2, 0.6667)


@pytest.mark.usefixtures("october")
def test_the_year_includes_every_month():
    with session_scope() as session:
        stats, _ = period_summary(session=session, month=None, year=2026, as_of=AS_OF)
    assert stats.total == 9


@pytest.mark.usefixtures("october")
def test_the_published_table_names_windows_and_no_complainant():
    report = markdown(*october_stats())
    assert "| W03 户政出入境窗口 | 3 |" in report and "张三丰" not in report and "13912345678" not in report


@pytest.mark.usefixtures("october")
def test_the_stats_command_prints_the_on_time_rate(capsys):
    result = run_cli(capsys, "complaints", "stats", "--month", "2026-10", "--as-of", "2026-10-30 09:00")
    assert result.code == 0 and "共 7 件" in result.out and "按期办结率 66.7%" in result.out


def test_the_stats_command_refuses_a_bad_month(capsys):
    result = run_cli(capsys, "complaints", "stats", "--month", "2026-13")
    assert result.code == 2 and "--month" in result.err
