"""我的待办: the open work items I may act on (overdue first), and the cases I filed or that are
about me."""
from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends, Request
from sqlalchemy import or_
from sqlmodel import Session, select

from deployments.web.core.auth import Viewer, require_viewer
from deployments.web.core.case_details import status_of
from deployments.web.core.pager import page_request, pager
from deployments.web.core.pages import page
from models.core.cases import Case, WorkItem
from models.core.clock import local_now
from models.core.db import session_scope
from models.procedures import get_procedure
from models.core.paging import page_of
from models.core.standin import stood_in_marks
from models.core.workitems import open_items_with_stand_in

router = APIRouter()
MY_CASES = 30
PAGE_SIZE = 50


def is_overdue(item: WorkItem, now: datetime) -> bool:
    return item.due_at is not None and item.due_at < now


def todo_rows(items: list[WorkItem], cases: dict[str, Case], now: datetime) -> list[dict]:
    """In the order SQL gives (models/core/workitems.py open_items_for_actor): the soonest due first, so
    the overdue ones (the longest overdue on top) before the rest; no due date last."""
    return [{"id": i.id, "case_ref": i.case_ref, "procedure": get_procedure(cases[i.case_ref].kind).label,
             "title": i.title, "due_at": i.due_at, "provisional": i.due_provisional,
             "overdue": is_overdue(i, now)} for i in items]


def case_row(session: Session, case: Case) -> dict:
    return {"ref": case.ref, "procedure": get_procedure(case.kind).label, "title": case.title,
            "status": status_of(session, case), "updated_at": case.updated_at}


@router.get("/")
def my_work(request: Request, viewer: Viewer = Depends(require_viewer)):
    now, asked = local_now(), page_request(request, size=PAGE_SIZE)
    with session_scope() as session:
        todo = page_of(session, open_items_with_stand_in(session=session, actor=viewer.actor, at=now),
                       number=asked.number, size=asked.size)
        items = todo.items
        refs = {i.case_ref for i in items}
        cases = {c.ref: c for c in session.exec(select(Case).where(Case.ref.in_(refs))).all()} if refs else {}
        mine = session.exec(select(Case).where(or_(Case.subject_staff_id == viewer.id, Case.opened_by == viewer.id))
                            .order_by(Case.updated_at.desc(), Case.ref.desc()).limit(MY_CASES)).all()
        my_cases = [case_row(session, c) for c in mine]
        marks = stood_in_marks(session=session, actor=viewer.actor, items=items, at=now)  # 代张伟(S0101)
    rows = [{**row, "stood_in": marks.get(row["id"], "")} for row in todo_rows(items, cases, now)]
    return page(request, "todo.html", title="我的待办", rows=rows, cases=my_cases, now=now, pager=pager(request, todo))
