"""The organisation: departments, windows, staff and the center's roles.

派驻部门窗口负责人岗位职责: each department names one window head (窗口负责人).
AB岗工作制度 2: every post has an A and a B (`b_post_id`).
"""
from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlmodel import Field, SQLModel


class Role(StrEnum):
    """Who may act. Roles of the center's sections and of the people at the windows."""

    management = "management"  # 窗口管理科
    complaint_window = "complaint_window"  # 投诉窗口
    district_office = "district_office"  # 区政务服务办
    it_section = "it_section"  # 信息技术科
    head = "head"  # 窗口负责人
    staff = "staff"  # 窗口工作人员
    intern = "intern"  # 实习生
    department = "department"  # 派驻部门 (its leader acts for it)
    system = "system"  # the scheduled sweeps


ROLE_LABELS = {
    Role.management: "窗口管理科",
    Role.complaint_window: "投诉窗口",
    Role.district_office: "区政务服务办",
    Role.it_section: "信息技术科",
    Role.head: "窗口负责人",
    Role.staff: "窗口工作人员",
    Role.intern: "实习生",
    Role.department: "派驻部门",
    Role.system: "系统",
}

# Sections of the center itself: their members act for the role, not for a window.
CENTER_ROLES = {Role.management, Role.complaint_window, Role.district_office, Role.it_section}


class StaffStatus(StrEnum):
    active = "active"  # 在岗
    seconded = "seconded"  # 短期借调 (进出管理制度 四.2)
    left = "left"  # 调离
    returned = "returned"  # 退回


class Employment(StrEnum):
    civil_servant = "civil_servant"  # 在编公务员
    institution = "institution"  # 事业单位在职人员
    other = "other"


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
