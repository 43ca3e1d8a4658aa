"""Who stands in (顶岗) for a person who is away: derived from the roster and the absences, never
configured. Pure: the people and who is away are passed in.

窗口工作人员AB岗工作制度 1: A岗责任人因故不在岗,由B岗责任人顶岗; 6: the B 代为行使A角的岗位职责,享有A岗
责任人的职责和权利; 2: 原则上AB岗责任人不能同时离岗 — when they are, the window head acts (派驻部门窗口
负责人岗位职责), and for a head whose B is away the management section (窗口管理科); 8: a one-person
window's post is covered by the department (原部门派员顶岗), the management section deciding on the
record (提前告知窗口管理科备案).
"""
from __future__ import annotations

from dataclasses import dataclass

from models.rules.ab_posts import Post, may_be_b_post
from models.rules.roles import Role


@dataclass(frozen=True)
class StandIn:
    """Who may act now for `for_id` (away): a person (`staff_id`) or a section (`role`)."""

    for_id: str
    for_name: str
    staff_id: str | None = None
    role: Role | None = None
    one_person_window: bool = False  # AB岗 8: the department contact is told


def stand_in_for(holder: Post, name: str, *, b: Post | None, head: Post | None, away: frozenset[str],
                 colleagues: int, concerned: frozenset[str] = frozenset()) -> StandIn | None:
    """The stand-in of `holder` while away (None when at work). `b`: their B post on the roster,
    `head`: their window's head, `colleagues`: the others at the window who may be a B, `concerned`:
    whom the item is about — nobody decides their own case (a B's own leave goes on up the line)."""
    if holder.id not in away:
        return None
    away = away | concerned
    if holder.window_id is not None and colleagues == 0:
        return StandIn(holder.id, name, role=Role.management, one_person_window=True)
    if b is not None and b.on_post and b.id not in away and may_be_b_post(holder, b):
        return StandIn(holder.id, name, staff_id=b.id)
    if head is not None and head.id != holder.id and head.on_post and head.id not in away:
        return StandIn(holder.id, name, staff_id=head.id)
    return StandIn(holder.id, name, role=Role.management)


def stands_in(actor_id: str, actor_role: Role, stand_in: StandIn | None) -> bool:
    """AB岗 6: 享有A岗责任人的职责和权利 — the stand-in acts on what is the away person's."""
    if stand_in is None:
        return False
    if stand_in.staff_id is not None:
        return actor_id == stand_in.staff_id
    return actor_role == stand_in.role
