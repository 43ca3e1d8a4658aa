"""The desk's navigation as data: every page a person opens from the menu, grouped by what it is for
(我的待办, 新建, 查询, 统计, 管理) with the roles that see it. base.html draws it; a role sees only the
entries it may use. Adding a page to the menu is one line in NAV.

Where a page's permission is a role list (the statistics), the page checks the same entry
(`require_entry`), so the menu and the page cannot disagree. The new-case forms keep their own
rules (forms_*.may_…); tests/web/test_web_nav.py checks that the menu agrees with them.
"""
from __future__ import annotations

from dataclasses import dataclass

from fastapi import Depends

from deployments.web.core.auth import Viewer, require_viewer
from models.core.errors import PermissionDenied
from models.core.org import CENTER_ROLES, Role

GROUPS = ("我的待办", "新建", "查询", "统计", "管理")
GROUP_HOME = {"新建": "/new", "统计": "/stats"}  # a group's own index page, linked from its heading

EVERYONE = frozenset(Role) - {Role.system}
AT_A_WINDOW = frozenset({Role.head, Role.staff, Role.intern})
CENTER = frozenset(CENTER_ROLES)
# 投诉处置规定 三(一)2: the complaint window keeps the statistics; the center's sections oversee them.
COMPLAINT_STATS = CENTER
# 限时办结制度 2, 窗口负责人岗位职责: a window head answers for the own window's figures.
WINDOW_STATS = CENTER | {Role.head}


@dataclass(frozen=True)
class NavEntry:
    label: str
    path: str
    group: str
    roles: frozenset[Role]


NAV: tuple[NavEntry, ...] = (
    NavEntry("我的待办", "/", "我的待办", EVERYONE),
    NavEntry("请假申请", "/new/leave", "新建", AT_A_WINDOW),
    NavEntry("窗口接件", "/new/service", "新建", AT_A_WINDOW),
    NavEntry("登记投诉", "/new/complaint", "新建", frozenset({Role.management, Role.complaint_window})),
    NavEntry("人员轮换公函", "/new/rotation", "新建", frozenset({Role.management, Role.department, Role.head})),
    NavEntry("事项申请", "/new/matter", "新建", frozenset({Role.department})),
    NavEntry("记录巡查", "/patrols/new", "新建", frozenset({Role.management})),
    NavEntry("安排学习培训", "/trainings/new", "新建", CENTER),
    NavEntry("IT设备申请", "/it/request", "新建", frozenset({Role.head})),
    NavEntry("登记IT违规", "/it/violation", "新建", frozenset({Role.it_section, Role.management})),
    NavEntry("短期借调申请", "/rotation/secondment", "新建", frozenset({Role.management, Role.department, Role.head})),
    NavEntry("实习生进驻申请", "/rotation/intern", "新建", frozenset({Role.management, Role.department, Role.head})),
    NavEntry("提出退回", "/new/return", "新建", frozenset({Role.management})),
    NavEntry("案件查询", "/search", "查询", EVERYONE),
    NavEntry("事项清单", "/matters", "查询", EVERYONE),
    NavEntry("组织架构", "/org", "查询", EVERYONE),
    NavEntry("调休日程表", "/leave/saturday", "查询", EVERYONE),
    NavEntry("工作日历", "/calendar", "查询", EVERYONE),
    NavEntry("监督考核", "/oversight", "查询", EVERYONE),
    NavEntry("投诉统计", "/stats/complaints", "统计", COMPLAINT_STATS),
    NavEntry("办件统计", "/stats/service", "统计", WINDOW_STATS),
    NavEntry("培训出勤", "/stats/training", "统计", WINDOW_STATS),
    NavEntry("逾期待办", "/stats/overdue", "统计", WINDOW_STATS),
    NavEntry("管理总览", "/overview", "管理", frozenset({Role.management})),
    NavEntry("年度考核", "/assessment", "管理", frozenset({Role.management})),
    NavEntry("窗口资质要求", "/rotation/requirements", "管理", frozenset({Role.management})),
    NavEntry("登录账号", "/users", "管理", frozenset({Role.management})),
    NavEntry("接口密钥", "/admin/api-keys", "管理", frozenset({Role.management})),
)


def entry(path: str) -> NavEntry:
    return next(e for e in NAV if e.path == path)


def menu(viewer: Viewer | None) -> list[dict]:
    """The groups this viewer sees, in order, each with its entries: {label, home, entries}."""
    if viewer is None:
        return []
    groups = []
    for group in GROUPS:
        entries = [e for e in NAV if e.group == group and viewer.role in e.roles]
        if entries:
            groups.append({"label": group, "home": GROUP_HOME.get(group), "entries": entries})
    return groups


def require_entry(path: str):
    """A dependency: the viewer's role is one the menu entry of `path` is for, else 403."""
    allowed = entry(path)

    def check(viewer: Viewer = Depends(require_viewer)) -> Viewer:
        if viewer.role not in allowed.roles:
            raise PermissionDenied(viewer.id, f"查看{allowed.label}", "本岗位不能查看此页")
        return viewer

    return check
