"""Who a message is for: people (by their phone and e-mail) and roles (by their config tag)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from models.core.org import ROLE_LABELS, Department, Role, Staff, Window
from models.core.standin import stand_in_of


@dataclass(frozen=True)
class Recipient:
    key: str  # stable id for idempotency keys (staff id, dept:ID, role:NAME, a case party)
    label: str
    phone: str = ""
    email: str = ""
    role: Role | None = None


def person(staff: Staff) -> Recipient:
    return Recipient(key=staff.id, label=staff.name, phone=staff.phone, email=staff.email)


def department_leader(department: Department) -> Recipient:
    return Recipient(key=f"dept:{department.id}", label=f"{department.name}{department.leader}",
                     phone=department.phone, email=department.email)


def role(name: Role) -> Recipient:
    return Recipient(key=f"role:{name.value}", label=ROLE_LABELS[name], role=name)


def window_head(*, session: Session, window_id: str | None) -> list[Recipient]:
    window = session.get(Window, window_id) if window_id else None
    head = session.get(Staff, window.head_id) if window and window.head_id else None
    return [person(head)] if head else []


def staff_member(*, session: Session, staff_id: str | None) -> list[Recipient]:
    staff = session.get(Staff, staff_id) if staff_id else None
    return [person(staff)] if staff else []


def leader_of(*, session: Session, department_id: str | None) -> list[Recipient]:
    department = session.get(Department, department_id) if department_id else None
    return [department_leader(department)] if department else []


def stand_in_recipients(*, session: Session, item, at: datetime, away: dict | None = None) -> list[Recipient]:
    """Whoever acts now for the item's holder, who is away (AB岗 6); for a one-person window the
    management section decides and the department's contact is told (AB岗 8)."""
    stand_in = stand_in_of(session=session, item=item, at=at, away=away)
    if stand_in is None:
        return []
    if stand_in.staff_id is not None:
        return staff_member(session=session, staff_id=stand_in.staff_id)
    holder = session.get(Staff, stand_in.for_id)
    window = session.get(Window, holder.window_id) if holder.window_id else None
    department_id = holder.department_id or (window.department_id if window else None)
    told = leader_of(session=session, department_id=department_id) if stand_in.one_person_window else []
    return [role(stand_in.role), *told]
