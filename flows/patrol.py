"""Patrols (窗口巡查制度) as flows: each patrol recorded by the management section's patroller;
the month-end summary (窗口巡查制度 四: 每月月末梳理汇总本月巡查情况，将在巡查中发现的
问题反馈给各窗口): each window's head gets the window's findings; the whole month is published as
the Prefect artifact 月度巡查情况. Scheduled daily after office hours, it acts on the last working
day of a month, and catches up a month whose day it missed."""
from __future__ import annotations

from datetime import datetime

from flows.core.plain_calls import flow
from prefect.artifacts import create_markdown_artifact
from pydantic import BaseModel, Field

from models.core.clock import local_now, to_local
from models.patrol.inputs import PatrolInput
from tasks.patrol import patrol_months_due_task, record_patrol_task, summarise_month_task


@flow(name="记录巡查", step="记录巡查", retry_safe=False)
def record_patrol_flow(patrol: PatrolInput, actor: str, now: datetime | None = None) -> dict:
    """`actor`: the patroller of the management section (窗口管理科)."""
    ref, created = record_patrol_task(patrol=patrol.model_copy(update={"at": to_local(patrol.at) if patrol.at else None}),
                                      actor=actor,
                                      now=to_local(now) if now else local_now())
    return {"case_ref": ref, "created": created}


class PatrolMonth(BaseModel):
    """汇总月份：不填则汇总已到月末、尚未汇总的月份。"""

    month: str | None = Field(default=None, title="月份", description="如 2026-10", pattern=r"^\d{4}-\d{2}$")


@flow(name="月度巡查情况", step="月度巡查情况", retry_safe=False)
def monthly_patrol_summary(period: PatrolMonth = PatrolMonth(), actor: str = "system",
                           as_of: datetime | None = None) -> list[dict]:
    moment = to_local(as_of) if as_of else local_now()
    months = [period.month] if period.month else patrol_months_due_task(as_of=moment)
    results = []
    for month in months:
        result = summarise_month_task(month=month, actor=actor, as_of=moment)
        create_markdown_artifact(key=f"patrol-month-{month}", markdown=result["markdown"],
                                 description=f"月度巡查情况 {month}")
        results.append(result)
    return results
