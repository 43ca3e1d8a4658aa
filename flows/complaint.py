"""Complaint and bad-rating handling (窗口投诉(差评)处置规定), orchestrated: registered → the window
investigates (extended once, with an explanation, if complex) → ratings: the management section
reviews the reply and the complaint window posts it → closed with its outcome. Each run goes as
far as it can without a person and stops; running it again changes nothing.

The monthly (and, in January, annual) 好差评 summary is published as a Prefect artifact (投诉处置规定
三(一)2: 投诉窗口做好月度、年度“好差评”评价的统计汇总工作).
"""
from __future__ import annotations

from datetime import datetime

from prefect import tags
from prefect.artifacts import create_markdown_artifact
from pydantic import BaseModel, Field

from flows.core.plain_calls import flow
from models.complaint.inputs import ComplaintIntake, ExtensionRequest
from models.complaint.stats import periods_due
from models.core.clock import local_now, to_local
from tasks.complaint.entry import extend_complaint_task, register_complaint_task
from tasks.complaint.stats import complaint_report_task
from tasks.core.advance import advance_case


@flow(name="投诉处理", flow_run_name="投诉处理 {case_ref}", step="投诉处理", retry_safe=True)
def complaint_handling(case_ref: str, actor: str) -> str:
    """Advance a complaint as far as it goes without a person (the generic step, with the complaint's
    facts, next event and effects: models/procedures.py); returns its status."""
    with tags(case_ref):
        return advance_case(case_ref=case_ref, actor=actor)


@flow(name="投诉受理", step="投诉受理", retry_safe=False)
def receive_complaint(intake: ComplaintIntake, actor: str, now: datetime | None = None) -> dict:
    """Register a complaint from any channel (`actor`: the registering clerk's staff number) and
    hand it to the window. The intake (the complainant's data) is kept in the case store, not in the
    run's parameters (flows/core/plain_calls.py)."""
    ref, created = register_complaint_task(intake=intake, actor=actor, now=to_local(now) if now else local_now())
    return {"case_ref": ref, "created": created, "status": complaint_handling(case_ref=ref, actor=actor)}


@flow(name="投诉延期", step="投诉延期", retry_safe=False)
def extend_complaint_flow(request: ExtensionRequest, actor: str, now: datetime | None = None) -> str:
    """Extend once, with the explanation sent to the complainant; returns the new due date."""
    with tags(request.case_ref):
        due = extend_complaint_task(case_ref=request.case_ref, actor=actor, reason=request.reason,
                                    until=request.until, now=to_local(now) if now else local_now())
    return due.strftime("%Y-%m-%d %H:%M")


class StatsPeriod(BaseModel):
    """统计期间：填月份或年份之一；都不填则统计上个月（一月份运行时另加上一年度）。"""

    month: str | None = Field(default=None, title="月份", description="如 2026-10", pattern=r"^\d{4}-\d{2}$")
    year: int | None = Field(default=None, title="年份", description="如 2026", ge=2000, le=2100)


@flow(name="投诉统计", step="投诉统计", retry_safe=False)
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
