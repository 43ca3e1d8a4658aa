"""The complaint statistics as a report (投诉处置规定 三(一)2: 月度、年度“好差评”统计汇总)."""
from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from tasks.core.plain_calls import task

from models.complaint.store import period_summary
from models.core.db import session_scope
from models.api.store import rating_counts
from models.api.rules import ratings_markdown
from models.complaint.stats import markdown, period_bounds


def complaint_report(*, month: str | None, year: int | None, as_of: datetime) -> dict:
    """The period's counts and their Markdown table (no personal data in either)."""
    with session_scope() as session:
        stats, names = period_summary(session=session, month=month, year=year, as_of=as_of)
        _, start, end = period_bounds(month, year)
        ratings = rating_counts(session=session, start=start, end=end)
    report = markdown(stats, names) + ("\n\n" + ratings_markdown(ratings) if ratings else "")
    return {**asdict(stats), "ratings_by_stars": ratings, "markdown": report}


complaint_report_task = task(name="统计投诉")(complaint_report)
