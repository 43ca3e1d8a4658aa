"""Who may act on a work item. Pure: takes the actor's facts and the item's assignment.

派驻部门窗口负责人岗位职责: a window head acts for their own window only; the sections of the
center (窗口管理科, 投诉窗口, 区政务服务办, 信息技术科) act for their role.
窗口工作人员AB岗工作制度 6: while the holder of an item is away, whoever stands in for them
(models/rules/stand_in.py: the B, else the window head, else the management section; AB岗 8 for a
one-person window) 代为行使A角的岗位职责,享有A岗责任人的职责和权利 — and may act on it too.
"""
from __future__ import annotations

from dataclasses import dataclass

from models.rules.roles import Role
from models.rules.stand_in import StandIn, stands_in


@dataclass(frozen=True)
class Actor:
    id: str
    role: Role
    window_id: str | None = None
    department_id: str | None = None
    active: bool = True


@dataclass(frozen=True)
class Assignment:
    role: Role
    window_id: str | None = None
    staff_id: str | None = None
    department_id: str | None = None
    stand_in: StandIn | None = None  # who acts now for the item's holder, who is away (AB岗 6)


def may_act(actor: Actor, assignment: Assignment) -> tuple[bool, str]:
    """(allowed, reason when refused)."""
    if not actor.active:
        return False, "该人员不在岗"
    allowed, reason = _as_assigned(actor, assignment)
    if not allowed and stands_in(actor.id, actor.role, assignment.stand_in):
        return True, ""
    return allowed, reason


def acting_for(actor: Actor, assignment: Assignment) -> str | None:
    """Whom `actor` stands in for in acting on the item: its holder, away, when the actor may act only
    as their stand-in (AB岗 6); None when they act as assigned."""
    if _as_assigned(actor, assignment)[0] or not stands_in(actor.id, actor.role, assignment.stand_in):
        return None
    return assignment.stand_in.for_id


def _as_assigned(actor: Actor, assignment: Assignment) -> tuple[bool, str]:
    if assignment.staff_id is not None:
        if actor.id == assignment.staff_id:
            return True, ""
        return False, "此待办指定由他人办理"
    if actor.role != assignment.role:
        return False, "角色不符"
    if assignment.window_id is not None and actor.window_id != assignment.window_id:
        return False, "只能处理本窗口的事项"
    if assignment.department_id is not None and actor.department_id != assignment.department_id:
        return False, "只能处理本部门的事项"
    return True, ""
