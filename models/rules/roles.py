"""The center's roles and the states of a person's posting: plain enums, no storage.

派驻部门窗口负责人岗位职责: each department names one window head (窗口负责人).
"""
from __future__ import annotations

from enum import StrEnum


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
