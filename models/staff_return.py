"""A staff return's details (退回) and the facts its checks read (进出管理制度 三; 投诉处置规定 三(三)2).

One `StaffReturn` row per case; its evidence (linked cases and notes) in `ReturnEvidence`.
"""
from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field as InputField, NaiveDatetime
from sqlalchemy import JSON, Column
from sqlmodel import Field, Session, SQLModel, select

from models.core.cases import Case, get_case
from models.complaint.tables import Complaint
from models.core.errors import NotFound
from models.core.org import Role, Staff, Window
from models.core.roster import ON_POST
from models.complaint.rules import ComplaintVerdict
from models.rules.staff_return import CONFIRMED, STAFF_RETURN, ReturnGround, Subject


class ReturnRequest(BaseModel):
    """窗口管理科提出退回：人员、情形、证据。"""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    staff_id: str = InputField(title="退回人员工号", min_length=1, max_length=40)
    grounds: list[ReturnGround] = InputField(title="退回情形", description="进出管理制度 三.1–3，可多选")
    cases: list[str] = InputField(default_factory=list, title="关联案件",
                                  description="经查属实的投诉、巡查、考勤等案件编号")
    notes: str = InputField(default="", max_length=2000, title="情况说明")
    files: list[str] = InputField(default_factory=list, title="证据材料",
                                  description="证据文件（路径），存入案件的文书和材料")


class StaffReturn(SQLModel, table=True):
    case_ref: str = Field(primary_key=True, foreign_key="case.ref", max_length=40)
    staff_id: str = Field(index=True, max_length=40)
    staff_name: str = Field(max_length=50)
    window_id: str = Field(index=True, max_length=40)
    department_id: str = Field(max_length=40)
    grounds: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    trigger: str = Field(default="manual", max_length=60)  # "manual" or the complaint that triggered it
    letter_no: str = Field(default="", max_length=60)
    effective_date: date | None = Field(default=None, index=True)
    applied_at: NaiveDatetime | None = None
    replacement: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    arrival_date: date | None = Field(default=None, index=True)
    accountability: str = Field(default="", max_length=2000)


class ReturnEvidence(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    case_ref: str = Field(foreign_key="case.ref", index=True, max_length=40)
    kind: str = Field(max_length=20)  # complaint, patrol, leave, … or note
    reference: str = Field(default="", max_length=40)  # the linked case
    summary: str = Field(max_length=2000)


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
