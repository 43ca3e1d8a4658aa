"""A staff return's reads and writes on the session (退回, 进出管理制度 三; 投诉处置规定 三(三)2):
the case with its record, and the facts its checks read."""
from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, select

from models.core.cases import Case, get_case
from models.complaint import Complaint
from models.core.errors import NotFound
from models.core.org import Role, Staff, Window
from models.core.roster import ON_POST
from models.rules.complaint import ComplaintVerdict
from models.staff_return.machine import CONFIRMED, STAFF_RETURN
from models.staff_return.rules import Subject
from models.staff_return.tables import ReturnEvidence, StaffReturn


def get_return(*, session: Session, ref: str) -> tuple[Case, StaffReturn]:
    case = get_case(session=session, ref=ref)
    record = session.get(StaffReturn, ref)
    if case.kind != STAFF_RETURN.kind or record is None:
        raise NotFound("退回案件编号", ref)
    return case, record


def open_return_of(*, session: Session, staff_id: str) -> str | None:
    """The return under way (or confirmed) for this person, if any."""
    return session.exec(select(Case.ref).join(StaffReturn, StaffReturn.case_ref == Case.ref).where(
        StaffReturn.staff_id == staff_id, Case.status.not_in(["dismissed"]))).first()


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
    for ref in dict.fromkeys(refs):
        case = session.get(Case, ref)
        complaint = session.get(Complaint, ref) if case is not None else None
        facts[ref] = (("missing", None, False) if case is None else
                      (case.kind, complaint.staff_id if complaint else case.subject_staff_id,
                       complaint is not None and complaint.verdict == ComplaintVerdict.substantiated))
    return facts


def substantiated_refs(*, session: Session, staff: Staff) -> list[str]:
    """The substantiated complaints against the person in their current posting (投诉处置规定 三(三)2)."""
    query = select(Complaint.case_ref).where(Complaint.staff_id == staff.id,
                                             Complaint.verdict == ComplaintVerdict.substantiated)
    if staff.posted_since is not None:
        query = query.where(Complaint.received_at >= datetime.combine(staff.posted_since, datetime.min.time()))
    return list(session.exec(query.order_by(Complaint.received_at)).all())


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
            or (status == "arriving" and r.arrival_date and r.arrival_date <= day)]
