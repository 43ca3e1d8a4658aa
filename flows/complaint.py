"""Complaint and bad-rating handling (窗口投诉(差评)处置规定), orchestrated: registered → the window
investigates (extended once, with an explanation, if complex) → ratings: the management section
reviews the reply and the complaint window posts it → closed with its outcome. Each run goes as
far as it can without a person and stops; running it again changes nothing.
"""
from __future__ import annotations

from datetime import datetime

from prefect import tags
from flows.core.plain_calls import flow

from models.core.clock import local_now, to_local
from models.complaint.inputs import ComplaintIntake, ExtensionRequest
from tasks.complaint.entry import extend_complaint_task, register_complaint_task
from tasks.core.advance import advance_case


@flow(name="投诉处理", flow_run_name="投诉处理 {case_ref}")
def complaint_handling(case_ref: str, actor: str) -> str:
    """Advance a complaint as far as it goes without a person (the generic step, with the complaint's
    facts, next event and effects: models/procedures.py); returns its status."""
    with tags(case_ref):
        return advance_case(case_ref=case_ref, actor=actor)


@flow(name="投诉受理")
def receive_complaint(intake: ComplaintIntake, actor: str, now: datetime | None = None) -> dict:
    """Register a complaint from any channel (`actor`: the registering clerk's staff number) and
    hand it to the window. The intake (the complainant's data) is kept in the case store, not in the
    run's parameters (flows/core/plain_calls.py)."""
    ref, created = register_complaint_task(intake=intake, actor=actor, now=to_local(now) if now else local_now())
    return {"case_ref": ref, "created": created, "status": complaint_handling(case_ref=ref, actor=actor)}


@flow(name="投诉延期")
def extend_complaint_flow(request: ExtensionRequest, actor: str, now: datetime | None = None) -> str:
    """Extend once, with the explanation sent to the complainant; returns the new due date."""
    with tags(request.case_ref):
        due = extend_complaint_task(case_ref=request.case_ref, actor=actor, reason=request.reason,
                                    until=request.until, now=to_local(now) if now else local_now())
    return due.strftime("%Y-%m-%d %H:%M")
