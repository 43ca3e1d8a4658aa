"""Training sessions (学习培训): each a case of kind "training" with the staff expected, the leave
asked in advance and the roll call; attendance figures per staff member and per window.

窗口工作人员学习培训制度 一–三 (see models/rules/training.py).
"""
from __future__ import annotations

import re
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field as PydanticField, NaiveDatetime, field_validator
from sqlalchemy import UniqueConstraint
from sqlmodel import Field, Session, SQLModel, select

from models.core.cases import Case, WorkItem
from models.core.errors import InvalidInput, NotFound, raise_all
from models.core.forms import DecisionForm
from models.core.org import Role, Staff, StaffStatus, Window
from models.rules.training import Attendance, Category, Figures, figures, roll_call_errors

WINDOW_PEOPLE = (Role.head, Role.staff)  # 学习培训制度 一: 派驻中心各窗口工作人员


class TrainingInput(BaseModel):
    """一次学习培训：主题、类别、时间、组织科室和应参加人员。"""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    topic: str = PydanticField(title="主题", min_length=1, max_length=200)
    category: Category = PydanticField(title="类别", description="politics 政治理论；regulations 法规制度；"
                                                                 "etiquette 服务礼仪；skills 业务技能")
    starts_at: datetime = PydanticField(title="开始时间", description="如 2026-10-15 14:00")
    ends_at: datetime = PydanticField(title="结束时间", description="如 2026-10-15 16:00")
    organiser: Role = PydanticField(default=Role.management, title="组织科室",
                                    description="management 窗口管理科；it_section 信息技术科 等中心科室")
    place: str = PydanticField(default="", title="地点", max_length=100)
    staff: list[str] = PydanticField(default_factory=list, title="参加人员工号")
    windows: list[str] = PydanticField(default_factory=list, title="参加窗口", description="窗口全体在岗人员")
    everyone: bool = PydanticField(default=False, title="全体窗口工作人员")


class TrainingSession(SQLModel, table=True):
    case_ref: str = Field(primary_key=True, foreign_key="case.ref", max_length=40)
    topic: str = Field(max_length=200)
    category: Category
    starts_at: NaiveDatetime = Field(index=True)
    ends_at: NaiveDatetime
    organiser: Role
    place: str = Field(default="", max_length=100)


class TrainingAttendee(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("case_ref", "staff_id", name="uq_training_attendee"),)
    id: int | None = Field(default=None, primary_key=True)
    case_ref: str = Field(foreign_key="case.ref", index=True, max_length=40)
    staff_id: str = Field(index=True, max_length=40)
    window_id: str | None = Field(default=None, index=True, max_length=40)  # the window at the time
    excused_at: NaiveDatetime | None = None  # when leave was asked of the organising section
    excuse_reason: str = Field(default="", max_length=200)
    attendance: Attendance | None = None


class RollCallForm(DecisionForm):
    """点名结果：出席人员；事先请假的已登记，其余应到人员按无故缺席。"""

    present: str = PydanticField(default="", max_length=2000, title="出席人员工号",
                                 description="逗号分隔，如 S0201,S0202；事先请假的已登记，其余按无故缺席")
    comment: str = PydanticField(default="", max_length=2000, title="备注")

    @field_validator("present")
    @classmethod
    def _staff_ids(cls, value: str) -> str:
        return ",".join(dict.fromkeys(s for s in re.split(r"[,，、\s]+", value) if s))


def present_ids(decision: dict) -> list[str]:
    return [s for s in decision["present"].split(",") if s]


def expected_staff(*, session: Session, request: TrainingInput) -> list[Staff]:
    """The people expected: named ones, every active person of the windows named, or everyone."""
    problems = []
    query = select(Staff).where(Staff.role.in_(WINDOW_PEOPLE), Staff.status == StaffStatus.active)
    people = {s.id: s for s in session.exec(query).all()} if request.everyone else {}
    for window_id in request.windows:
        if session.get(Window, window_id) is None:
            problems.append(InvalidInput("参加窗口", f"窗口 {window_id} 不存在"))
        people.update({s.id: s for s in session.exec(query.where(Staff.window_id == window_id)).all()})
    for staff_id in request.staff:
        staff = session.get(Staff, staff_id)
        if staff is None or staff.role not in WINDOW_PEOPLE:
            problems.append(InvalidInput("参加人员", f"{staff_id} 不是窗口工作人员"))
        else:
            people[staff.id] = staff
    raise_all(problems)
    return sorted(people.values(), key=lambda s: s.id)


def get_training(*, session: Session, ref: str) -> tuple[Case, TrainingSession]:
    training = session.get(TrainingSession, ref)
    if training is None:
        raise NotFound("培训编号", ref)
    return session.get(Case, ref), training


def attendees(*, session: Session, case_ref: str) -> list[TrainingAttendee]:
    return list(session.exec(select(TrainingAttendee).where(TrainingAttendee.case_ref == case_ref)
                             .order_by(TrainingAttendee.staff_id)).all())


def attendance_figures(*, session: Session, year: int, by: str) -> dict[str, Figures]:
    """Per staff member (`by="staff"`) or per window (`by="window"`) over the year's roll calls."""
    start, end = datetime(year, 1, 1), datetime(year + 1, 1, 1)
    column = TrainingAttendee.staff_id if by == "staff" else TrainingAttendee.window_id
    rows = session.exec(select(column, TrainingAttendee.attendance)
                        .join(TrainingSession, TrainingSession.case_ref == TrainingAttendee.case_ref)
                        .where(TrainingAttendee.attendance.is_not(None), TrainingSession.starts_at >= start,
                               TrainingSession.starts_at < end)).all()
    return figures([(key or "—", Attendance(a)) for key, a in rows])


def check_roll_call(*, session: Session, item: WorkItem, decision: dict) -> None:
    expected = [a.staff_id for a in attendees(session=session, case_ref=item.case_ref)]
    raise_all(roll_call_errors(expected=expected, present=present_ids(decision)))


# Its work items' decision forms, and the checks of a decision that need the case (models/procedures.py).
FORMS = {"training_roll_call": RollCallForm}
GUARDS = {"training_roll_call": check_roll_call}
