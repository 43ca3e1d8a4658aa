"""The annual assessment (年度考核) from the point-deduction ledger, published as a Prefect artifact
and an HTML report under the data folder; once the year is over, the heads' ranking is recorded
and a head in the last three places two years running is to be replaced (岗位职责 7)."""
from __future__ import annotations

from datetime import datetime

from flows.core.plain_calls import flow
from prefect.artifacts import create_markdown_artifact
from pydantic import BaseModel, Field

from models.core.clock import local_now, to_local
from tasks.annual_assessment import assess_year_task


class AssessmentYear(BaseModel):
    """考核年度。"""

    year: int = Field(title="考核年度", description="如 2026", ge=2000, le=2100)


@flow(name="年度考核", step="年度考核", retry_safe=False)
def annual_assessment(request: AssessmentYear, actor: str, as_of: datetime | None = None) -> dict:
    """`actor`: a member of the management section (窗口管理科)."""
    report = assess_year_task(year=request.year, actor=actor, as_of=to_local(as_of) if as_of else local_now())
    create_markdown_artifact(key=f"annual-assessment-{request.year}", markdown=report["markdown"],
                             description=f"{request.year} 年度考核")
    return report
