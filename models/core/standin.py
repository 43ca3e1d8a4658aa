"""Stand-in (顶岗) on the session: who is away now, from the records the system keeps, and who acts
for them (the pure rule: models/rules/stand_in.py).

窗口工作人员AB岗工作制度 1: A岗责任人因故不在岗 — an approved leave (half days count), a training or
meeting the person is registered at, a short secondment (进出管理制度 四.2). AB岗 6: the stand-in
代为行使A角的岗位职责 on every open item assigned to the person, or to them as window head.
The absences are asked of the procedures that keep them (the `away` piece of their spec,
models/procedures.py): the foundations import no procedure.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_
from sqlmodel import Session, select

from models.core.cases import Case, WorkItem
from models.core.org import Role, Staff, StaffStatus, Window
from models.core.roster import colleagues
from models.rules.ab_posts import Post
from models.rules.permissions import Actor
from models.rules.stand_in import StandIn, stand_in_for, stands_in


@dataclass(frozen=True)
class Away:
    label: str
    case_ref: str | None  # the case of the absence (the leave, the secondment, the training)


def away_now(*, session: Session, at: datetime, staff_ids: set[str] | None = None) -> dict[str, Away]:
    """The people (of `staff_ids`, or everyone) away at `at`, with why: asked of every procedure that
    takes people away from the window (the `away` piece of its spec: an approved leave, a training, a
    short secondment), so the foundations import no procedure."""
    from models.procedures import away_at_moment

    ids = staff_ids if staff_ids is not None else set(session.exec(select(Staff.id)).all())
    if not ids:
        return {}
    return {staff_id: Away(label, case_ref)
            for staff_id, (label, case_ref) in away_at_moment(session=session, staff_ids=ids, at=at).items()}


def _post(staff: Staff | None) -> Post | None:
    if staff is None:
        return None
    return Post(staff.id, staff.window_id, staff.role, on_post=staff.status == StaffStatus.active)


def stand_in_of_person(*, session: Session, staff_id: str, at: datetime, away: dict[str, Away] | None = None,
                       concerned: frozenset[str] = frozenset()) -> StandIn | None:
    """Who acts now for `staff_id` (None when they are at work); `concerned`: who may not (the case is theirs)."""
    staff = session.get(Staff, staff_id)
    if staff is None or (away is not None and staff_id not in away):
        return None
    window = session.get(Window, staff.window_id) if staff.window_id else None
    b = session.get(Staff, staff.b_post_id) if staff.b_post_id else None
    head = session.get(Staff, window.head_id) if window and window.head_id else None
    people = {staff.id} | {p.id for p in (b, head) if p is not None}
    if away is None:
        away = away_now(session=session, at=at, staff_ids=people)
    return stand_in_for(_post(staff), staff.name, b=_post(b), head=_post(head), away=frozenset(away) & people,
                        colleagues=colleagues(session=session, window_id=staff.window_id, staff_id=staff.id),
                        concerned=concerned)


def holder_of(*, session: Session, item: WorkItem) -> str | None:
    """The person an item is theirs: assigned to them personally, or to them as window head."""
    if item.assignee_staff_id:
        return item.assignee_staff_id
    if item.assignee_role == Role.head and item.assignee_window_id:
        window = session.get(Window, item.assignee_window_id)
        return window.head_id if window else None
    return None


def stand_in_of(*, session: Session, item: WorkItem, at: datetime,
                away: dict[str, Away] | None = None) -> StandIn | None:
    """Who acts now for the item's holder (None when they are at work). `away`: everyone away at
    `at`, when the caller reads many items at once."""
    holder = holder_of(session=session, item=item)
    if holder is None:
        return None
    case = session.get(Case, item.case_ref)
    concerned = frozenset({case.subject_staff_id}) - {None} if case else frozenset()
    return stand_in_of_person(session=session, staff_id=holder, at=at, away=away, concerned=concerned)


def stood_in_for(*, session: Session, actor: Actor, at: datetime) -> dict[str, StandIn]:
    """The people away now whom `actor` stands in for, by staff id. Asked once per session and moment:
    我的待办 asks it for its list and again for its marks (everyone away, asked of every procedure)."""
    kept = session.info.setdefault("stood_in_for", {})
    if (actor, at) not in kept:
        away = away_now(session=session, at=at)
        stand_ins = {staff_id: stand_in_of_person(session=session, staff_id=staff_id, at=at, away=away)
                     for staff_id in sorted(away)}
        kept[(actor, at)] = {staff_id: s for staff_id, s in stand_ins.items() if stands_in(actor.id, actor.role, s)}
    return dict(kept[(actor, at)])


def stood_in_condition(*, session: Session, holders: set[str]):
    """The SQL condition of the items of `holders` (theirs personally, or of the windows they head);
    None when nobody is stood in for."""
    if not holders:
        return None
    windows = set(session.exec(select(Window.id).where(Window.head_id.in_(holders))).all())
    headed = (WorkItem.assignee_staff_id.is_(None) & (WorkItem.assignee_role == Role.head)
              & WorkItem.assignee_window_id.in_(windows))
    return or_(WorkItem.assignee_staff_id.in_(holders), headed)


def mark(stand_in: StandIn) -> str:
    """How 我的待办 marks an item taken for someone away: 代张伟(S0101)."""
    return f"代{stand_in.for_name}({stand_in.for_id})"


def stood_in_marks(*, session: Session, actor: Actor, items: list[WorkItem], at: datetime) -> dict[int, str]:
    """For each of `items` the actor takes for someone away, its mark."""
    stand_ins = stood_in_for(session=session, actor=actor, at=at)
    marks = {}
    for item in items:
        holder = holder_of(session=session, item=item)
        if holder in stand_ins and holder != actor.id:
            marks[item.id] = mark(stand_ins[holder])
    return marks

