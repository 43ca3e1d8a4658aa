"""Everything a case page shows, read in one session: status, steps, history, documents, messages,
and the decision forms of the open steps the viewer may act on."""
from __future__ import annotations

from sqlmodel import Session, select

from deployments.web.core.auth import Viewer
from deployments.web.core.case_details import actions_of, details_of, free_text_view, status_of, step_page
from deployments.web.core.decision_forms import enum_labels, fields_for
from deployments.web.core.diagram import diagram_svg, marks_of
from deployments.web.core.filled_in import decision_rows
from models.core.audit_labels import CHANNELS, GENERIC_ACTIONS, ITEM_STATUS, MESSAGE_STATUS, action_label  # noqa: F401
from models.core.cases import AuditEvent, Case, WorkItem, WorkItemStatus
from models.core.clock import local_now
from models.core.documents import documents_of
from models.core.handover import HANDOVER_STEP
from models.core.org import ROLE_LABELS, Role, Staff
from models.core.outbox import OutboxMessage
from models.core.procedures import PREVIOUS
from models.core.send_back import SEND_BACK_DECISION, may_send_back, prefill
from models.procedures import get_procedure
from models.rules.send_back import sent_back_item_of
from models.rules.permissions import may_act
from models.core.workitems import STOOD_IN_FOR, assignment_now, stood_in_line

SHOWN_DETAILS = ("comment", "reason", "title", "name")
SEND_BACK_TO = {PREVIOUS: "退回上一步办理人修改"}  # otherwise: to the submitter


def summary(details: dict | None) -> str:
    """A decision or an event's details in a few words (never a contact)."""
    details = details or {}
    parts = ["退回修改"] if details.get(SEND_BACK_DECISION) else []
    if "approve" in details:
        parts.append("同意" if details["approve"] else "不同意")
    if details.get("exception"):
        parts.append("例外批准")
    if "verdict" in details:
        labels = {k.value: v for labels in enum_labels().values() for k, v in labels.items()}
        parts.append(labels.get(details["verdict"], str(details["verdict"])))
    parts += [str(details[k]) for k in SHOWN_DETAILS if details.get(k)]
    return "；".join(parts)


def _action_label(procedure, action: str, step_titles: dict[str, str]) -> str:
    """An audit event in words (models.core.audit_labels, as `center case show` names it)."""
    return action_label(procedure, action, step_titles)


def handover_links(session: Session, events) -> dict[int, list[tuple[str, str]]]:
    """A 代行情况 item's decided items, linked (AB岗 6: what was done for the person, on the record):
    {handover item id: [(href, "REF title")]}, from the audit row that opened the item."""
    handed = {e.details["work_item"]: e.details.get("decided", []) for e in events
              if e.action == HANDOVER_STEP and (e.details or {}).get("work_item")}
    ids = [d.get("work_item") for decided in handed.values() for d in decided if d.get("work_item")]
    titles = dict(session.exec(select(WorkItem.id, WorkItem.title).where(WorkItem.id.in_(ids))).all()) if ids else {}
    return {item_id: [(f"/cases/{d['case_ref']}#item-{d.get('work_item')}",
                       f"{d['case_ref']} {titles.get(d.get('work_item'), '')}".strip()) for d in decided]
            for item_id, decided in handed.items()}


def case_view(*, session: Session, case: Case, viewer: Viewer, errors: dict | None = None,
              posted: dict | None = None) -> dict:
    procedure, now = get_procedure(case.kind), local_now()
    items = session.exec(select(WorkItem).where(WorkItem.case_ref == case.ref).order_by(WorkItem.id)).all()
    events = session.exec(select(AuditEvent).where(AuditEvent.case_ref == case.ref).order_by(AuditEvent.id)).all()
    messages = session.exec(select(OutboxMessage).where(OutboxMessage.case_ref == case.ref)
                            .order_by(OutboxMessage.id)).all()
    people = {*(e.actor for e in events), *(i.decided_by for i in items if i.decided_by),
              *(i.assignee_staff_id for i in items if i.status == WorkItemStatus.open and i.assignee_staff_id),
              *(e.details[STOOD_IN_FOR] for e in events if (e.details or {}).get(STOOD_IN_FOR))}
    names = dict(session.exec(select(Staff.id, Staff.name).where(Staff.id.in_(people))).all()) if people else {}

    def who(staff_id: str) -> str:
        if staff_id == Role.system:
            return ROLE_LABELS[Role.system]  # the scheduled sweeps and the flows' own steps
        return f"{names[staff_id]}（{staff_id}）" if staff_id in names else staff_id

    step_titles = {i.step: i.title for i in items}
    links = handover_links(session, events)
    text = free_text_view(session, case, viewer)

    forms = {}
    for item in items:
        if item.status == WorkItemStatus.open and may_act(viewer.actor, assignment_now(session=session, item=item, at=now))[0]:
            path, label = step_page(case.kind, item.step) or ("", "")
            declaration = may_send_back(session, item)
            forms[item.id] = {"fields": None if path else fields_for(session, item), "page": path.format(ref=case.ref),
                              "label": label, "errors": (errors or {}).get(item.id, {}),
                              "posted": (posted or {}).get(item.id) or prefill(session, item),
                              "send_back": SEND_BACK_TO.get(declaration.to, "退回提交人修改") if declaration else "",
                              "send_back_errors": (errors or {}).get(f"send_back:{item.id}", {}),
                              "send_back_posted": (posted or {}).get(f"send_back:{item.id}", {})}
    return {
        "case": case, "procedure": procedure.label, "status": status_of(session, case),
        "closed": case.status in procedure.final,
        # 退回修改: the case waits for a correction at its status (models/core/send_back.py)
        "sent_back": [who(i.assignee_staff_id) for i in items if i.status == WorkItemStatus.open
                      and i.assignee_staff_id and sent_back_item_of(i.key) is not None],
        "overdue": case.due_at is not None and case.due_at < now and case.status not in procedure.final,
        "details": details_of(session, case, viewer), "actions": actions_of(session, case, viewer),
        "items": [{"item": i, "status": ITEM_STATUS[i.status], "decided_by": who(i.decided_by) if i.decided_by else "",
                   "summary": summary(i.decision), "form": forms.get(i.id), "links": links.get(i.id, []),
                   "decision": decision_rows(i.form, i.decision, text=text)
                   if i.decided_by and i.status == WorkItemStatus.done else [],
                   "overdue": i.status == WorkItemStatus.open and i.due_at is not None and i.due_at < now} for i in items],
        "events": [{"at": e.at, "actor": stood_in_line(e.actor, e.details, names) or who(e.actor), "action": _action_label(procedure, e.action, step_titles),
                    "change": (f"{procedure.status_label(e.from_status)} → " if e.from_status else "")
                    + procedure.status_label(e.to_status) if e.to_status else "",
                    "summary": summary(e.details)} for e in events],
        "diagram": diagram_svg(case.kind, marks_of(case.kind, events, case.status)),
        "documents": documents_of(session=session, case_ref=case.ref),
        "messages": [{"to": m.recipient_label or CHANNELS[m.channel], "channel": CHANNELS[m.channel],
                      "status": MESSAGE_STATUS[m.status], "subject": m.title or m.body[:40],
                      "at": m.sent_at or m.created_at} for m in messages],
    }
