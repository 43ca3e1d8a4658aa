"""Pieces of the staffing steps that run in the caller's transaction: the 调离申请表, the deadline
before an effective date, the center's review of a secondment or an intern's placement, and the
department's nomination of a new window head.

进出管理制度 二.4: 调离中心之前，需填写《青浦区行政服务中心窗口工作人员调离申请表》，经中心审核同意后，办理
相关手续; 派驻部门窗口负责人岗位职责 (每个派驻部门指派一名窗口负责人), 7.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, select

from models.core.calendar import load_calendar
from models.core.cases import Case
from models.core.documents import Document, store_rendered
from models.core.org import Department, Role, Staff, Window
from models.core.recipients import leader_of
from models.core.roster import appoint_head
from models.rotation.tables import RotationProposal
from models.core.arrivals import EMPLOYMENT_LABELS
from models.rules.workdays import Deadline, WorkdayCalendar
from models.core.settings import Policy, get_settings
from models.core.signatures import signatures_of
from models.core.workitems import decided_item, open_work_item
from tasks.core.messages import queue_notice
from tasks.core.render import render


def before_effective(calendar: WorkdayCalendar, effective: date, now: datetime, policy: Policy) -> Deadline:
    """Close of office on the working day before the effective date (or the next day's, when late)."""
    day = calendar.add_working_days(effective, -1)
    at = datetime.combine(day, policy.office_close)
    if at < now:
        return calendar.deadline(now, 1, policy.office_close)
    return Deadline(at, calendar.is_provisional(now.date(), day))


def filed_case(session: Session, key: str) -> str | None:
    """The case a request with this idempotency key opened already, if any."""
    case = session.exec(select(Case).where(Case.idempotency_key == key)).first()
    return case.ref if case else None


def open_center_review(session: Session, *, case: Case, title: str, start: date, now: datetime) -> None:
    """The management section decides before the start date (进出管理制度 二.3, 四.2)."""
    due = before_effective(load_calendar(session=session), start, now, get_settings().policy)
    open_work_item(session=session, key=f"{case.ref}:review", case_ref=case.ref, step="review", title=title,
                   role=Role.management, form="approve", due_at=due.at, due_from=now,
                   due_provisional=due.provisional, at=now)


def people_text(people) -> str:
    return "、".join(f"{p.name}（{getattr(p, 'staff_id', None) or p.id}）" for p in people) or "无"


def render_transfer_form(*, session: Session, proposal: RotationProposal, staff: Staff, window: Window,
                         actor: str) -> Document:
    department = session.get(Department, staff.department_id or window.department_id)
    html = render("documents/transfer_form.html", case_ref=proposal.case_ref, notice_ref=proposal.notice_ref,
                  window_name=window.name, department_name=department.name if department else "",
                  staff={"id": staff.id, "name": staff.name, "posted_since": staff.posted_since,
                         "employment": EMPLOYMENT_LABELS[staff.employment], "qualification": staff.qualification,
                         "head": staff.role == Role.head},
                  effective=proposal.effective_date, note=proposal.note,
                  signatures=signatures_of(session=session, case_ref=proposal.case_ref))
    return store_rendered(session=session, key=f"{proposal.case_ref}:transfer:{staff.id}",
                          case_ref=proposal.case_ref, kind="transfer_form",
                          title=f"窗口工作人员调离申请表（{staff.name}）", html=html, actor=actor)


def open_head_nomination(*, session: Session, case_ref: str, window: Window, at: datetime, reason: str) -> None:
    """A work item for the department: name a new head of the window; its leader is told why."""
    policy = get_settings().policy
    deadline = load_calendar(session=session).deadline(at, policy.replacement_nomination_days, policy.office_close)
    open_work_item(session=session, key=f"{case_ref}:head", case_ref=case_ref, step="head",
                   title=f"为{window.name}重新指派窗口负责人", role=Role.department, form="head_nomination",
                   department_id=window.department_id, due_at=deadline.at, due_from=at,
                   due_days=policy.replacement_nomination_days, due_provisional=deadline.provisional, at=at)
    queue_notice(session=session, key=f"{case_ref}:head", case_ref=case_ref,
                 recipients=leader_of(session=session, department_id=window.department_id),
                 template="rotation_head",
                 context={"case_ref": case_ref, "window_name": window.name, "reason": reason,
                          "due_at": deadline.at})


def apply_head_nomination(*, session: Session, case_ref: str, window_id: str, actor: str) -> bool:
    """Appoint the head the department named on the case's decided item, if any (idempotent)."""
    item = decided_item(session=session, case_ref=case_ref, step="head")
    if item is None:
        return False
    return appoint_head(session=session, window_id=window_id, staff_id=item.decision["new_head"],
                        case_ref=case_ref, actor=item.decided_by or actor)
