"""Opening a staff return (退回): by the management section with grounds and evidence, or automatically
by a third substantiated complaint (投诉处置规定 三(三)2), including the placeholders the complaint
procedure opened before this procedure existed. Each public plain function is one transaction.

进出管理制度 三. The complainants of linked complaints are told nothing: no message here goes to them.
"""
from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from tasks.core.plain_calls import task
from sqlmodel import Session, select

from models.core.cases import Case, WorkItem, WorkItemStatus, audit, open_case
from models.core.clock import local_now
from models.complaint.tables import Complaint
from models.core.db import session_scope
from models.core.documents import store_attachment
from models.core.errors import raise_all
from models.core.org import Role, Staff
from models.core.recipients import role
from models.complaint.rules import VERDICT_LABELS
from models.rules.masking import complainant_view
from models.rules.submission import submission_key
from models.core.settings import get_settings
from models.staff_return.inputs import ReturnRequest
from models.staff_return.machine import STAFF_RETURN
from models.staff_return.rules import GROUND_LABELS, ReturnGround, open_problems
from models.staff_return.store import (home_department, linked_facts, open_return_of, subject_facts,
                                       substantiated_refs)
from models.staff_return.tables import ReturnEvidence, StaffReturn
from models.core.submissions import submitted_case
from models.core.workitems import check_management, open_work_item
from tasks.core.human_steps import section_due
from tasks.core.messages import queue_notice


def _evidence(session: Session, case_ref: str, refs: list[str], notes: str) -> list[ReturnEvidence]:
    rows = []
    for ref in dict.fromkeys(refs):
        linked = session.get(Case, ref)
        complaint = session.get(Complaint, ref)
        summary = linked.title
        if complaint is not None and complaint.verdict is not None:
            view = complainant_view(name=complaint.complainant_name, contact=complaint.complainant_contact,
                                    full=False)
            summary += (f"，{complaint.received_at:%Y-%m-%d}受理，{VERDICT_LABELS[complaint.verdict]}："
                        f"{view.text(complaint.findings)}")
        rows.append(ReturnEvidence(case_ref=case_ref, kind=linked.kind, reference=ref, summary=summary))
    if notes.strip():
        rows.append(ReturnEvidence(case_ref=case_ref, kind="note", summary=notes.strip()))
    return rows


def start_return(*, session: Session, staff: Staff, grounds: list[ReturnGround], refs: list[str], notes: str,
                 actor: str, at: datetime, trigger: str = "manual", key: str | None = None,
                 files: list[str] = ()) -> Case:
    """The case, its evidence and the management section's decision item, in the caller's transaction."""
    policy = get_settings().policy
    case, created = open_case(session=session, kind=STAFF_RETURN.kind, actor=actor,
                              title=f"退回{staff.name}（{staff.id}）", policy=policy.model_dump(mode="json"),
                              window_id=staff.window_id, subject_staff_id=staff.id, idempotency_key=key, at=at)
    if not created:
        return case
    session.add(StaffReturn(case_ref=case.ref, staff_id=staff.id, staff_name=staff.name, window_id=staff.window_id,
                            department_id=home_department(session=session, staff=staff),
                            grounds=[g.value for g in grounds], trigger=trigger))
    session.add_all(_evidence(session, case.ref, refs, notes))
    for file in files:
        document = store_attachment(session=session, case_ref=case.ref, kind="return_evidence", source=Path(file),
                                    actor=actor, at=at)
        session.add(ReturnEvidence(case_ref=case.ref, kind="document", reference=str(document.id),
                                   summary=document.title))
    audit(session=session, case_ref=case.ref, actor=actor, action="grounds", at=at,
          details={"grounds": [g.value for g in grounds], "cases": refs, "trigger": trigger})
    open_work_item(session=session, key=f"{case.ref}:decide", case_ref=case.ref, step="decide",
                   title=f"决定是否退回{staff.name}（{staff.id}）", role=Role.management, form="return_decision",
                   **section_due(session, case, at), at=at)
    queue_notice(session=session, key=f"{case.ref}:opened", case_ref=case.ref, recipients=[role(Role.management)],
                 template="return_opened",
                 context={"case_ref": case.ref, "staff_name": staff.name, "staff_id": staff.id,
                          "grounds": "；".join(GROUND_LABELS[g] for g in grounds), "evidence": len(refs),
                          "automatic": trigger != "manual"})
    return case


def open_staff_return(*, request: ReturnRequest, actor: str, now: datetime | None = None) -> str:
    """进出管理制度 三: the management section proposes a return with grounds and evidence."""
    return submit_staff_return(request=request, actor=actor, now=now)[0]


def submit_staff_return(*, request: ReturnRequest, actor: str, now: datetime | None = None) -> tuple[str, bool]:
    """open_staff_return, and whether it opened the case: the same proposal by the same person
    re-run (after a crash) returns the case it opened (models.rules.submission)."""
    now = now or local_now()
    # The evidence files count by their content: a re-sent form uploads them under new temporary names.
    files = [hashlib.sha256(Path(f).read_bytes()).hexdigest() for f in request.files]
    submission = submission_key("staff_return", {**request.model_dump(mode="json"), "files": files, "actor": actor})
    with session_scope() as session:
        check_management(session=session, actor_id=actor, action="提出退回")
        found = submitted_case(session=session, key=submission, now=now,
                               hours=get_settings().policy.resubmission_hours)
        if found is not None:
            return found.ref, False
        subject = subject_facts(session=session, staff_id=request.staff_id)
        raise_all(open_problems(subject, request.grounds, linked_facts(session=session, refs=request.cases),
                                request.notes, attachments=len(request.files)))
        return start_return(session=session, staff=session.get(Staff, request.staff_id), grounds=request.grounds,
                            refs=request.cases, notes=request.notes, actor=actor, at=now, files=request.files,
                            key=submission.stored(now)).ref, True


def open_return_for_complaints(*, session: Session, staff: Staff, trigger_ref: str, at: datetime) -> Case | None:
    """投诉处置规定 三(三)2: 被投诉三次以上并经查属实的，退回原部门 — opened by the system, in the
    complaint's transaction, with the posting's substantiated complaints as evidence. None when the
    person is no longer on post or a return is already under way (or confirmed)."""
    subject = subject_facts(session=session, staff_id=staff.id)
    if not (subject.on_post and subject.window_person) or subject.open_return:
        return None
    return start_return(session=session, staff=staff, grounds=[ReturnGround.complaints],
                        refs=substantiated_refs(session=session, staff=staff), notes="", actor="system", at=at,
                        trigger=trigger_ref, key=f"return:{staff.id}:{trigger_ref}")


def adopt_placeholders(*, actor: str = "system", now: datetime | None = None) -> dict[int, str]:
    """Replace each open `return_due` item of the complaint procedure (opened before this procedure
    existed) by a return case; the item is cancelled with the case's ref. Returns item id → ref."""
    now = now or local_now()
    adopted = {}
    with session_scope() as session:
        items = session.exec(select(WorkItem).where(WorkItem.step == "return_due",
                                                    WorkItem.status == WorkItemStatus.open)).all()
        for item in items:
            staff = session.get(Staff, item.key.split(":")[1])
            case = open_return_for_complaints(session=session, staff=staff, trigger_ref=item.case_ref, at=now)
            ref = case.ref if case else open_return_of(session=session, staff_id=staff.id) or "—"
            item.status = WorkItemStatus.cancelled
            audit(session=session, case_ref=item.case_ref, actor=actor, action="cancel:return_due",
                  details={"work_item": item.id, "reason": f"已由退回案件 {ref} 办理"})
            adopted[item.id] = ref
    return adopted


submit_staff_return_task = task(name="提出退回")(submit_staff_return)
adopt_placeholders_task = task(name="接管投诉程序的退回待办")(adopt_placeholders)
