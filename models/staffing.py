"""Short secondments (短期借调) and interns (实习生) at the windows.

进出管理制度 四.2: 窗口工作人员应以中心窗口工作为主，短期借调回单位工作需经中心同意.
进出管理制度 二.3: 部门(单位)安排实习生到窗口实习的，事前应由窗口负责人报中心，经中心同意后，办理实习生
进驻手续 … 原则上不允许实习生单独受理业务.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Column
from sqlmodel import Field, Session, SQLModel, select

from models.core.cases import Case
from models.core.errors import CenterError, InvalidInput
from models.core.org import Role, Staff, StaffStatus, Window
from models.rotation_inputs import InternInput, SecondmentInput

OPEN_SECONDMENT = ("review", "approved", "seconded")


class Secondment(SQLModel, table=True):
    case_ref: str = Field(primary_key=True, foreign_key="case.ref", max_length=40)
    staff_id: str = Field(index=True, max_length=40)
    start: date = Field(index=True)
    end: date = Field(index=True)
    reason: str = Field(max_length=500)


class InternPlacement(SQLModel, table=True):
    case_ref: str = Field(primary_key=True, foreign_key="case.ref", max_length=40)
    window_id: str = Field(foreign_key="window.id", max_length=40)
    staff_id: str = Field(max_length=40)
    name: str = Field(max_length=50)
    start: date
    end: date
    reason: str = Field(default="", max_length=500)
    details: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


def secondment_errors(*, session: Session, request: SecondmentInput) -> list[CenterError]:
    problems: list[CenterError] = []
    staff = session.get(Staff, request.staff_id)
    if staff is None or staff.window_id is None or staff.role not in (Role.head, Role.staff):
        problems.append(InvalidInput("staff_id", f"{request.staff_id} 不是窗口工作人员"))
    elif staff.status != StaffStatus.active:
        problems.append(InvalidInput("staff_id", f"{staff.name}（{staff.id}）不在岗，不能借调"))
    if request.end < request.start:
        problems.append(InvalidInput("end", f"结束日期 {request.end} 早于开始日期 {request.start}"))
    overlapping = session.exec(
        select(Secondment.case_ref).join(Case, Case.ref == Secondment.case_ref)
        .where(Secondment.staff_id == request.staff_id, Case.status.in_(OPEN_SECONDMENT),
               Secondment.start <= request.end, Secondment.end >= request.start)).first()
    if overlapping:
        problems.append(InvalidInput("start/end", f"与借调 {overlapping} 的期间重叠"))
    return problems


def intern_errors(*, session: Session, request: InternInput) -> list[CenterError]:
    problems: list[CenterError] = []
    if session.get(Window, request.window_id) is None:
        problems.append(InvalidInput("window_id", f"窗口 {request.window_id} 不存在"))
    if session.get(Staff, request.person.staff_id) is not None:
        problems.append(InvalidInput("person.staff_id", f"工号 {request.person.staff_id} 已被使用"))
    if request.end < request.start:
        problems.append(InvalidInput("end", f"结束日期 {request.end} 早于开始日期 {request.start}"))
    return problems


def due_secondments(*, session: Session, day: date) -> list[str]:
    """Secondments to start (approved, start reached) or end (seconded, end passed) by `day`."""
    starting = select(Secondment.case_ref).join(Case, Case.ref == Secondment.case_ref).where(
        Case.status == "approved", Secondment.start <= day)
    ending = select(Secondment.case_ref).join(Case, Case.ref == Secondment.case_ref).where(
        Case.status == "seconded", Secondment.end < day)
    return sorted(set(session.exec(starting).all()) | set(session.exec(ending).all()))
