"""Posting one person to a window and re-checking the window's B posts: the steps every procedure
that changes a roster shares (rotation, staff return). They take the caller's session, so they
happen in the caller's transaction, and each is idempotent.

进出管理制度 二.1: 派驻后应填写《青浦区行政服务中心人员登记表》; 四.1: 党、团组织关系须转入中心;
AB岗工作制度 2: 各个岗位都要明确A岗和B岗责任人.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, select

from models.core.calendar import load_calendar
from models.core.cases import WorkItem, WorkItemStatus, audit
from models.core.clock import local_now
from models.core.documents import store_rendered
from models.core.org import Department, Role, Staff
from models.core.roster import enter_staff, posts_without_b, set_b_post
from models.rotation.store import get_window
from models.core.arrivals import EMPLOYMENT_LABELS, POLITICAL_LABELS, ArrivalInput
from models.core.settings import get_settings
from models.core.signatures import signatures_of
from models.core.workitems import bpost_key, bpost_subject, open_work_item
from tasks.core.render import render


def registration_context(*, person: ArrivalInput, window_name: str, department_name: str,
                         effective: date, case_ref: str) -> dict:
    return {"person": person.model_dump(mode="json"), "case_ref": case_ref, "window_name": window_name,
            "department_name": department_name, "effective": effective,
            "employment": EMPLOYMENT_LABELS[person.employment],
            "political": POLITICAL_LABELS[person.political_status],
            "membership_transfer": person.transfers_membership}


def post_arrival(*, session: Session, case_ref: str, person: ArrivalInput | dict, window_id: str,
                 effective: date, actor: str) -> Staff:
    """Render the 人员登记表 and create the staff record (active, posted since `effective`) — once."""
    person = person if isinstance(person, ArrivalInput) else ArrivalInput.model_validate(person)
    window = get_window(session=session, window_id=window_id)
    department = session.get(Department, person.department_id or window.department_id)
    html = render("documents/registration_form.html", **registration_context(
        person=person, window_name=window.name, department_name=department.name if department else "",
        effective=effective, case_ref=case_ref), signatures=signatures_of(session=session, case_ref=case_ref))
    store_rendered(session=session, key=f"{case_ref}:registration:{person.staff_id}", case_ref=case_ref,
                   kind="registration_form", title=f"青浦区行政服务中心人员登记表（{person.name}）",
                   html=html, actor=actor)
    staff, created = enter_staff(session=session, details=person.model_dump(mode="json"), window=window,
                                 effective=effective, case_ref=case_ref, actor=actor)
    if created and person.transfers_membership:
        audit(session=session, case_ref=case_ref, actor=actor, action="membership_transfer",
              details={"staff": staff.id, "political_status": person.political_status.value,
                       "note": "党（团）组织关系须转入中心（进出管理制度 四.1）"})
    return staff


def recheck_b_posts(*, session: Session, window_id: str, case_ref: str, actor: str,
                    at: datetime | None = None) -> list[WorkItem]:
    """Open a work item for the window head for each post of the window left without a B."""
    policy = get_settings().policy
    calendar = load_calendar(session=session)
    at = at or local_now()
    deadline = calendar.deadline(at, policy.b_post_days, policy.office_close)
    items = []
    for staff in posts_without_b(session=session, window_id=window_id):
        items.append(open_work_item(
            session=session, key=bpost_key(case_ref, staff.id), case_ref=case_ref, step="b_post",
            title=f"为{staff.name}（{staff.id}）指定B岗", role=Role.head, form="b_post", window_id=window_id,
            due_at=deadline.at, due_from=at, due_days=policy.b_post_days, due_provisional=deadline.provisional,
            at=at))
    if items:
        audit(session=session, case_ref=case_ref, actor=actor, action="b_post_recheck",
              details={"window": window_id, "without_b": [bpost_subject(i) for i in items]})
    return items


def apply_b_post_choices(*, session: Session, case_ref: str, actor: str) -> int:
    """Record the B posts the window head named on the case's decided items (idempotent)."""
    decided = session.exec(select(WorkItem).where(WorkItem.case_ref == case_ref, WorkItem.step == "b_post",
                                                  WorkItem.status == WorkItemStatus.done)).all()
    return sum(set_b_post(session=session, staff_id=bpost_subject(item), b_post_id=item.decision["b_post"],
                          case_ref=case_ref, actor=item.decided_by or actor) for item in decided)
