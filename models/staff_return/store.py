"""A staff return's reads and writes on the session (退回, 进出管理制度 三; 投诉处置规定 三(三)2):
the case with its record, the facts its checks read, and the facts its next step is chosen from
(`facts_of`, for the machine's `next_event`; the effects of each event are in tasks/staff_return/steps.py,
which declares its `STEPS`: they render documents and queue messages, which the models layer does not)."""
from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, select

from models.core.cases import Case, WorkItem, WorkItemStatus, get_case
from models.core.errors import NotFound
from models.core.org import Role, Staff, Window
from models.core.roster import ON_POST
from models.core.workitems import bpost_subject, decided_item
from models.procedures import complaint_verdicts, substantiated_complaints
from models.staff_return.machine import ARRIVING, CONFIRMED, DECIDING, DISMISSED, STAFF_RETURN, Facts
from models.staff_return.rules import Subject
from models.staff_return.tables import ReturnEvidence, StaffReturn


def get_return(*, session: Session, ref: str) -> tuple[Case, StaffReturn]:
    case = get_case(session=session, ref=ref)
    record = session.get(StaffReturn, ref)
    if case.kind != STAFF_RETURN.kind or record is None:
        raise NotFound(field="退回案件编号", value=ref)
    return case, record


def open_return_of(*, session: Session, staff_id: str) -> str | None:
    """The return under way (or confirmed) for this person, if any."""
    return session.exec(select(Case.ref).join(StaffReturn, StaffReturn.case_ref == Case.ref).where(
        StaffReturn.staff_id == staff_id, Case.status.not_in([DISMISSED]))).first()


def subject_facts(*, session: Session, staff_id: str) -> Subject:
    staff = session.get(Staff, staff_id)
    if staff is None:
        return Subject(staff_id, found=False)
    return Subject(staff_id, found=True, on_post=staff.status in ON_POST,
                   window_person=staff.window_id is not None and staff.role in (Role.head, Role.staff),
                   open_return=open_return_of(session=session, staff_id=staff_id))


def linked_facts(*, session: Session, refs: list[str]) -> dict[str, tuple[str, str | None, bool]]:
    """ref → (kind, subject staff, substantiated); kind "missing" when there is no such case."""
    facts = {}
    verdicts = complaint_verdicts(session=session, refs=set(refs))
    for ref in dict.fromkeys(refs):
        case = session.get(Case, ref)
        verdict = verdicts.get(ref)
        facts[ref] = (("missing", None, False) if case is None else
                      (case.kind, verdict[0] if verdict else case.subject_staff_id, bool(verdict and verdict[1])))
    return facts


def substantiated_refs(*, session: Session, staff: Staff) -> list[str]:
    """The substantiated complaints against the person in their current posting (投诉处置规定 三(三)2)."""
    since = None if staff.posted_since is None else datetime.combine(staff.posted_since, datetime.min.time())
    return substantiated_complaints(session=session, staff_id=staff.id, since=since)


def evidence_of(*, session: Session, case_ref: str) -> list[ReturnEvidence]:
    return list(session.exec(select(ReturnEvidence).where(ReturnEvidence.case_ref == case_ref)
                             .order_by(ReturnEvidence.id)).all())


def home_department(*, session: Session, staff: Staff) -> str:
    window = session.get(Window, staff.window_id)
    return staff.department_id or window.department_id


def due_returns(*, session: Session, day: date) -> list[str]:
    """Confirmed returns with a date reached: the return itself, or the replacement's arrival."""
    rows = session.exec(select(StaffReturn, Case.status).join(Case, Case.ref == StaffReturn.case_ref).where(
        Case.status.in_(CONFIRMED)).order_by(StaffReturn.case_ref)).all()
    return [r.case_ref for r, status in rows
            if (r.applied_at is None and r.effective_date and r.effective_date <= day)
            or (status == ARRIVING and r.arrival_date and r.arrival_date <= day)]


def posts_pending(*, session: Session, case_ref: str, window_id: str) -> bool:
    """A B post (AB岗工作制度 2) or a window head named on a decided item of the case and not yet recorded
    (what tasks.core.posting.apply_b_post_choices and the rotation's head nomination, handed off, would change)."""
    for item in session.exec(select(WorkItem).where(WorkItem.case_ref == case_ref, WorkItem.step == "b_post",
                                                    WorkItem.status == WorkItemStatus.done)).all():
        staff = session.get(Staff, bpost_subject(item))
        if staff is None or staff.b_post_id != item.decision["b_post"]:
            return True
    head = decided_item(session=session, case_ref=case_ref, step="head")
    window = session.get(Window, window_id)
    return head is not None and (window is None or window.head_id != head.decision["new_head"])


def facts_of(*, session: Session, case: Case, now: datetime) -> Facts:
    """What the machine's next_event chooses from, read at `now` (the step's moment)."""
    record = session.get(StaffReturn, case.ref)
    if case.status == DECIDING:
        item = decided_item(session=session, case_ref=case.ref, step="decide")
        return Facts(status=case.status, confirm=None if item is None else bool(item.decision["confirm"]))
    if case.status not in CONFIRMED:
        return Facts(status=case.status)
    today = now.date()
    return Facts(
        status=case.status,
        nominated=decided_item(session=session, case_ref=case.ref, step="nominate") is not None,
        reported=decided_item(session=session, case_ref=case.ref, step="accountability") is not None,
        return_due=record.applied_at is None and record.effective_date is not None and today >= record.effective_date,
        returned=record.applied_at is not None,
        arrival_reached=record.arrival_date is not None and today >= record.arrival_date,
        posts_pending=posts_pending(session=session, case_ref=case.ref, window_id=record.window_id),
        items_open=session.exec(select(WorkItem.id).where(WorkItem.case_ref == case.ref,
                                                          WorkItem.status == WorkItemStatus.open)).first() is not None)
