"""A rotation's details (调整/轮换) and the facts its rules are checked against.

进出管理制度 二.2: the notice (公函), the quarter month, the 30% cap counted across the
window's rotations of the same quarter; 二.1: the 2-year posting; 一.4: the qualification a
window's matters require (recorded per window by the management section).
"""
from __future__ import annotations

from datetime import date, datetime

from pydantic import NaiveDatetime

from sqlalchemy import JSON, Column, UniqueConstraint, func
from sqlmodel import Field, Session, SQLModel, select

from models.core.calendar import load_calendar
from models.core.cases import Case, audit
from models.core.clock import local_now
from models.core.errors import NotFound, PermissionDenied
from models.core.org import Role, Staff, StaffStatus, Window
from models.rules.rotation import Arrival, Check, Person, Proposal, evaluate, quarter_of
from models.core.settings import Policy
from models.core.workitems import actor_of

COUNTED_STATUSES = ("approved", "in_effect", "closed")  # rotations that count towards the cap


class RotationProposal(SQLModel, table=True):
    case_ref: str = Field(primary_key=True, foreign_key="case.ref", max_length=40)
    window_id: str = Field(foreign_key="window.id", index=True, max_length=40)
    department_id: str = Field(max_length=40)
    notice_ref: str = Field(max_length=100)  # 公函文号
    notice_received_at: NaiveDatetime
    effective_date: date = Field(index=True)
    quarter: str = Field(index=True, max_length=8)  # e.g. 2026Q2
    note: str = Field(default="", max_length=500)
    checks: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # The management section's exception: {"rules": [...], "reason": ..., "by": ..., "at": ...}.
    exception: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    applied_at: NaiveDatetime | None = None


class RotationMember(SQLModel, table=True):
    """One person leaving or arriving; `details` keeps an arrival's registration facts."""

    __table_args__ = (UniqueConstraint("case_ref", "staff_id", name="uq_rotation_member"),)
    id: int | None = Field(default=None, primary_key=True)
    case_ref: str = Field(foreign_key="case.ref", index=True, max_length=40)
    direction: str = Field(max_length=10)  # "leave" or "arrive"
    staff_id: str = Field(index=True, max_length=40)
    name: str = Field(max_length=50)
    details: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class PostingRequirement(SQLModel, table=True):
    """The qualification every person posted to a window must hold (进出管理制度 一.4)."""

    window_id: str = Field(primary_key=True, foreign_key="window.id", max_length=40)
    qualification: str = Field(max_length=200)
    set_by: str = Field(max_length=40)
    set_at: NaiveDatetime


def get_window(*, session: Session, window_id: str) -> Window:
    window = session.get(Window, window_id)
    if window is None:
        raise NotFound("窗口", window_id)
    return window


def check_requester(*, session: Session, actor_id: str, window: Window, action: str) -> None:
    """派驻部门窗口负责人岗位职责 1: the department, its window head or the management section."""
    actor = actor_of(session=session, staff_id=actor_id)
    allowed = actor.active and (
        actor.role == Role.management
        or (actor.role == Role.department and actor.department_id == window.department_id)
        or (actor.role == Role.head and actor.window_id == window.id))
    if not allowed:
        raise PermissionDenied(actor_id, action, f"只有{window.name}的派驻部门、窗口负责人或窗口管理科可以办理")


def window_roster(*, session: Session, window_id: str) -> list[Staff]:
    """The window's staff (head and staff, on post or seconded); interns are not counted."""
    return list(session.exec(select(Staff).where(
        Staff.window_id == window_id, Staff.role.in_([Role.head, Role.staff]),
        Staff.status.in_([StaffStatus.active, StaffStatus.seconded])).order_by(Staff.id)).all())


def required_qualification(*, session: Session, window_id: str) -> str:
    requirement = session.get(PostingRequirement, window_id)
    return requirement.qualification if requirement else ""


def set_requirement(*, session: Session, window_id: str, qualification: str, actor: str) -> None:
    get_window(session=session, window_id=window_id)
    session.merge(PostingRequirement(window_id=window_id, qualification=qualification,
                                     set_by=actor, set_at=local_now()))


def members(*, session: Session, case_ref: str, direction: str) -> list[RotationMember]:
    return list(session.exec(select(RotationMember).where(
        RotationMember.case_ref == case_ref, RotationMember.direction == direction)
        .order_by(RotationMember.id)).all())


def left_earlier(*, session: Session, window_id: str, quarter: str, exclude: str) -> int:
    """People leaving the window in its other approved rotations of the same quarter."""
    return session.exec(
        select(func.count(RotationMember.id))
        .join(RotationProposal, RotationProposal.case_ref == RotationMember.case_ref)
        .join(Case, Case.ref == RotationMember.case_ref)
        .where(RotationProposal.window_id == window_id, RotationProposal.quarter == quarter,
               RotationMember.direction == "leave", RotationMember.case_ref != exclude,
               Case.status.in_(COUNTED_STATUSES))
    ).one()


def arrival_facts(details: dict, department_id: str) -> Arrival:
    return Arrival(id=details["staff_id"], name=details["name"], employment=details["employment"],
                   department_id=details.get("department_id") or department_id,
                   qualification=details.get("qualification", ""), intern=details.get("intern", False))


def proposal_facts(*, session: Session, window_id: str, department_id: str, received_at: datetime,
                   effective: date, leaving: list[Staff], arriving: list[dict],
                   exclude: str = "") -> Proposal:
    return Proposal(
        received_at=received_at, effective=effective, department_id=department_id,
        leaving=[Person(s.id, s.name, s.posted_since) for s in leaving],
        arriving=[arrival_facts(a, department_id) for a in arriving],
        roster_size=len(window_roster(session=session, window_id=window_id)),
        left_earlier_in_quarter=left_earlier(session=session, window_id=window_id,
                                             quarter=quarter_of(effective), exclude=exclude),
        required_qualification=required_qualification(session=session, window_id=window_id))


def check_proposal(*, session: Session, facts: Proposal, policy: Policy) -> list[Check]:
    return evaluate(facts, load_calendar(session=session), notice_days=policy.rotation_notice_days,
                    months=tuple(policy.rotation_months), percent=policy.rotation_cap_percent,
                    posting_years=policy.posting_min_years, office_close=policy.office_close)


def recheck(*, session: Session, proposal: RotationProposal, policy: Policy) -> list[Check]:
    """The checks of a recorded rotation as they stand now (others may have been approved since)."""
    leaving = [session.get(Staff, m.staff_id)
               for m in members(session=session, case_ref=proposal.case_ref, direction="leave")]
    arriving = [m.details for m in members(session=session, case_ref=proposal.case_ref, direction="arrive")]
    facts = proposal_facts(session=session, window_id=proposal.window_id,
                           department_id=proposal.department_id, received_at=proposal.notice_received_at,
                           effective=proposal.effective_date, leaving=leaving, arriving=arriving,
                           exclude=proposal.case_ref)
    return check_proposal(session=session, facts=facts, policy=policy)


def get_proposal(*, session: Session, case_ref: str) -> RotationProposal:
    proposal = session.get(RotationProposal, case_ref)
    if proposal is None:
        raise NotFound("轮换案件", case_ref)
    return proposal


def record_checks(*, session: Session, proposal: RotationProposal, checks: list[Check], actor: str) -> None:
    proposal.checks = [c.as_dict() for c in checks]
    session.add(proposal)
    audit(session=session, case_ref=proposal.case_ref, actor=actor, action="checks",
          details={"failing": [c.rule for c in checks if not c.passed]})


def due_rotations(*, session: Session, day: date) -> list[str]:
    """Approved rotations whose effective date has come."""
    return list(session.exec(
        select(RotationProposal.case_ref).join(Case, Case.ref == RotationProposal.case_ref)
        .where(Case.status == "approved", RotationProposal.effective_date <= day)
        .order_by(RotationProposal.effective_date, RotationProposal.case_ref)).all())
