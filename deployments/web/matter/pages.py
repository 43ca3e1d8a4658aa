"""事项 on the desk: the matter list (清单) and a matter's service guide with its history of versions and
requests, for everyone logged in; the management section starts the quarterly review of the list
(事项进驻、退出、调整规定 2: 定期梳理, the scheduled flow flows.matter.matter_list_review, which
otherwise runs at the start of each quarter) and rebuilds the public guides (信息公开制度;
flows.matter.publish_matter_guides, which checks who may)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from sqlmodel import select
from starlette.concurrency import run_in_threadpool

from deployments.web.core.auth import Viewer, require_viewer
from deployments.web.core.pager import page_request, pager
from deployments.web.core.pages import flash, page, redirect
from deployments.web.core.nav import EVERYONE, NavEntry
from models.core.cases import Case
from models.core.db import session_scope
from models.core.paging import page_of
from models.procedures import get_procedure

router = APIRouter()
PAGE_SIZE = 50


def _limit(matter) -> str:
    return "即办" if matter.kind == "immediate" else f"承诺{matter.promised_days}个工作日/法定{matter.statutory_days}日"


def _where(matter, windows: dict[str, str]) -> str:
    if matter.window_id:
        return f"{matter.window_id} {windows.get(matter.window_id, '')}"
    return f"分中心：{matter.branch['name']}" if matter.branch else "—"


@router.get("/matters")
def matters_page(request: Request, viewer: Viewer = Depends(require_viewer)):
    from models.matter.store import matters_query
    from models.matter.inputs import KIND_LABELS, STATUS_LABELS
    from models.core.org import Department, Window

    in_service = request.query_params.get("in_service") == "true"
    asked = page_request(request, size=PAGE_SIZE)
    with session_scope() as session:
        windows = {w.id: w.name for w in session.exec(select(Window)).all()}
        departments = {d.id: d.name for d in session.exec(select(Department)).all()}
        shown = page_of(session, matters_query(in_service), number=asked.number, size=asked.size)
        rows = [{"code": m.code, "name": m.name, "department": departments.get(m.department_id, m.department_id),
                 "where": _where(m, windows), "kind": KIND_LABELS[m.kind], "limit": _limit(m),
                 "status": STATUS_LABELS[m.status], "version": m.current_version} for m in shown.items]
    return page(request, "matters.html", title="事项清单", rows=rows, pager=pager(request, shown),
                in_service=in_service, manager=viewer.is_management)


@router.get("/matters/{code}")
def matter_page(code: str, request: Request, viewer: Viewer = Depends(require_viewer)):
    from models.matter.store import get_matter
    from models.matter.tables import MatterRequest
    from models.matter.guides import guide_of, guide_versions
    from models.matter.inputs import KIND_LABELS, REQUEST_LABELS, STATUS_LABELS
    from models.core.org import Window

    with session_scope() as session:
        matter = get_matter(session=session, code=code)
        guide = guide_of(session=session, matter=matter) if matter.current_version else None
        windows = {w.id: w.name for w in session.exec(select(Window)).all()}
        versions = [{"version": v.version, "current": v.version == matter.current_version, "approved_at": v.approved_at,
                     "approved_by": v.approved_by, "case_ref": v.case_ref, "superseded_at": v.superseded_at,
                     "materials": len(v.spec.get("guide", {}).get("materials", []))}
                    for v in guide_versions(session=session, code=code)]
        requests = [{"ref": case.ref, "request": REQUEST_LABELS[r.request], "opened_at": case.opened_at,
                     "opened_by": case.opened_by, "status": get_procedure("matter").status_label(case.status)}
                    for r, case in session.exec(select(MatterRequest, Case).join(Case, Case.ref == MatterRequest.case_ref)
                                                .where(MatterRequest.matter_code == code).order_by(Case.opened_at)).all()]
        facts = {"code": matter.code, "name": matter.name, "status": STATUS_LABELS[matter.status],
                 "kind": KIND_LABELS[matter.kind], "limit": _limit(matter), "where": _where(matter, windows)}
    return page(request, "matter.html", title=f"事项 {code}", matter=facts, guide=guide, versions=versions,
                requests=requests)


def _check_manager(viewer: Viewer, action: str) -> None:
    from models.core.workitems import check_management

    with session_scope() as session:
        check_management(session=session, actor_id=viewer.id, action=action)


def start_review(viewer: Viewer) -> str:
    from flows.matter import matter_list_review

    _check_manager(viewer, "发起事项清单梳理")
    report = matter_list_review(actor=viewer.id)
    if not report["working_day"]:
        return ""
    return report["case_ref"]


@router.post("/matters/review")
async def post_review(request: Request, viewer: Viewer = Depends(require_viewer)):
    ref = await run_in_threadpool(start_review, viewer)
    if not ref:
        flash(request, "今天不是工作日，未发起梳理")
        return redirect("/matters")
    flash(request, f"已发起本季度事项清单梳理 {ref}：各窗口确认待办已派发（本季度已发起的不重复派发）")
    return redirect(f"/cases/{ref}")


def publish(viewer: Viewer) -> dict:
    from flows.matter import publish_matter_guides

    return publish_matter_guides(actor=viewer.id)


@router.post("/matters/publish")
async def post_publish(request: Request, viewer: Viewer = Depends(require_viewer)):
    result = await run_in_threadpool(publish, viewer)
    flash(request, f"已按现行事项清单重新发布 {result['pages']} 项办事指南")
    return redirect("/matters")


# Its entries in the desk's menu and on /new (collected by deployments/web/core/slices.py).
NAV = (NavEntry("事项清单", "/matters", "查询", EVERYONE),)
