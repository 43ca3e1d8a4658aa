"""The last real deadline sweep's findings, kept in the case store (issue 30): 管理总览 shows them instead
of running the sweep again on every view. One row, replaced by each sweep that is not a dry run; the
failures and the 无人可办 cases are kept up to LISTED rows each, with their totals."""
from __future__ import annotations

from pydantic import NaiveDatetime
from sqlalchemy import JSON, Column
from sqlmodel import Field, Session, SQLModel

DEADLINE_SWEEP = "deadline-sweep"
NO_CASE = "—"  # what the sweep's report puts where a finding has no case (tasks/core/sweep.py)
LISTED = 50  # rows of each list kept (and shown); the totals are kept whole


class SweepReport(SQLModel, table=True):
    __tablename__ = "sweep_report"
    name: str = Field(primary_key=True, max_length=40)  # which sweep: DEADLINE_SWEEP
    ran_at: NaiveDatetime  # the moment the sweep checked (its as_of)
    summary: dict = Field(sa_column=Column(JSON, nullable=False))  # see report_summary


def report_summary(report: dict) -> dict:
    """What the overview needs of a sweep's report: its counts, the failures ([procedure, ref, reason],
    masked by the sweep), the overdue findings of no single case ([kind, step, due]: e.g. a day with too few
patrols) and the 无人可办 cases ([ref, procedure, status]), each list cut to LISTED."""
    failures, unmovable = report.get("failures", []), report.get("unmovable", [])
    caseless = [[kind, step, due] for ref, kind, step, due in report.get("overdue", []) if ref == NO_CASE]
    return {"working_day": report["working_day"], "notices": report["notices"], "queued": report["queued"],
            "overdue_total": len(report.get("overdue", [])), "failures": failures[:LISTED],
            "failures_total": len(failures), "caseless": caseless[:LISTED], "unmovable": unmovable[:LISTED], "unmovable_total": len(unmovable),
            "repaired": len(report.get("stranded", {})), "repair_failed": report.get("repair_failed", [])[:LISTED]}


def keep_sweep_report(*, session: Session, report: dict, ran_at) -> None:
    """Replace the stored findings with this sweep's."""
    row = session.get(SweepReport, DEADLINE_SWEEP) or SweepReport(name=DEADLINE_SWEEP, ran_at=ran_at, summary={})
    row.ran_at, row.summary = ran_at.replace(tzinfo=None), report_summary(report)
    session.add(row)


def last_sweep_report(*, session: Session) -> SweepReport | None:
    return session.get(SweepReport, DEADLINE_SWEEP)
