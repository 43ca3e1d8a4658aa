"""The side effects of a matter request, one transaction each (state + audit + outbox + documents).

事项进驻、退出、调整规定 3: the department files with the district office (区政务服务办), which
forwards to the management section (窗口管理科); 一次性告知制度 2, 4: the gaps are told at once, in
writing, and kept. After the filing, each event's effects run in the one generic step's transaction
(tasks/core/advance.py), the event chosen by the machine's next_event (models/matter/machine.py).
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime

from tasks.core.plain_calls import task
from sqlmodel import Session, select

from models.core.cases import Case, open_case
from models.core.clock import local_now
from models.core.db import session_scope
from models.core.documents import store_rendered
from models.core.procedures import Recorded, Steps
from models.matter.machine import WAITING_FOR, Facts, next_event
from models.matter.store import apply_approval, check_request, facts_of, mark_pending, release
from models.matter.tables import MatterRequest
from models.matter.guides import guide_of, page_path
from models.matter.inputs import REQUEST_LABELS, MatterRequestForm
from models.core.org import Role
from models.core.recipients import leader_of, staff_member
from models.matter.rules import guide_gaps
from models.core.settings import get_settings
from models.core.workitems import decided_item
from tasks.core.human_steps import open_section_step
from tasks.core.messages import queue_notice
from tasks.matter.site import publish_guides
from tasks.core.render import render

DECIDED_BY = {"forward": "区政务服务办", "review": "窗口管理科"}


def _request_key(form: MatterRequestForm, actor: str) -> str:
    payload = json.dumps([actor, form.model_dump(mode="json")], ensure_ascii=False, sort_keys=True)
    return "matter:" + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:40]


def file_request(*, form: MatterRequestForm, actor: str, at: datetime | None = None) -> tuple[str, bool]:
    """Open the request's case and, if its guide is complete, mark the matter pending (so that a
    second request for it is refused). Returns (case ref, created): the same request filed again
    returns the case already opened."""
    at = at or local_now()
    key = _request_key(form, actor)
    with session_scope() as session:
        existing = session.exec(select(Case).where(Case.idempotency_key == key)).first()
        if existing:
            return existing.ref, False
        check_request(session=session, form=form, actor_id=actor)
        title = f"事项{REQUEST_LABELS[form.request]}：{form.code} {form.name}".strip()
        case, _ = open_case(session=session, kind="matter", actor=actor, title=title, at=at,
                            idempotency_key=key, policy=get_settings().policy.model_dump(mode="json"))
        gaps = [str(g) for g in guide_gaps(form)] if form.carries_guide else []
        request = MatterRequest(case_ref=case.ref, request=form.request, matter_code=form.code,
                                department_id=form.department, form=form.model_dump(mode="json"), gaps=gaps)
        session.add(request)
        session.flush()
        if not gaps:
            mark_pending(session=session, request=request, at=at)
        return case.ref, True


def _department(session: Session, case: Case, request: MatterRequest) -> list:
    return [*staff_member(session=session, staff_id=case.opened_by),
            *leader_of(session=session, department_id=request.department_id)]


def screened(*, session: Session, case: Case, facts: Facts, event: str, previous: str, actor: str,
             now: datetime) -> None:
    """filed → incomplete, with one written notice listing every gap (一次性告知书), or → submitted
    and the district office's work item opened (both as of the filing)."""
    request, at = session.get(MatterRequest, case.ref), case.opened_at
    if event == "incomplete":
        recorded = Recorded(at=at, details={"gaps": request.gaps})
        context = {"case_ref": case.ref, "code": request.matter_code, "title": case.title,
                   "gaps": request.gaps, "count": len(request.gaps), "at": at}
        store_rendered(session=session, key=f"{case.ref}:gaps", case_ref=case.ref, kind="matter_gaps",
                       title="一次性告知书", html=render("documents/matter_gaps.html", **context), actor=actor,
                       at=at)
        queue_notice(session=session, key=f"{case.ref}:gaps", case_ref=case.ref,
                     recipients=_department(session, case, request), template="matter_incomplete",
                     context=context)
        return recorded
    recorded = Recorded(at=at)
    open_section_step(session=session, case=case, key=f"{case.ref}:forward", step="forward",
                      title=f"转办窗口管理科：{case.title}", role=Role.district_office, at=at)
    return recorded


def decided(*, session: Session, case: Case, facts: Facts, event: str, previous: str, actor: str,
            now: datetime) -> None:
    """The decided work item the case waited for: forward/return, approve/reject."""
    step = WAITING_FOR[previous]
    item = decided_item(session=session, case_ref=case.ref, step=step)
    request, at = session.get(MatterRequest, case.ref), item.decided_at
    comment = item.decision.get("comment", "")
    recorded = Recorded(actor=item.decided_by, at=at,
                  details={"comment": comment, "work_item": item.id})
    if event == "forward":
        open_section_step(session=session, case=case, key=f"{case.ref}:review", step="review",
                          title=f"审批：{case.title}", role=Role.management, at=at)
    elif event == "approve":
        _approve(session, case, request, item.decided_by, at)
    else:
        release(session=session, request=request, at=at)
        queue_notice(session=session, key=f"{case.ref}:refused", case_ref=case.ref,
                     recipients=_department(session, case, request), template="matter_refused",
                     context={"case_ref": case.ref, "title": case.title, "by": DECIDED_BY[step],
                              "reason": comment})
    return recorded


def _approve(session: Session, case: Case, request: MatterRequest, actor: str, at: datetime) -> None:
    matter = apply_approval(session=session, request=request, actor=actor, at=at)
    if request.parsed.carries_guide:
        guide = guide_of(session=session, matter=matter)
        store_rendered(session=session, key=f"{case.ref}:guide:v{guide.version}", case_ref=case.ref,
                       kind="guide", title=f"办事指南（{guide.code} 第{guide.version}版）", actor=actor, at=at,
                       html=render("documents/guide.html", g=guide, index_href=None))


def published(*, session: Session, case: Case, facts: Facts, event: str, previous: str, actor: str,
              now: datetime) -> None:
    """approved → published: the site rebuilt from the list, then the department told where."""
    publish_guides(session=session)
    request = session.get(MatterRequest, case.ref)
    listed = request.parsed.carries_guide
    queue_notice(session=session, key=f"{case.ref}:published", case_ref=case.ref,
                 recipients=_department(session, case, request), template="matter_published",
                 context={"case_ref": case.ref, "title": case.title, "listed": listed,
                          "page": str(page_path(request.matter_code)) if listed else ""})


# The generic step's declaration of this procedure (models/procedures.py: steps=).
STEPS = Steps(facts=facts_of, next_event=next_event,
              effects={"incomplete": screened, "submit": screened, "forward": decided, "return": decided,
                       "approve": decided, "reject": decided, "publish": published})

file_request_task = task(name="登记事项申请")(file_request)
