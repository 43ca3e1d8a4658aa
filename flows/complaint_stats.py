"""The monthly (and, in January, annual) 好差评 summary published as a Prefect artifact.

投诉处置规定 三(一)2: 投诉窗口做好月度、年度“好差评”评价的统计汇总工作.
"""
from __future__ import annotations

from datetime import datetime

from flows.core.plain_calls import flow
from prefect.artifacts import create_markdown_artifact
from pydantic import BaseModel, Field

from models.core.clock import local_now, to_local
from models.complaint.stats import periods_due
from tasks.complaint.stats import complaint_report_task


class StatsPeriod(BaseModel):
    """统计期间：填月份或年份之一；都不填则统计上个月（一月份运行时另加上一年度）。"""

    month: str | None = Field(default=None, title="月份", description="如 2026-10", pattern=r"^\d{4}-\d{2}$")
    year: int | None = Field(default=None, title="年份", description="如 2026", ge=2000, le=2100)


@flow(name="投诉统计")
def complaint_monthly_stats(period: StatsPeriod = StatsPeriod(), as_of: datetime | None = None) -> list[dict]:
    moment = to_local(as_of) if as_of else local_now()
    wanted = [(period.month, period.year)] if (period.month or period.year) else periods_due(moment)
    reports = []
    for month, year in wanted:
        report = complaint_report_task(month=month, year=year, as_of=moment)
        create_markdown_artifact(key=f"complaint-stats-{report['period']}", markdown=report["markdown"],
                                 description=f"投诉（好差评）统计 {report['period']}")
        reports.append(report)
    return reports
