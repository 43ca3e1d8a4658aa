"""The matter list (清单) on the session: a change request checked, the matter marked pending, released
or updated by an approval (事项进驻、退出、调整规定 2–4). Its tables are in models/matter/tables.py;
reading the guides (what a window serves a matter by, what is published) is in models/matter/guides.py.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from models.core.cases import Case, WorkItem, WorkItemStatus
from models.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied, raise_all
from models.core.workitems import decided_item
from models.matter import rules
from models.matter.machine import FILED, WAITING_FOR, Facts, ReviewFacts
from models.matter.inputs import REQUEST_LABELS, MatterRequestForm, MatterRequestKind, MatterStatus
from models.matter.tables import Matter, MatterGuideVersion, MatterRequest
from models.core.org import Department, Role, Window
from models.core.workitems import actor_of


def get_matter(*, session: Session, code: str) -> Matter:
    matter = session.get(Matter, code)
    if matter is None:
        raise NotFound(field="事项编码", value=code)
    return matter


def check_request(*, session: Session, form: MatterRequestForm, actor_id: str) -> None:
    """Who may file and what is bad input (事项进驻、退出、调整规定 3): refused before anything is
    written. The actor's right is checked against a known department (an unknown one is bad input)."""
    matter = session.get(Matter, form.code)
    facts = rules.RequestFacts(
        departments=frozenset(session.exec(select(Department.id)).all()),
        window_departments=dict(session.exec(select(Window.id, Window.department_id)).all()),
        matter_status=matter.status if matter else None,
        matter_department=matter.department_id if matter else None)
    actor = actor_of(session=session, staff_id=actor_id)
    allowed, reason = rules.may_file(actor, form.department)
    if not allowed and form.department in facts.departments:
        raise PermissionDenied(actor=actor_id, action=f"提出事项{REQUEST_LABELS[form.request]}申请", reason=reason)
    raise_all(rules.request_problems(form, facts))


def check_publisher(*, session: Session, actor_id: str) -> None:
    """Only the management section, which approves the list, publishes it (事项进驻、退出、调整规定 3)."""
    actor = actor_of(session=session, staff_id=actor_id)
    if actor.role != Role.management or not actor.active:
        raise PermissionDenied(actor=actor_id, action="发布办事指南", reason="只有窗口管理科可以发布")


def _fields(form: MatterRequestForm) -> dict:
    limit = form.guide.time_limit
    return dict(name=form.name, window_id=form.window, kind=form.kind,
                branch=form.branch.model_dump() if form.branch else None,
                statutory_days=limit.statutory_days if limit else None,
                promised_days=limit.promised_days if limit else None)


def mark_pending(*, session: Session, request: MatterRequest, at: datetime) -> None:
    """The matter while its request is decided: 拟进驻 (new) or 申请审批中 (on the list).
    Guarded: of two requests for one matter, only the first gets through."""
    form = request.parsed
    values = dict(status=rules.status_while_pending(form.request), pending_case_ref=request.case_ref,
                  updated_at=at)
    if form.request == MatterRequestKind.onboard:
        values |= _fields(form)
        if session.get(Matter, form.code) is None:
            session.add(Matter(code=form.code, department_id=form.department, **values))
            try:
                session.flush()
            except IntegrityError:
                raise Conflict(f"事项 {form.code} 已有其他进驻申请在办") from None
            return
    allowed = {s for s in rules.ONBOARD_ALLOWED_FROM if s} if form.request == MatterRequestKind.onboard \
        else {MatterStatus.active}
    result = session.execute(update(Matter).where(
        Matter.code == form.code,
        or_(Matter.status.in_(allowed), Matter.pending_case_ref == request.case_ref)).values(**values))
    if result.rowcount != 1:
        raise Conflict(f"事项 {form.code} 已有其他申请在办")
    session.expire_all()


def release(*, session: Session, request: MatterRequest, at: datetime) -> Matter:
    """A refused request: the matter goes back to the list as it was (a new one is not listed)."""
    matter = get_matter(session=session, code=request.matter_code)
    matter.status = rules.status_on_refusal(request.request)
    matter.pending_case_ref, matter.updated_at = None, at
    return matter


def apply_approval(*, session: Session, request: MatterRequest, actor: str, at: datetime) -> Matter:
    """The list updated: a new guide version (the previous one kept, marked superseded) or the
    matter taken off the list (取消/退出)."""
    form, matter = request.parsed, get_matter(session=session, code=request.matter_code)
    if form.carries_guide:
        version = (matter.current_version or 0) + 1
        session.execute(update(MatterGuideVersion).where(
            MatterGuideVersion.matter_code == matter.code, MatterGuideVersion.superseded_at.is_(None)
        ).values(superseded_at=at))
        session.add(MatterGuideVersion(matter_code=matter.code, version=version, spec=request.form,
                                       case_ref=request.case_ref, approved_by=actor, approved_at=at))
        for name, value in _fields(form).items():
            setattr(matter, name, value)
        matter.current_version = version
    matter.status = rules.status_on_approval(form.request)
    matter.pending_case_ref, matter.updated_at = None, at
    session.flush()
    return matter


def matters_query(in_service_only: bool = False):
    """The matter list (事项清单), the windows' matters by window then code, the branches' after them."""
    query = select(Matter).order_by(Matter.window_id.is_(None), Matter.window_id, Matter.code)
    return query.where(Matter.status.in_(rules.IN_SERVICE)) if in_service_only else query


def list_matters(*, session: Session, in_service_only: bool = False) -> list[Matter]:
    return list(session.exec(matters_query(in_service_only)).all())


def facts_of(*, session: Session, case: Case, now: datetime) -> Facts:
    """What a request's next_event chooses from: its gaps when filed, the decision it waits for."""
    if case.status == FILED:
        return Facts(status=case.status, gaps=bool(session.get(MatterRequest, case.ref).gaps))
    step = WAITING_FOR.get(case.status)
    item = decided_item(session=session, case_ref=case.ref, step=step) if step else None
    return Facts(status=case.status, approve=None if item is None else bool(item.decision["approve"]))


def review_facts_of(*, session: Session, case: Case, now: datetime) -> ReviewFacts:
    pending = session.exec(select(WorkItem.id).where(WorkItem.case_ref == case.ref,
                                                     WorkItem.status == WorkItemStatus.open)).first()
    return ReviewFacts(status=case.status, items_open=pending is not None)


def amend_sent_back(*, session: Session, ref: str, form: MatterRequestForm, actor_id: str) -> None:
    """一次性告知制度 2: the department's request as corrected after a send-back (退回修改), kept in place of
    the one filed — the same request type and matter code (another is a new request: withdraw and file
    anew), the department's own, and its guide without gaps. Refused, nothing written, otherwise."""
    filed = session.get(MatterRequest, ref)
    if filed is None:
        raise NotFound(field="案件编号", value=ref)
    allowed, reason = rules.may_file(actor_of(session=session, staff_id=actor_id), filed.department_id)
    if not allowed or form.department != filed.department_id:
        raise PermissionDenied(actor=actor_id, action=f"修改后重新提交 {ref}", reason=reason or "只能修改本部门的事项申请")
    if form.request != filed.request or form.code != filed.matter_code:
        raise InvalidInput(field="code", message="退回修改不能更改申请类型或事项编码（一次性告知制度 2：补正原申请）；请撤回后重新申请")
    raise_all([InvalidInput(field=gap.field, message=gap.message) for gap in (rules.guide_gaps(form) if form.carries_guide else [])])
    filed.form = form.model_dump(mode="json")
    session.add(filed)
