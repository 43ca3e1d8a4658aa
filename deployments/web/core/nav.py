"""The desk's navigation as data: every page a person opens from the menu, grouped by what it is for
(我的待办, 新建, 查询, 统计, 管理) with the roles that see it. base.html draws it; a role sees only the
entries it may use. Adding a page to the menu is one line: in CORE_NAV for the foundations', in the
`NAV` of the slice's desk module otherwise (deployments/web/core/slices.py).

Where a page's permission is a role list (the statistics), the page checks the same entry
(`require_entry`), so the menu and the page cannot disagree. The new-case forms keep their own
rules (forms_*.may_…); tests/web/test_web_nav.py checks that the menu agrees with them.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

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
    # Where the page serves only some people of these roles (a window's own schedule): who of them sees the
    # entry — the page's own rule, so the menu never offers a page that refuses (issue 28 defect 12).
    shown: Callable[[Viewer], bool] | None = None


def visible(entry: NavEntry, viewer: Viewer) -> bool:
    return viewer.role in entry.roles and (entry.shown is None or entry.shown(viewer))


# The foundations' entries; a slice's are declared beside its pages (`NAV` of the desk modules its spec names).
CORE_NAV: tuple[NavEntry, ...] = (
    NavEntry("我的待办", "/", "我的待办", EVERYONE),
    NavEntry("已办", "/done", "我的待办", EVERYONE),
    NavEntry("我发起的", "/mine", "我的待办", EVERYONE),
    NavEntry("案件查询", "/search", "查询", EVERYONE),
    NavEntry("组织架构", "/org", "查询", EVERYONE),
    NavEntry("工作日历", "/calendar", "查询", EVERYONE),
    NavEntry("监督考核", "/oversight", "查询", EVERYONE),
    NavEntry("流程说明", "/procedures", "查询", EVERYONE),
    NavEntry("投诉统计", "/stats/complaints", "统计", COMPLAINT_STATS),
    NavEntry("办件统计", "/stats/service", "统计", WINDOW_STATS),
    NavEntry("培训出勤", "/stats/training", "统计", WINDOW_STATS),
    NavEntry("逾期待办", "/stats/overdue", "统计", WINDOW_STATS),
    NavEntry("管理总览", "/overview", "管理", frozenset({Role.management})),
    NavEntry("登录账号", "/users", "管理", frozenset({Role.management})),
)


@cache
def nav() -> tuple[NavEntry, ...]:
    """Every menu entry: the foundations', then the slices' (imports the slices' desk modules)."""
    from deployments.web.core.slices import declared

    return (*CORE_NAV, *declared("NAV"))


def entry(path: str) -> NavEntry:
    return next(e for e in nav() if e.path == path)


def menu(viewer: Viewer | None) -> list[dict]:
    """The groups this viewer sees, in order, each with its entries: {label, home, entries}."""
    if viewer is None:
        return []
    groups = []
    for group in GROUPS:
        entries = [e for e in nav() if e.group == group and visible(e, viewer)]
        if entries:
            groups.append({"label": group, "home": GROUP_HOME.get(group), "entries": entries})
    return groups


def require_entry(path: str):
    """A dependency: the viewer's role is one the menu entry of `path` is for, else 403."""
    def check(viewer: Viewer = Depends(require_viewer)) -> Viewer:
        allowed = entry(path)
        if viewer.role not in allowed.roles:
            raise PermissionDenied(actor=viewer.id, action=f"查看{allowed.label}", reason="本岗位不能查看此页")
        return viewer

    return check
