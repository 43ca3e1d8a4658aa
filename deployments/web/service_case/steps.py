"""A service case's steps on the desk, for the staff of its window only: the materials check that
issues the one-time written notice (一次性告知制度 2, 4), completion (限时办结制度 1) and an extension
with a reason and the applicant's consent (限时办结制度 5) — through the procedure's flows
(flows.service_case), which check the rules and who may act; their errors are shown next to the field."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool

from deployments.web.core.access import viewable_case
from deployments.web.core.auth import Viewer, require_viewer
from deployments.web.core.case_forms import post_case_form
from deployments.web.core.pages import flash, page, redirect
from models.core.cases import Case
from models.core.db import session_scope
from models.service_case.machine import ACCEPTED, AWAITING_MATERIALS, COMPLETED, SERVICE_CASE

router = APIRouter()
MATERIALS = {"材料": "materials", "--have": "materials", "--missing": "materials"}
EXTENSION = {"days": "days", "reason": "reason", "consent": "consent", "--days": "days", "--reason": "reason",
             "--consent": "consent"}


def _window_case(viewer: Viewer, ref: str, action: str) -> Case:
    """The case, for the staff of its window only (首问负责制度; 限时办结制度 2)."""
    from models.service_case.store import check_window_staff, get_service_case

    with session_scope() as session:
        viewable_case(session=session, ref=ref, actor=viewer.actor)
        case, _ = get_service_case(session=session, ref=ref)
        check_window_staff(session=session, actor_id=viewer.id, window_id=case.window_id, action=action)
        return case


def _materials_page(request: Request, viewer: Viewer, ref: str, values: dict, errors: dict, status_code: int = 200):
    from models.service_case.tables import ServiceCase
    from models.service_case.store import materials_to_check, notices_of

    case = _window_case(viewer, ref, "核验材料")
    with session_scope() as session:
        record = session.get(ServiceCase, ref)
        guide, expected = materials_to_check(session=session, record=record)
        return_visit = bool(notices_of(session=session, case_ref=ref))
        reachable = bool(record.phone or record.email)
    return page(request, "service_materials.html", title="核验材料", status_code=status_code, case=case,
                guide=guide, materials=expected, return_visit=return_visit, reachable=reachable, values=values,
                errors=errors)


@router.get("/cases/{ref}/service/materials")
def materials_page(ref: str, request: Request, viewer: Viewer = Depends(require_viewer)):
    return _materials_page(request, viewer, ref, {}, {})


def check(ref: str, values: dict, viewer: Viewer) -> str:
    from flows.service_case import check_materials_flow
    from models.service_case.tables import ServiceCase
    from models.service_case.store import materials_to_check

    _window_case(viewer, ref, "核验材料")
    with session_scope() as session:
        _, expected = materials_to_check(session=session, record=session.get(ServiceCase, ref))
    ticks = {m.name: values.get(f"m-{i}", "") for i, m in enumerate(expected)}
    status = check_materials_flow(case_ref=ref, have=[n for n, t in ticks.items() if t == "have"],
                                  missing=[n for n, t in ticks.items() if t == "missing"], actor=viewer.id,
                                  sent=values.get("sent") == "true")
    return {AWAITING_MATERIALS: "材料不齐：已出具一次性告知书，列明全部需补正的材料",
            ACCEPTED: "材料齐全，已受理", COMPLETED: "材料齐全，即办件已当场办结"}[status]


@router.post("/cases/{ref}/service/materials")
async def post_materials(ref: str, request: Request, viewer: Viewer = Depends(require_viewer)):
    return await post_case_form(request, viewer, ref, action=check, form=_materials_page, aliases=MATERIALS,
                                done=lambda message: message)


@router.get("/cases/{ref}/service/complete")
def complete_page(ref: str, request: Request, viewer: Viewer = Depends(require_viewer)):
    case = _window_case(viewer, ref, "办结")
    return page(request, "service_complete.html", title="办结", case=case, errors={})


def complete(ref: str, viewer: Viewer) -> str:
    from flows.service_case import complete_service_case_flow

    _window_case(viewer, ref, "办结")
    return SERVICE_CASE.status_label(complete_service_case_flow(case_ref=ref, actor=viewer.id))


@router.post("/cases/{ref}/service/complete")
async def post_complete(ref: str, request: Request, viewer: Viewer = Depends(require_viewer)):
    status = await run_in_threadpool(complete, ref, viewer)
    flash(request, f"办件 {ref}：{status}")
    return redirect(f"/cases/{ref}")


def _extension_page(request: Request, viewer: Viewer, ref: str, values: dict, errors: dict, status_code: int = 200):
    case = _window_case(viewer, ref, "延期办结")
    return page(request, "service_extend.html", title="延期办结", status_code=status_code, case=case, values=values,
                errors=errors)


@router.get("/cases/{ref}/service/extend")
def extend_page(ref: str, request: Request, viewer: Viewer = Depends(require_viewer)):
    return _extension_page(request, viewer, ref, {"days": "1"}, {})


def extend(ref: str, values: dict, viewer: Viewer):
    from flows.service_case import extend_service_case_flow
    from models.core.errors import validated
    from models.service_case.inputs import ServiceExtension

    _window_case(viewer, ref, "延期办结")
    request = validated(ServiceExtension, {"case_ref": ref, "days": values.get("days") or 0,
                                            "reason": values.get("reason", ""),
                                            "consent": values.get("consent") == "true"})
    return extend_service_case_flow(request=request, actor=viewer.id)


@router.post("/cases/{ref}/service/extend")
async def post_extension(ref: str, request: Request, viewer: Viewer = Depends(require_viewer)):
    return await post_case_form(request, viewer, ref, action=extend, form=_extension_page, aliases=EXTENSION,
                                done=lambda due: f"已延期至 {due:%Y-%m-%d %H:%M}，理由和新期限已告知申请人")
