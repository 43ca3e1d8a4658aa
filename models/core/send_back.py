"""退回修改 on the case store (models/rules/send_back.py): the decider of a step the procedure's machine
declares (models/core/procedures.py SendBack) sends the case back — the step's item is cancelled, the
history keeps who sent it back and why, and one 修改后重新提交 item opens for the submitter (or for the
decider of the step before, with that step's own form); once it is done the step that sent it back opens
again, as it was. The case keeps its status throughout. The notices are the caller's (tasks/core/send_back.py)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from importlib import import_module

from sqlalchemy import update
from sqlmodel import Session

from models.core.calendar import load_calendar
from models.core.cases import Case, WorkItem, WorkItemStatus, audit, get_case
from models.core.clock import local_now
from models.core.errors import Conflict, InvalidInput
from models.core.org import Role, Staff
from models.core.procedures import PREVIOUS, RESUBMIT, SEND_BACK, SendBack
from models.core.settings import Policy
from models.core.workitems import STOOD_IN_FOR, assignment_now, check_may_act, decided_item, get_work_item, \
    open_work_item
from models.procedures import get_procedure
from models.rules.permissions import acting_for
from models.rules.send_back import resubmission_key, send_back_refusal, sent_back_item_of

RESUBMIT_TITLE = "修改后重新提交"
# A decision that sends the step back instead of deciding it: {SEND_BACK_DECISION: True, "reason": …}.
SEND_BACK_DECISION = "send_back"


def declaration_of(session: Session, item: WorkItem) -> SendBack | None:
    return get_procedure(get_case(session=session, ref=item.case_ref).kind).send_back_of(item.step)


def target_of(session: Session, case: Case, declaration: SendBack) -> str | None:
    """Who the case goes back to: its submitter, or whoever decided the step before."""
    if declaration.to == PREVIOUS:
        previous = decided_item(session=session, case_ref=case.ref, step=declaration.previous)
        return previous.decided_by if previous else None
    return case.opened_by


def may_send_back(session: Session, item: WorkItem) -> SendBack | None:
    """The declaration when the open item may be sent back now (the desk shows 退回修改 then)."""
    declaration = declaration_of(session, item)
    if declaration is None or item.status != WorkItemStatus.open:
        return None
    return declaration if target_of(session, get_case(session=session, ref=item.case_ref), declaration) else None


@dataclass(frozen=True)
class SentBack:
    case: Case
    item: WorkItem  # the step sent back (cancelled)
    resubmission: WorkItem  # the 修改后重新提交 item opened
    target: str
    reason: str


def _amend_column(declaration: SendBack):
    module, _, attribute = (declaration.amend or "").partition(":")
    table, _, column = attribute.partition(".")
    return getattr(import_module(module), table), column


def amend_value(session: Session, case_ref: str, declaration: SendBack) -> str | None:
    """The submission's free text the submitter may correct (SendBack.amend), as it stands."""
    if not declaration.amend:
        return None
    table, column = _amend_column(declaration)
    row = session.get(table, case_ref)
    return None if row is None else str(getattr(row, column) or "")


def _due(session: Session, case: Case, at: datetime) -> dict:
    policy = Policy.model_validate(case.policy)
    due = load_calendar(session=session).deadline(at, policy.section_review_days, policy.office_close)
    return {"due_at": due.at, "due_from": at, "due_days": policy.section_review_days,
            "due_provisional": due.provisional}


def send_back(*, session: Session, item_id: int, actor: str, reason: str, at: datetime | None = None) -> SentBack:
    """Send the open item's case back for correction, for `actor` who may decide the item. Refused,
    nothing written, with the rule: not declared, no longer open, no reason, nobody to send it back to."""
    at = at or local_now()
    item = get_work_item(session=session, item_id=item_id)
    assignment = assignment_now(session=session, item=item, at=at)
    stood_in = acting_for(check_may_act(session=session, item=item, actor_id=actor, assignment=assignment),
                          assignment)
    case = get_case(session=session, ref=item.case_ref)
    declaration = declaration_of(session, item)
    target = target_of(session, case, declaration) if declaration else None
    refusal = send_back_refusal(declared=declaration is not None, item_open=item.status == WorkItemStatus.open,
                                reason=reason or "", target=target)
    if refusal is not None:
        if declaration is None or item.status != WorkItemStatus.open:
            raise Conflict(f"待办 {item_id} {refusal}")
        raise InvalidInput(field="reason" if target else "decision", message=refusal)
    reason = reason.strip()
    result = session.execute(update(WorkItem).where(WorkItem.id == item_id, WorkItem.status == WorkItemStatus.open)
                             .values(status=WorkItemStatus.cancelled, decided_by=actor, decided_at=at,
                                     decision={SEND_BACK_DECISION: True, "reason": reason}))
    if result.rowcount != 1:
        raise Conflict(f"待办 {item_id} 已由他人办理或已取消")
    session.refresh(item)
    person = session.get(Staff, target)
    if declaration.to == PREVIOUS:
        previous = decided_item(session=session, case_ref=case.ref, step=declaration.previous)
        step, form, title = previous.step, previous.form, f"{RESUBMIT_TITLE}：{previous.title}"
    else:
        step, form, title = RESUBMIT, RESUBMIT, f"{RESUBMIT_TITLE}：{case.title or get_procedure(case.kind).label}"
    resubmission = open_work_item(
        session=session, key=resubmission_key(case.ref, item.id), case_ref=case.ref, step=step, title=title[:200],
        form=form, role=person.role if person else Role.staff, staff_id=target,
        window_id=person.window_id if person else None, department_id=person.department_id if person else None,
        **_due(session, case, at), at=at)
    audit(session=session, case_ref=case.ref, actor=actor, action=SEND_BACK, at=at,
          details={"work_item": item.id, "step": item.title, "reason": reason, "to": target,
                   "resubmission": resubmission.id, **({STOOD_IN_FOR: stood_in} if stood_in else {})})
    return SentBack(case, item, resubmission, target, reason)


def resubmitted(*, session: Session, item: WorkItem, actor: str, at: datetime | None = None) -> WorkItem | None:
    """After a 修改后重新提交 item is done: the submitter's corrected text kept (SendBack.amend), and the
    step that sent the case back opened again as it was (the same assignment, a fresh due date). None
    for any other item."""
    sent_back_id = sent_back_item_of(item.key)
    if sent_back_id is None:
        return None
    at = at or local_now()
    original = get_work_item(session=session, item_id=sent_back_id)
    case = get_case(session=session, ref=item.case_ref)
    declaration = get_procedure(case.kind).send_back_of(original.step)
    content = (item.decision or {}).get("content")
    if declaration is not None and declaration.amend and item.form == RESUBMIT and content:
        table, column = _amend_column(declaration)
        row = session.get(table, case.ref)
        if row is not None:
            setattr(row, column, content)
    again = open_work_item(
        session=session, key=f"{case.ref}:{original.step}:again{item.id}", case_ref=case.ref, step=original.step,
        title=original.title, form=original.form, role=original.assignee_role,
        window_id=original.assignee_window_id, staff_id=original.assignee_staff_id,
        department_id=original.assignee_department_id, **_due(session, case, at), at=at)
    audit(session=session, case_ref=case.ref, actor=actor, action=RESUBMIT, at=at,
          details={"work_item": item.id, "reopened": again.id, "step": original.title,
                   "comment": (item.decision or {}).get("comment", "")})
    return again


def prefill(session: Session, item: WorkItem) -> dict[str, str]:
    """The values a 修改后重新提交 item's form opens with: the submission's text as it stands, or the
    previous decision being redone; {} for any other item."""
    sent_back_id = sent_back_item_of(item.key)
    if sent_back_id is None or item.status != WorkItemStatus.open:
        return {}
    original = session.get(WorkItem, sent_back_id)
    case = get_case(session=session, ref=item.case_ref)
    declaration = get_procedure(case.kind).send_back_of(original.step) if original else None
    if declaration is None:
        return {}
    if item.form == RESUBMIT:
        value = amend_value(session, case.ref, declaration)
        return {"content": value} if value is not None else {}
    previous = decided_item(session=session, case_ref=case.ref, step=item.step)
    return {k: _text(v) for k, v in ((previous.decision if previous else None) or {}).items() if v is not None}


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "\n".join(map(str, value))
    return str(value)
