"""案件查询: any case the viewer may see (the case page's own rule, deployments.web.core.access.may_view),
found by reference, person, window, procedure, status and the date opened, a page at a time."""
from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from sqlmodel import Session, select

from deployments.web.core.access import facts_of_cases, may_view
from deployments.web.core.auth import Viewer, require_viewer
from deployments.web.core.case_details import status_of
from deployments.web.core.errors import errors_by_field
from deployments.web.core.pages import page
from models.core.cases import Case
from models.core.db import session_scope
from models.core.errors import CenterError
from models.core.org import Window
from models.procedures import all_procedures

router = APIRouter()
PAGE_SIZE = 20
FIELDS = ("ref", "person", "window_id", "kind", "status", "from", "to")


def _choices() -> dict:
    procedures = sorted((p for p in all_procedures() if p.kind != "sample"), key=lambda p: p.ref_prefix)
    with session_scope() as session:
        windows = [(w.id, f"{w.id} {w.name}") for w in session.exec(select(Window).order_by(Window.id)).all()]
    return {"procedures": [(p.kind, p.label) for p in procedures], "windows": windows,
            "status_groups": [(p.label, [(f"{p.kind}:{s}", label) for s, label in p.status_labels.items()])
                              for p in procedures]}


def _visible_to(viewer: Viewer):
    def visible(session: Session, cases: list[Case]) -> list[Case]:
        facts = facts_of_cases(session=session, cases=cases)
        return [c for c in cases if may_view(viewer.actor, facts[c.ref])]
    return visible


def find(values: dict[str, str], viewer: Viewer, number: int) -> tuple[list[dict], bool]:
    from models.core.case_search import parse_query, search_cases

    query = parse_query(values)
    with session_scope() as session:
        cases, more = search_cases(session=session, query=query, visible=_visible_to(viewer), page=number,
                                   size=PAGE_SIZE)
        procedures = {p.kind: p.label for p in all_procedures()}
        return [{"ref": c.ref, "procedure": procedures.get(c.kind, c.kind), "title": c.title,
                 "status": status_of(session, c), "window": c.window_id or "—", "opened_at": c.opened_at}
                for c in cases], more


@router.get("/search")
def search_page(request: Request, viewer: Viewer = Depends(require_viewer)):
    values = {k: request.query_params.get(k, "") for k in FIELDS}
    try:
        number = max(1, min(int(request.query_params.get("page", "1") or 1), 10_000))
    except ValueError:
        number = 1
    searched = any(values.values())
    rows, more, errors = [], False, {}
    if searched:
        try:
            rows, more = find(values, viewer, number)
        except CenterError as error:
            errors = errors_by_field(error, {f: f for f in FIELDS})
    kept = {k: v for k, v in values.items() if v}
    pages = {"prev": f"/search?{urlencode({**kept, 'page': number - 1})}" if number > 1 else "",
             "next": f"/search?{urlencode({**kept, 'page': number + 1})}" if more else ""}
    return page(request, "search.html", title="案件查询", status_code=400 if errors else 200, values=values,
                errors=errors, rows=rows, number=number, searched=searched, pages=pages, **_choices())
