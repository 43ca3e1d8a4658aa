"""Work items (待办): opening them idempotently, completing them atomically, listing them."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import or_, update
from sqlmodel import Session, select
from sqlmodel.sql.expression import Select

from models.core.cases import WorkItem, WorkItemStatus, audit
from models.core.clock import local_now
from models.core.errors import Conflict, NotFound, PermissionDenied
from models.core.org import ROLE_LABELS, Role, Staff, StaffStatus
from models.core.standin import stand_in_of, stood_in_condition, stood_in_for
from models.rules.permissions import Actor, Assignment, acting_for, may_act


STOOD_IN_FOR = "stood_in_for"  # in a decision's audit details: the person away it was decided for (AB岗 6)


def stood_in_line(actor: str, details: dict | None, names: dict[str, str]) -> str:
    """王芳（代 张伟） for a decision taken for someone away (AB岗 6); "" for any other event."""
    stood_in = (details or {}).get(STOOD_IN_FOR)
    return f"{names.get(actor, actor)}（代 {names.get(stood_in, stood_in)}）" if stood_in else ""


def stood_in_names(*, session: Session, events: list) -> dict[str, str]:
    """The names a history needs to say who decided for whom."""
    people = {p for e in events if (e.details or {}).get(STOOD_IN_FOR) for p in (e.actor, e.details[STOOD_IN_FOR])}
    return dict(session.exec(select(Staff.id, Staff.name).where(Staff.id.in_(people))).all()) if people else {}


def actor_of(*, session: Session, staff_id: str) -> Actor:
    staff = session.get(Staff, staff_id)
    if staff is None:
        raise NotFound(field="办理人(--as)", value=staff_id)
    return Actor(id=staff.id, role=staff.role, window_id=staff.window_id,
                 department_id=staff.department_id, active=staff.status == StaffStatus.active)


def check_management(*, session: Session, actor_id: str, action: str, reason: str = "只有窗口管理科可以办理") -> None:
    """The management section (窗口管理科) only: imports, deductions, patrols, resends, passwords …"""
    actor = actor_of(session=session, staff_id=actor_id)
    if not actor.active or actor.role != Role.management:
        raise PermissionDenied(actor=actor_id, action=action, reason=reason)


def assignment_of(item: WorkItem) -> Assignment:
    return Assignment(role=item.assignee_role, window_id=item.assignee_window_id,
                      staff_id=item.assignee_staff_id, department_id=item.assignee_department_id)


def open_work_item(*, session: Session, key: str, case_ref: str, step: str, title: str,
                   role: Role, form: str = "approve", window_id: str | None = None,
                   staff_id: str | None = None, department_id: str | None = None,
                   due_at: datetime | None = None, due_from: datetime | None = None,
                   due_days: int | None = None, due_provisional: bool = False,
                   at: datetime | None = None) -> WorkItem:
    """Open the item unless one with this key exists already (then return that one)."""
    existing = session.exec(select(WorkItem).where(WorkItem.key == key)).first()
    if existing:
        return existing
    item = WorkItem(key=key, case_ref=case_ref, step=step, title=title, form=form,
                    assignee_role=role, assignee_window_id=window_id, assignee_staff_id=staff_id,
                    assignee_department_id=department_id, created_at=at or local_now(),
                    due_at=due_at, due_from=due_from, due_days=due_days,
                    due_provisional=due_provisional)
    session.add(item)
    session.flush()
    return item


def get_work_item(*, session: Session, item_id: int) -> WorkItem:
    item = session.get(WorkItem, item_id)
    if item is None:
        raise NotFound(field="待办编号", value=item_id)
    return item


def assignment_now(*, session: Session, item: WorkItem, at: datetime | None = None,
                   away: dict | None = None) -> Assignment:
    """The item's assignment with who stands in now for its holder, if away (AB岗 6)."""
    return replace(assignment_of(item), stand_in=stand_in_of(session=session, item=item, at=at or local_now(),
                                                             away=away))


def check_may_act(*, session: Session, item: WorkItem, actor_id: str, at: datetime | None = None,
                  assignment: Assignment | None = None) -> Actor:
    actor = actor_of(session=session, staff_id=actor_id)
    allowed, reason = may_act(actor, assignment or assignment_now(session=session, item=item, at=at))
    if not allowed:
        raise PermissionDenied(actor=actor_id, action=f"办理待办「{item.title}」", reason=reason)
    return actor


def complete_work_item(*, session: Session, item_id: int, actor_id: str,
                       decision: dict[str, Any], at: datetime | None = None) -> WorkItem:
    """Record the decision. Two clerks at once: exactly one wins, the other gets Conflict."""
    item = get_work_item(session=session, item_id=item_id)
    at = at or local_now()
    assignment = assignment_now(session=session, item=item, at=at)
    stood_in = acting_for(check_may_act(session=session, item=item, actor_id=actor_id, assignment=assignment),
                          assignment)
    result = session.execute(
        update(WorkItem)
        .where(WorkItem.id == item_id, WorkItem.status == WorkItemStatus.open)
        .values(status=WorkItemStatus.done, decided_by=actor_id, decision=decision, decided_at=at)
    )
    if result.rowcount != 1:
        raise Conflict(f"待办 {item_id} 已由他人办理或已取消")
    session.refresh(item)
    audit(session=session, case_ref=item.case_ref, actor=actor_id, action=f"decide:{item.step}",
          details={"work_item": item_id, **decision, **({STOOD_IN_FOR: stood_in} if stood_in else {})}, at=at)
    return item


def cancel_open_items(*, session: Session, case_ref: str, actor: str, reason: str) -> int:
    """Cancel every open item of a case (withdrawn, rejected, closed)."""
    items = session.exec(select(WorkItem).where(WorkItem.case_ref == case_ref,
                                                WorkItem.status == WorkItemStatus.open)).all()
    for item in items:
        item.status = WorkItemStatus.cancelled
        audit(session=session, case_ref=case_ref, actor=actor, action=f"cancel:{item.step}",
              details={"work_item": item.id, "reason": reason})
    return len(items)


def reassign_open_items(*, session: Session, from_staff_id: str, to_staff_id: str | None, actor: str,
                        window_id: str | None = None) -> int:
    """Move a person's open items to another person, or (to_staff_id None) to the head of
    `window_id` by role, so whoever heads the window then finds them."""
    items = session.exec(select(WorkItem).where(WorkItem.assignee_staff_id == from_staff_id,
                                                WorkItem.status == WorkItemStatus.open)).all()
    for item in items:
        item.assignee_staff_id = to_staff_id
        if to_staff_id is None:
            item.assignee_role, item.assignee_window_id = Role.head, window_id
        audit(session=session, case_ref=item.case_ref, actor=actor, action="reassign",
              details={"work_item": item.id, "from": from_staff_id, "to": to_staff_id or f"head:{window_id}"})
    return len(items)


def decided_item(*, session: Session, case_ref: str, step: str) -> WorkItem | None:
    """The latest done item of a step: what a procedure's advance reads."""
    return session.exec(
        select(WorkItem).where(WorkItem.case_ref == case_ref, WorkItem.step == step,
                               WorkItem.status == WorkItemStatus.done)
        .order_by(WorkItem.decided_at.desc(), WorkItem.id.desc())
    ).first()


def open_item(*, session: Session, case_ref: str, step: str) -> WorkItem | None:
    """The open item of a step of a case, if any (a step has at most one open item at a time)."""
    return session.exec(
        select(WorkItem).where(WorkItem.case_ref == case_ref, WorkItem.step == step,
                               WorkItem.status == WorkItemStatus.open)
        .order_by(WorkItem.id)
    ).first()


def open_items_for_actor(actor: Actor, *, stood_in: Any = None) -> Select:
    """Open items this actor may act on: their own, their window's as head, their role's, and — given
    `stood_in` (models.core.standin.stood_in_condition) — those of the people away they stand in for
    (AB岗 6); the soonest due first (so the overdue ones on top), no due date last. Each branch of the
    OR has its index (ix_workitem_open_staff, ix_workitem_open_role)."""
    conditions = [WorkItem.assignee_staff_id == actor.id]
    role_match = (WorkItem.assignee_staff_id.is_(None)) & (WorkItem.assignee_role == actor.role)
    if actor.role in (Role.head, Role.staff, Role.intern):
        role_match &= WorkItem.assignee_window_id == actor.window_id
    if actor.role == Role.department:
        role_match &= WorkItem.assignee_department_id == actor.department_id
    conditions.append(role_match)
    if stood_in is not None:
        conditions.append(stood_in)
    return (select(WorkItem).where(WorkItem.status == WorkItemStatus.open, or_(*conditions))
            .order_by(WorkItem.due_at.is_(None), WorkItem.due_at, WorkItem.id))


def open_items_with_stand_in(*, session: Session, actor: Actor, at: datetime | None = None) -> Select:
    """`open_items_for_actor` with the items of the people away whom this actor stands in for now."""
    holders = set(stood_in_for(session=session, actor=actor, at=at or local_now())) - {actor.id}
    return open_items_for_actor(actor, stood_in=stood_in_condition(session=session, holders=holders))


def items_for_actor(*, session: Session, actor: Actor, at: datetime | None = None) -> list[WorkItem]:
    return list(session.exec(open_items_with_stand_in(session=session, actor=actor, at=at)).all())


def items_for_role(*, session: Session, role: Role) -> list[WorkItem]:
    return list(session.exec(
        select(WorkItem).where(WorkItem.status == WorkItemStatus.open, WorkItem.assignee_role == role)
        .order_by(WorkItem.due_at.is_(None), WorkItem.due_at, WorkItem.id)
    ).all())


def role_label(role: Role) -> str:
    return ROLE_LABELS[role]


# AB岗工作制度 2: the work item asking a window for the B post of an A post, opened by whichever case
# moves people (a rotation, a return, an arrival: tasks/core/posting.py).
def bpost_key(case_ref: str, staff_id: str) -> str:
    return f"{case_ref}:bpost:{staff_id}"


def bpost_subject(item: WorkItem) -> str:
    """The A post whose B the item asks for (its key ends with the staff id)."""
    return item.key.rsplit(":bpost:", 1)[1]
