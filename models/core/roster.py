"""Changes to a window's roster: departures, arrivals, B posts and the window head.

进出管理制度 二.1 (派驻后填写登记表; posted_since), 二.4 (调离); AB岗工作制度 2 (各个岗位都要明确A岗和
B岗责任人); 派驻部门窗口负责人岗位职责 (each department names one window head). Every change is
audited on the case that causes it and is idempotent (applying it twice changes nothing more).
"""
from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from models.core.cases import audit
from models.core.errors import InvalidInput, NotFound
from models.core.org import Employment, Role, Staff, StaffStatus, Window
from models.rules.ab_posts import B_ROLES, Post, b_post_problems, on_roster

ON_POST = (StaffStatus.active, StaffStatus.seconded)


def window_roster(*, session: Session, window_id: str) -> list[Staff]:
    """The window's staff (head and staff, on post or seconded); interns are not counted."""
    return list(session.exec(select(Staff).where(
        Staff.window_id == window_id, Staff.role.in_([Role.head, Role.staff]),
        Staff.status.in_([StaffStatus.active, StaffStatus.seconded])).order_by(Staff.id)).all())


def depart(*, session: Session, staff_id: str, case_ref: str, actor: str, effective: date,
           status: StaffStatus = StaffStatus.left) -> bool:
    """The person leaves the window (调离, or 退回 with status `returned`); their partners lose them
    as B. False if done already."""
    staff = session.get(Staff, staff_id)
    if staff is None or staff.status == status:
        return False
    staff.status, staff.b_post_id = status, None
    for partner in session.exec(select(Staff).where(Staff.b_post_id == staff_id)).all():
        partner.b_post_id = None
    window = session.get(Window, staff.window_id) if staff.window_id else None
    if window is not None and window.head_id == staff_id:
        window.head_id = None
    audit(session=session, case_ref=case_ref, actor=actor, action="depart",
          details={"staff": staff_id, "window": staff.window_id, "effective": effective.isoformat(),
                   "status": status.value})
    return True


def enter_staff(*, session: Session, details: dict, window: Window, effective: date, case_ref: str,
                actor: str) -> tuple[Staff, bool]:
    """Create the staff record of an arrival once: active, posted since the effective date."""
    existing = session.get(Staff, details["staff_id"])
    if existing is not None:
        if (existing.window_id, existing.posted_since, existing.name) != (window.id, effective, details["name"]):
            raise InvalidInput(field="arriving", message=f"工号 {existing.id} 已被{existing.name}使用，不能登记{details['name']}")
        return existing, False
    staff = Staff(id=details["staff_id"], name=details["name"], window_id=window.id,
                  department_id=details.get("department_id") or window.department_id,
                  role=Role.intern if details.get("intern") else Role.staff,
                  employment=Employment(details["employment"]), qualification=details.get("qualification", ""),
                  posted_since=effective, status=StaffStatus.active, phone=details.get("phone", ""),
                  email=details.get("email", ""))
    session.add(staff)
    session.flush()
    audit(session=session, case_ref=case_ref, actor=actor, action="post",
          details={"staff": staff.id, "window": window.id, "posted_since": effective.isoformat()})
    return staff, True


def posts_without_b(*, session: Session, window_id: str) -> list[Staff]:
    """Posts whose B is missing or no longer on the window. A one-person window has no B to name
    (its home department sends cover), so it has none."""
    roster = window_roster(session=session, window_id=window_id)
    if len(roster) < 2:
        return []
    on_window = {s.id for s in roster}
    return [s for s in roster if s.b_post_id not in on_window]


def post_of(staff: Staff) -> Post:
    """A person as the B-post rule reads them (on post: on the window's roster)."""
    return Post(staff.id, staff.window_id, staff.role, on_roster(staff.status))


def b_post_candidates(*, session: Session, staff_id: str) -> list[Staff]:
    """Who may be the B post of `staff_id`: the window's people the one B-post rule accepts
    (models.rules.ab_posts, AB岗工作制度 1, 2, 6)."""
    staff = session.get(Staff, staff_id)
    if staff is None or staff.window_id is None:
        return []
    return [p for p in window_roster(session=session, window_id=staff.window_id)
            if not b_post_problems(post_of(staff), post_of(p))]


def check_b_post(*, session: Session, staff_id: str, b_post_id: str) -> Staff:
    """The B must be another person on post at the same window, not an intern (the one rule:
    models.rules.ab_posts, AB岗工作制度 1, 2, 6; 进出管理制度 二.3)."""
    staff = session.get(Staff, staff_id)
    partner = session.get(Staff, b_post_id)
    if staff is None:
        raise NotFound(field="A岗人员", value=staff_id)
    if partner is None or b_post_problems(post_of(staff), post_of(partner)):
        raise InvalidInput(field="b_post", message=f"B岗 {b_post_id} 应为窗口 {staff.window_id} 的其他在岗正式人员（AB岗工作制度 2）")
    return staff


def set_b_post(*, session: Session, staff_id: str, b_post_id: str, case_ref: str, actor: str) -> bool:
    staff = check_b_post(session=session, staff_id=staff_id, b_post_id=b_post_id)
    if staff.b_post_id == b_post_id:
        return False
    staff.b_post_id = b_post_id
    audit(session=session, case_ref=case_ref, actor=actor, action="b_post",
          details={"staff": staff_id, "b_post": b_post_id})
    return True


def check_new_head(*, session: Session, window_id: str, staff_id: str) -> Staff:
    staff = session.get(Staff, staff_id)
    window = session.get(Window, window_id)
    if (staff is None or staff.window_id != window_id or staff.status != StaffStatus.active
            or staff.role == Role.intern or (window is not None and window.head_id == staff_id)):
        raise InvalidInput(field="new_head", message=f"新负责人 {staff_id} 应为窗口 {window_id} 的其他在岗正式人员")
    return staff


def appoint_head(*, session: Session, window_id: str, staff_id: str, case_ref: str, actor: str) -> bool:
    """The department names a new window head; the former head stays as staff if still there."""
    window = session.get(Window, window_id)
    if window.head_id == staff_id:
        return False
    new_head = check_new_head(session=session, window_id=window_id, staff_id=staff_id)
    former = session.get(Staff, window.head_id) if window.head_id else None
    if former is not None and former.role == Role.head:
        former.role = Role.staff
    new_head.role, window.head_id = Role.head, staff_id
    audit(session=session, case_ref=case_ref, actor=actor, action="appoint_head",
          details={"window": window_id, "head": staff_id, "former": former.id if former else None})
    return True


def colleagues(*, session: Session, window_id: str | None, staff_id: str) -> int:
    """Active people at the window other than this one who may cover as B (0: a one-person window,
    AB岗 8 — an intern does not count: 原则上不允许实习生单独受理业务, 进出管理制度 二.3; models.rules.ab_posts)."""
    if window_id is None:
        return 0
    return len(session.exec(select(Staff.id).where(
        Staff.window_id == window_id, Staff.id != staff_id, Staff.status == StaffStatus.active,
        Staff.role.in_(sorted(B_ROLES)))).all())
