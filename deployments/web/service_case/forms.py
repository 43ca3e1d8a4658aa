"""窗口办件 on the desk (首问负责制度 一, 二.3): intake by the first staff member asked (or the referral
recorded), and what a service case's page shows and offers. Intake runs the procedure's own model and
task (models.service_case.inputs.ServiceIntake, tasks.service_case.open_service_case) — the plain task
function, as the complaint form does, so that the applicant's name and number never become a Prefect
run's parameters. The later steps are in forms_service_steps.py."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from deployments.web.core.auth import Viewer, require_viewer
from deployments.web.core.case_details import staff_name
from deployments.web.core.errors import attempt, errors_by_field, posted_text
from deployments.web.core.pages import flash, page, redirect
from deployments.web.core.nav import AT_A_WINDOW, NavEntry
from deployments.web.core.new import Offer
from models.core.cases import Case
from models.core.db import session_scope
from models.core.errors import PermissionDenied
from models.rules.masking import mask_phone
from models.service_case.rules import CHANNEL_LABELS, window_problem
from models.service_case.machine import ACCEPTED, AWAITING_MATERIALS, RECEIVED, REFERRED

router = APIRouter()
INTAKE = ("applicant", "phone", "email", "matter_code", "channel")
ALIASES = {**{f: f for f in INTAKE}, "事项编码": "matter_code"}
CHECK = (RECEIVED, AWAITING_MATERIALS)


def may_open(viewer: Viewer) -> bool:
    """首问负责制度 一: the window's staff receive requests (models.service_case.store.check_window_staff)."""
    return viewer.window_id is not None


def of_the_window(viewer: Viewer, case: Case) -> bool:
    return window_problem(viewer.window_id, True, case.window_id) == ""


def _intake_form(request: Request, values: dict, errors: dict, status_code: int = 200):
    from models.matter.guides import guides_in_service

    with session_scope() as session:
        guides = guides_in_service(session=session)
    matters = [(g.code, f"{g.code} {g.name}（{g.window_name or g.department_name}）") for g in guides]
    return page(request, "service_form.html", title="窗口接件", status_code=status_code, values=values,
                errors=errors, matters=matters, channels=[(c.value, label) for c, label in CHANNEL_LABELS.items()])


@router.get("/new/service")
def new_service_case(request: Request, viewer: Viewer = Depends(require_viewer)):
    if not may_open(viewer):
        raise PermissionDenied(actor=viewer.id, action="窗口接件", reason="只有窗口工作人员可以接件")
    return _intake_form(request, {"channel": "window"}, {})


def open_case(values: dict, actor: str) -> tuple[str, str]:
    from models.core.errors import validated
    from models.service_case.inputs import ServiceIntake
    from tasks.service_case import open_service_case

    intake = validated(ServiceIntake, {k: v for k, v in values.items() if k in INTAKE and v != ""})
    ref = open_service_case(intake=intake, actor=actor)
    with session_scope() as session:
        return ref, session.get(Case, ref).status


@router.post("/new/service")
async def post_service_case(request: Request, viewer: Viewer = Depends(require_viewer)):
    values = await posted_text(request)
    opened, error = await attempt(open_case, values, viewer.id)
    if error:
        return await run_in_threadpool(_intake_form, request, values, errors_by_field(error, ALIASES), 400)
    ref, status = opened
    if status == REFERRED:
        flash(request, f"办件 {ref}：该事项不属本窗口，已登记转办去向，请告知申请人")
        return redirect(f"/cases/{ref}")
    flash(request, f"已接件 {ref}，您是首问责任人；请核验材料")
    return redirect(f"/cases/{ref}/service/materials")


def service_details(session: Session, case: Case, viewer: Viewer) -> list[tuple[str, str]]:
    from models.service_case.tables import ServiceCase
    from models.service_case.store import notices_of

    record = session.get(ServiceCase, case.ref)
    if record is None:
        return []
    window = of_the_window(viewer, case)
    rows = [("申请人", record.applicant),
            ("手机号码", (record.phone if window else mask_phone(record.phone)) or "—"),
            ("电子邮箱", (record.email if window else mask_phone(record.email)) or "—"),
            ("渠道", CHANNEL_LABELS[record.channel]), ("首问责任人", staff_name(session, record.owner_id)),
            ("事项", f"{record.matter_code} {record.matter_name}（第{record.matter_version}版）"),
            ("办件类型", f"承诺件，{record.promised_days} 个工作日" if record.promised_days else "即办件")]
    if case.status == REFERRED:
        rows.append(("转办", f"{record.referred_department}{record.referred_window}，"
                           f"联系电话 {record.referred_contact}"))
    rows += [(f"一次性告知书第{n.number}份", "、".join(n.items)) for n in notices_of(session=session, case_ref=case.ref)]
    if case.status == AWAITING_MATERIALS:
        rows.append(("待补正材料", "、".join(record.outstanding)))
    if record.accepted_at:
        rows.append(("受理时间", record.accepted_at.strftime("%Y-%m-%d %H:%M")))
    if record.extended_days:
        rows.append(("已延期", f"{record.extended_days} 个工作日（经申请人同意）"))
    return rows


def service_actions(session: Session, case: Case, viewer: Viewer) -> list[tuple[str, str]]:
    if not of_the_window(viewer, case):
        return []
    if case.status in CHECK:
        return [(f"/cases/{case.ref}/service/materials", "核验材料")]
    if case.status == ACCEPTED:
        return [(f"/cases/{case.ref}/service/complete", "办结"),
                (f"/cases/{case.ref}/service/extend", "延期办结（须申请人同意）")]
    return []


# Its entries in the desk's menu and on /new (collected by deployments/web/core/slices.py).
NAV = (NavEntry("窗口接件", "/new/service", "新建", AT_A_WINDOW),)
OFFERS = (Offer("/new/service", "窗口接件（首问负责）", "登记申请人和事项，核验材料，缺件一次性书面告知；非本窗口事项登记转办", may_open),)
