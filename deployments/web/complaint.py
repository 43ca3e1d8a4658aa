"""登记投诉 and 延期 on the desk, through the complaint procedure's own model, task and flows
(models.complaint.inputs, tasks.complaint.entry.register_complaint, flows.complaint). The complaint is
registered by the plain task function so that the complainant's name and contact never become a
Prefect run's parameters; the flow then advances the case by its reference only."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from sqlmodel import Session, select
from starlette.concurrency import run_in_threadpool

from deployments.web.core.access import viewable_case
from deployments.web.core.auth import Viewer, require_viewer
from deployments.web.core.case_forms import post_case_form
from deployments.web.core.dates import check_dates
from deployments.web.core.errors import attempt, errors_by_field, posted_text
from deployments.web.core.pages import flash, page, redirect
from deployments.web.core.nav import NavEntry
from deployments.web.core.new import Offer
from models.core.cases import Case
from models.core.db import session_scope
from models.core.errors import PermissionDenied
from models.core.org import Role, Staff, StaffStatus, Window
from models.complaint.machine import INVESTIGATING
from models.complaint.rules import CATEGORY_LABELS, CHANNEL_LABELS, extension_blockers, may_extend, may_register
from models.complaint.tables import Complaint
from models.core.clock import local_now
from models.core.settings import Policy

router = APIRouter()
FIELDS = ("channel", "received_at", "window_id", "staff_id", "category", "content", "complainant_name",
          "complainant_contact", "rating_id", "stars", "ticket_no", "external_due_at")
EXTENSION = {"reason": "reason", "until": "until", "案件编号": ""}


def may_register_now(viewer: Viewer) -> bool:
    return may_register(viewer.actor)[0]


def _choices() -> dict:
    with session_scope() as session:
        windows = session.exec(select(Window).order_by(Window.id)).all()
        staff = session.exec(select(Staff).where(Staff.window_id.is_not(None), Staff.status == StaffStatus.active)
                             .order_by(Staff.id)).all()
    return {"channels": [(c.value, label) for c, label in CHANNEL_LABELS.items()],
            "categories": [(str(n), f"{n}. {label}") for n, label in CATEGORY_LABELS.items() if n != 1],
            "windows": [(w.id, w.name) for w in windows],
            "staff": [(s.id, f"{s.name}（{s.id}，{s.window_id}）") for s in staff]}


@router.get("/new/complaint")
def new_complaint(request: Request, viewer: Viewer = Depends(require_viewer)):
    if not may_register_now(viewer):
        raise PermissionDenied(actor=viewer.id, action="登记投诉", reason=may_register(viewer.actor)[1])
    return page(request, "complaint_form.html", title="登记投诉", values={"channel": "phone"}, errors={},
                **_choices())


def register(values: dict, actor: str) -> tuple[str, bool]:
    from flows.complaint import complaint_handling
    from flows.core.decide import advance_recorded
    from tasks.complaint.entry import register_complaint

    check_dates(values, "received_at", "external_due_at")
    ref, created = register_complaint(intake={k: v for k, v in values.items() if k in FIELDS and v != ""}, actor=actor)
    advance_recorded(ref, lambda: complaint_handling(case_ref=ref, actor=actor), "投诉已登记")
    return ref, created


@router.post("/new/complaint")
async def post_complaint(request: Request, viewer: Viewer = Depends(require_viewer)):
    values = await posted_text(request)
    result, error = await attempt(register, values, viewer.id)
    if error:
        choices = await run_in_threadpool(_choices)
        return page(request, "complaint_form.html", title="登记投诉", status_code=400, values=values,
                    errors=errors_by_field(error, {f: f for f in FIELDS}), **choices)
    ref, created = result
    flash(request, f"投诉 {ref} 已登记并交窗口核实" if created else f"此投诉已登记过：{ref}，未重复登记")
    return redirect(f"/cases/{ref}")


def complaint_actions(session: Session, case: Case, viewer: Viewer) -> list[tuple[str, str]]:
    """延期 only where it can succeed: the viewer may extend and nothing about the case refuses it."""
    if case.status != INVESTIGATING or not may_extend(viewer.actor, case.window_id)[0]:
        return []
    complaint = session.get(Complaint, case.ref)
    if extension_blockers(channel=complaint.channel, current_due=case.due_at, extensions=complaint.extensions,
                          now=local_now(), policy=Policy.model_validate(case.policy)):
        return []
    return [(f"/cases/{case.ref}/extend", "延期并向投诉人说明")]


def _extension_page(request: Request, viewer: Viewer, ref: str, values: dict, errors: dict, status_code: int = 200):
    with session_scope() as session:
        case = viewable_case(session=session, ref=ref, actor=viewer.actor)
    return page(request, "complaint_extend.html", title="投诉延期", status_code=status_code, case=case,
                values=values, errors=errors)


@router.get("/cases/{ref}/extend")
def extend_page(ref: str, request: Request, viewer: Viewer = Depends(require_viewer)):
    return _extension_page(request, viewer, ref, {}, {})


def extend(ref: str, values: dict, viewer: Viewer) -> str:
    from flows.complaint import extend_complaint_flow
    from models.complaint.inputs import ExtensionRequest
    from models.core.errors import validated

    with session_scope() as session:
        viewable_case(session=session, ref=ref, actor=viewer.actor)
    check_dates(values, "until")
    data = {"case_ref": ref, **{k: values[k] for k in ("reason", "until") if values.get(k)}}
    return extend_complaint_flow(request=validated(ExtensionRequest, data), actor=viewer.id)


@router.post("/cases/{ref}/extend")
async def post_extension(ref: str, request: Request, viewer: Viewer = Depends(require_viewer)):
    return await post_case_form(request, viewer, ref, action=extend, form=_extension_page, aliases=EXTENSION,
                                done=lambda due: f"已延期至 {due}，说明已发送给投诉人")


# Its entries in the desk's menu and on /new (collected by deployments/web/core/slices.py).
NAV = (NavEntry("登记投诉", "/new/complaint", "新建", frozenset({Role.management, Role.complaint_window})),)
OFFERS = (Offer("/new/complaint", "登记投诉（差评）", "各渠道的投诉和1、2星差评，3个工作日内办结", may_register_now),)
