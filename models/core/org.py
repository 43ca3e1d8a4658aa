"""The organisation: departments, windows, staff and the center's roles.

派驻部门窗口负责人岗位职责: each department names one window head (窗口负责人).
AB岗工作制度 2: every post has an A and a B (`b_post_id`).
"""
from __future__ import annotations

from datetime import date

from sqlmodel import Field, SQLModel

from models.rules.roles import CENTER_ROLES, ROLE_LABELS, Employment, Role, StaffStatus  # noqa: F401

# Changes of the organisation (org import, the desk's organisation page) are audited under this
# reference (AuditEvent.case_ref is not a foreign key): one history of the organisation.
ORG_AUDIT_REF = "org"


class Department(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=40)
    name: str = Field(max_length=100)
    leader: str = Field(default="", max_length=50)
    phone: str = Field(default="", max_length=30)
    email: str = Field(default="", max_length=120)


class Window(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=40)
    name: str = Field(max_length=100)
    department_id: str = Field(foreign_key="department.id", index=True)
    head_id: str | None = Field(default=None, max_length=40)
    saturday_service: bool = False  # 便民类窗口星期六上班 (考勤办法 二(一)5)
    lunch_service: bool = False  # 中午延时服务 (考勤办法 二(一)4)
    # The window's public counter line (对外咨询电话), told to citizens — never a person's mobile.
    phone: str = Field(default="", max_length=30)


class Staff(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=40)  # the staff number (工号)
    name: str = Field(max_length=50)
    # A member of a center section has a role and no window; window people have a window.
    window_id: str | None = Field(default=None, foreign_key="window.id", index=True)
    department_id: str | None = Field(default=None, foreign_key="department.id", index=True)
    role: Role = Field(default=Role.staff)
    employment: Employment = Field(default=Employment.civil_servant)
    qualification: str = Field(default="", max_length=200)
    posted_since: date | None = None
    status: StaffStatus = Field(default=StaffStatus.active, index=True)
    phone: str = Field(default="", max_length=30)
    email: str = Field(default="", max_length=120)
    b_post_id: str | None = Field(default=None, max_length=40)


def staff_name(session, staff_id: str) -> str:
    """A person's name as documents print it; their id when no staff record names them (an operator)."""
    staff = session.get(Staff, staff_id)
    return staff.name if staff else staff_id
