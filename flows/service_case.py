"""Service cases at the window, orchestrated (首问负责制度, 一次性告知制度, 限时办结制度): intake by the
first staff member asked (referred at once when the matter belongs elsewhere) → materials check (a
one-time written notice for everything missing; a return visit checks only those items) → accepted
(即办件 completed at once; 承诺件 due the promised working days later, with a work item the generic
sweep reminds and escalates) → completed, or extended with the applicant's consent.
"""
from __future__ import annotations

from datetime import datetime

from prefect import tags
from flows.core.plain_calls import flow

from models.core.clock import local_now, to_local
from models.service_case.inputs import ServiceExtension, ServiceIntake
from tasks.core.advance import advance_case
from tasks.service_case import check_materials_task, complete_service_case_task, extend_service_case_task, open_service_case_task


def _moment(now: datetime | None) -> datetime:
    return to_local(now) if now else local_now()


@flow(name="窗口接件", step="窗口接件", retry_safe=False)
def open_service_case_flow(intake: ServiceIntake, actor: str, now: datetime | None = None) -> str:
    """首问负责制度 一: `actor` is the first staff member asked; returns the case ref."""
    return open_service_case_task(intake=intake, actor=actor, now=_moment(now))


@flow(name="核验材料", flow_run_name="核验材料 {case_ref}", step="核验材料", retry_safe=False)
def check_materials_flow(case_ref: str, have: list[str], missing: list[str], actor: str,
                         now: datetime | None = None, sent: bool = False) -> str:
    """一次性告知制度 2: the check of one visit; returns the case status."""
    with tags(case_ref):
        return check_materials_task(case_ref=case_ref, have=have, missing=missing, actor=actor, now=_moment(now),
                               sent=sent)


@flow(name="办结窗口办件", flow_run_name="办结 {case_ref}", step="办结窗口办件", retry_safe=False)
def complete_service_case_flow(case_ref: str, actor: str, now: datetime | None = None) -> str:
    with tags(case_ref):
        return complete_service_case_task(case_ref=case_ref, actor=actor, now=_moment(now))


@flow(name="延期办结", step="延期办结", retry_safe=False)
def extend_service_case_flow(request: ServiceExtension, actor: str, now: datetime | None = None) -> datetime:
    """限时办结制度 5: with a reason and the applicant's consent; the applicant is told the new time."""
    with tags(request.case_ref):
        return extend_service_case_task(case_ref=request.case_ref, days=request.days, reason=request.reason,
                                   consent=request.consent, actor=actor, now=_moment(now))


@flow(name="推进窗口办件", flow_run_name="推进窗口办件 {case_ref}", step="推进窗口办件", retry_safe=True)
def advance_service_case(case_ref: str, actor: str, as_of: datetime | None = None) -> str:
    """A completion recorded on the work item (`center decide`) closes the case; idempotent (the generic
    step with the service case's facts, next event and effects: models/procedures.py)."""
    with tags(case_ref):
        return advance_case(case_ref=case_ref, actor=actor, now=_moment(as_of))
