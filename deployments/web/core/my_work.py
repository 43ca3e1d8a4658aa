"""已办 (the items I decided: the decision, when, the case's status now) and 我发起的 (the cases I opened
or submitted: status, the current step, who must act, by when), beside 我的待办 (home.py): each a
page at a time (models/core/paging.py), narrowed by a text on the case's reference or title."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from sqlmodel import Session, select

from deployments.web.core.auth import Viewer, require_viewer
from deployments.web.core.case_details import status_of
from deployments.web.core.case_view import summary
from deployments.web.core.pager import page_request, pager
from deployments.web.core.pages import page
from models.core.cases import WorkItem
from models.core.db import session_scope
from models.core.my_work import MAX_FILTER, decided_by, open_items_of, opened_by
from models.core.org import Staff
from models.core.paging import page_of
from models.core.workitems import role_label
from models.procedures import get_procedure

router = APIRouter()
PAGE_SIZE = 30


def _filter(request: Request) -> str:
    return request.query_params.get("q", "").strip()[:MAX_FILTER]


def _who_acts(item: WorkItem, names: dict[str, str]) -> str:
    """The person an item waits on, or the post (and window) any of whose holders may take it."""
    if item.assignee_staff_id:
        return f"{names.get(item.assignee_staff_id, item.assignee_staff_id)}（{item.assignee_staff_id}）"
    window = f"（{item.assignee_window_id}）" if item.assignee_window_id else ""
    return role_label(item.assignee_role) + window


def _names(session: Session, ids: set[str]) -> dict[str, str]:
    return dict(session.exec(select(Staff.id, Staff.name).where(Staff.id.in_(ids))).all()) if ids else {}


@router.get("/done")
def done_page(request: Request, viewer: Viewer = Depends(require_viewer)):
    text, asked = _filter(request), page_request(request, size=PAGE_SIZE)
    with session_scope() as session:
        shown = page_of(session, decided_by(viewer.id, text), number=asked.number, size=asked.size)
        rows = [{"case_ref": case.ref, "procedure": get_procedure(case.kind).label, "case_title": case.title,
                 "id": item.id, "title": item.title, "decision": summary(item.decision) or "已办理",
                 "decided_at": item.decided_at, "status": status_of(session, case)} for item, case in shown.items]
    return page(request, "done.html", title="已办", rows=rows, q=text, pager=pager(request, shown))


@router.get("/mine")
def mine_page(request: Request, viewer: Viewer = Depends(require_viewer)):
    text, asked = _filter(request), page_request(request, size=PAGE_SIZE)
    with session_scope() as session:
        shown = page_of(session, opened_by(viewer.id, text), number=asked.number, size=asked.size)
        waiting = open_items_of(session, {c.ref for c in shown.items})
        names = _names(session, {i.assignee_staff_id for items in waiting.values() for i in items
                                 if i.assignee_staff_id})
        rows = [{"ref": case.ref, "procedure": get_procedure(case.kind).label, "title": case.title,
                 "status": status_of(session, case), "due_at": case.due_at,
                 "steps": [{"id": i.id, "title": i.title, "who": _who_acts(i, names), "due_at": i.due_at}
                           for i in waiting[case.ref]]} for case in shown.items]
    return page(request, "mine.html", title="我发起的", rows=rows, q=text, pager=pager(request, shown))
