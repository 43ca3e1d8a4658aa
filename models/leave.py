"""Leave requests (请假): the details of a leave case, and the facts its rules read.

The case itself (status, window, staff member) is a `Case` of kind "leave"; this table keeps the
leave's own details keyed by the case's reference.
"""
from __future__ import annotations

from datetime import date

from pydantic import NaiveDatetime
from sqlalchemy import or_
from sqlmodel import Field, Session, SQLModel, select

from models.core.cases import Case, get_case
from models.core.documents import Document
from models.core.errors import NotFound, PolicyViolation
from models.core.forms import AcknowledgeForm
from models.core.org import Role, Staff, StaffStatus
from models.rules.leave import (HOSPITAL_PROOF, KIND_LABELS, PROOF, Half, LeaveKind, Span, missing_materials,
                                needs_report_form)
from models.rules.leave_checks import Absence, Person
from models.rules.leave_steps import ABSENT, STEP_HEAD, STEP_MANAGEMENT, STEP_REGISTER, LeaveFacts, status_label
from models.core.workitems import decided_item


class LeaveRequest(SQLModel, table=True):
    case_ref: str = Field(primary_key=True, foreign_key="case.ref", max_length=40)
    staff_id: str = Field(foreign_key="staff.id", index=True, max_length=40)
    window_id: str = Field(foreign_key="window.id", index=True, max_length=40)
    department_id: str | None = Field(default=None, max_length=40)
    kind: LeaveKind
    start_day: date = Field(index=True)
    start_half: Half
    end_day: date = Field(index=True)
    end_half: Half
    days: float  # working days, half days counting 0.5
    days_provisional: bool = False  # a year of the span has no published arrangement yet
    reason: str = Field(max_length=500)
    substitute_id: str | None = Field(default=None, index=True, max_length=40)  # the B post covering
    cover_name: str = Field(default="", max_length=100)  # one-person window: sent by the department
    affects_window: bool = False
    afterwards: bool = False  # filed after the leave had begun (事前未能办理)
    late_explanation: str = Field(default="", max_length=500)
    # 考勤办法 二(二)2(3): form and proof due within two working days of being back at work.
    back_at: NaiveDatetime  # when the staff member is back at work
    filing_due_at: NaiveDatetime
    filing_due_provisional: bool = False


def span_of(leave: LeaveRequest) -> Span:
    return Span(leave.start_day, leave.start_half, leave.end_day, leave.end_half)


def person(*, session: Session, staff_id: str, field: str) -> Person:
    staff = session.get(Staff, staff_id)
    if staff is None:
        raise NotFound(field, staff_id)
    return Person(id=staff.id, name=staff.name, window_id=staff.window_id, role=staff.role,
                  active=staff.status == StaffStatus.active, b_post_id=staff.b_post_id)


def colleagues(*, session: Session, window_id: str | None, staff_id: str) -> int:
    """Active people at the window other than this one (0: a one-person window, AB岗 8)."""
    if window_id is None:
        return 0
    return len(session.exec(select(Staff.id).where(
        Staff.window_id == window_id, Staff.id != staff_id, Staff.status == StaffStatus.active,
        Staff.role.in_([Role.head, Role.staff, Role.intern]))).all())


def leave_absences(*, session: Session, staff_ids: set[str], start: date, end: date,
                   exclude_ref: str | None = None) -> list[Absence]:
    """Approved and pending leave around [start, end] of these people or covered by them."""
    query = (select(LeaveRequest).join(Case, Case.ref == LeaveRequest.case_ref)
             .where(Case.status.in_(ABSENT), LeaveRequest.start_day <= end, LeaveRequest.end_day >= start,
                    or_(LeaveRequest.staff_id.in_(staff_ids), LeaveRequest.substitute_id.in_(staff_ids))))
    if exclude_ref:
        query = query.where(LeaveRequest.case_ref != exclude_ref)
    return [Absence(label=f"请假 {leave.case_ref}", staff_id=leave.staff_id, span=span_of(leave),
                    substitute_id=leave.substitute_id)
            for leave in session.exec(query.order_by(LeaveRequest.case_ref)).all()]


def get_leave(*, session: Session, ref: str) -> tuple[Case, LeaveRequest]:
    case = get_case(session=session, ref=ref)
    leave = session.get(LeaveRequest, ref)
    if leave is None or case.kind != "leave":
        raise NotFound("请假申请编号", ref)
    return case, leave


def attached_kinds(*, session: Session, case_ref: str) -> set[str]:
    return set(session.exec(select(Document.kind).where(
        Document.case_ref == case_ref, Document.kind.in_([PROOF, HOSPITAL_PROOF]))).all())


def missing_of(*, session: Session, leave: LeaveRequest) -> list[str]:
    return missing_materials(leave.kind, leave.days, attached_kinds(session=session, case_ref=leave.case_ref))


def _decision(session: Session, case_ref: str, step: str) -> bool | None:
    item = decided_item(session=session, case_ref=case_ref, step=step)
    return None if item is None else bool((item.decision or {}).get("approve", True))


def leave_facts(*, session: Session, case: Case, leave: LeaveRequest) -> LeaveFacts:
    return LeaveFacts(status=case.status, needs_form=needs_report_form(leave.kind, leave.days),
                      missing=tuple(missing_of(session=session, leave=leave)),
                      head_decision=_decision(session, case.ref, STEP_HEAD),
                      management_decision=_decision(session, case.ref, STEP_MANAGEMENT),
                      registered=_decision(session, case.ref, STEP_REGISTER) is not None)


def leave_status_label(*, session: Session, case: Case) -> str:
    """The status as the applicant reads it: 已批准 once the management section approved."""
    return status_label(case.status, approved=_decision(session, case.ref, STEP_MANAGEMENT) is True)


def notice_context(*, session: Session, case: Case, leave: LeaveRequest) -> dict:
    """What every leave notice and document may show."""
    staff, substitute = session.get(Staff, leave.staff_id), session.get(Staff, leave.substitute_id or "")
    return {"case_ref": case.ref, "name": staff.name, "staff_id": staff.id, "kind": KIND_LABELS[leave.kind],
            "span": span_of(leave).label(), "span_short": span_of(leave).short_label(),
            "days": f"{leave.days:g}", "provisional": leave.days_provisional,
            "reason": leave.reason, "substitute": substitute.name if substitute else leave.cover_name,
            "filing_due_at": leave.filing_due_at, "afterwards": leave.afterwards}


class MaterialsForm(AcknowledgeForm):
    """补交材料: done by handing the proofs in (`center leave attach`), not by a bare confirmation."""


def _materials_handed_in(*, session: Session, item, decision: dict) -> None:
    """一次性告知: the item closes only once nothing is missing (考勤办法 二(二)2)."""
    missing = missing_of(session=session, leave=session.get(LeaveRequest, item.case_ref))
    if missing:
        raise PolicyViolation("leave.materials", "证明材料",
                              f"尚缺{'、'.join(missing)}，请用 center leave attach {item.case_ref} 文件 补交")


# Its work items' decision forms, and the checks of a decision that need the case (models/procedures.py).
FORMS = {"leave_materials": MaterialsForm}
GUARDS = {"leave_materials": _materials_handed_in}
