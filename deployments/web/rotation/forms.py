"""人员轮换 (the department's written notice, 公函) on the desk, through the rotation procedure's own
input model and flow (models.rotation.inputs.RotationProposalInput, flows.rotation.staff_rotation).
进出管理制度 二.2: the checks (10 working days' notice, the 30% cap, the rotation months) are the
procedure's; their errors are shown next to the field they concern."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from sqlmodel import select
from starlette.concurrency import run_in_threadpool

from deployments.web.core.auth import Viewer, require_viewer
from deployments.web.core.dates import check_dates
from deployments.web.core.errors import attempt, errors_by_field
from deployments.web.core.pages import flash, page, redirect
from deployments.web.core.nav import NavEntry
from deployments.web.core.new import Offer
from models.core.db import session_scope
from models.core.errors import PermissionDenied, validated
from models.core.org import Role, Staff, StaffStatus, Window

router = APIRouter()
ARRIVALS = 3  # rows for arriving people on one notice
PERSON = ("staff_id", "name", "qualification", "phone", "email", "employment", "political_status")
FIELDS = ("window_id", "notice_ref", "notice_received", "effective_date", "leaving", "note")
ALIASES = {**{f: f for f in FIELDS}, "leaving/arriving": "leaving", "arriving": "arriving-0-staff_id",
           **{f"arriving.{i}.{f}": f"arriving-{i}-{f}" for i in range(ARRIVALS) for f in (*PERSON, "intern")}}


def may_propose(viewer: Viewer) -> bool:
    return viewer.role in (Role.management, Role.department, Role.head)


def _windows(viewer: Viewer) -> list[Window]:
    query = select(Window).order_by(Window.id)
    if viewer.role == Role.department:
        query = query.where(Window.department_id == viewer.department_id)
    elif viewer.role == Role.head:
        query = query.where(Window.id == viewer.window_id)
    elif viewer.role != Role.management:
        return []
    with session_scope() as session:
        return list(session.exec(query).all())


def _choices(viewer: Viewer) -> dict:
    from models.core.arrivals import EMPLOYMENT_LABELS, POLITICAL_LABELS

    windows = _windows(viewer)
    with session_scope() as session:
        staff = session.exec(select(Staff).where(Staff.window_id.in_([w.id for w in windows]),
                                                 Staff.status == StaffStatus.active).order_by(Staff.id)).all()
    return {"windows": [(w.id, w.name) for w in windows],
            "people": [(s.id, f"{s.name}（{s.id}，{s.window_id}）") for s in staff],
            "employments": [(k.value, v) for k, v in EMPLOYMENT_LABELS.items()],
            "politics": [(k.value, v) for k, v in POLITICAL_LABELS.items()], "rows": list(range(ARRIVALS))}


def _form(request: Request, viewer: Viewer, values: dict, leaving: list[str], errors: dict, status_code: int = 200):
    return page(request, "rotation_form.html", title="人员轮换公函", status_code=status_code, values=values,
                leaving=leaving, errors=errors, **_choices(viewer))


@router.get("/new/rotation")
def new_rotation(request: Request, viewer: Viewer = Depends(require_viewer)):
    if not may_propose(viewer):
        raise PermissionDenied(actor=viewer.id, action="提出人员轮换", reason="只有派驻部门、窗口负责人或窗口管理科可以提出")
    return _form(request, viewer, {}, [], {})


def proposal_data(values: dict, leaving: list[str]) -> dict:
    """The posted form as the rotation input model reads it; empty arrival rows are left out."""
    arriving = []
    for i in range(ARRIVALS):
        person = {f: values.get(f"arriving-{i}-{f}", "") for f in PERSON}
        if person["staff_id"] or person["name"]:
            intern = values.get(f"arriving-{i}-intern") == "true"
            arriving.append({**{k: v for k, v in person.items() if v}, "intern": intern})
    data = {k: values[k] for k in FIELDS if k != "leaving" and values.get(k)}
    return {**data, "leaving": leaving, "arriving": arriving}


def submit(values: dict, leaving: list[str], actor: str) -> str:
    from flows.rotation import staff_rotation
    from models.rotation.inputs import RotationProposalInput

    check_dates(values, "notice_received", "effective_date")
    return staff_rotation(proposal=validated(RotationProposalInput, proposal_data(values, leaving)), actor=actor)


@router.post("/new/rotation")
async def post_rotation(request: Request, viewer: Viewer = Depends(require_viewer)):
    form = await request.form()
    values = {k: v for k, v in form.items() if isinstance(v, str) and k != "leaving"}
    leaving = [v for v in form.getlist("leaving") if isinstance(v, str)]
    ref, error = await attempt(submit, values, leaving, viewer.id)
    if error:
        return await run_in_threadpool(_form, request, viewer, values, leaving, errors_by_field(error, ALIASES), 400)
    flash(request, f"人员轮换 {ref} 已登记，送窗口管理科审核")
    return redirect(f"/cases/{ref}")


# Its entries in the desk's menu and on /new (collected by deployments/web/core/slices.py).
NAV = (NavEntry("人员轮换公函", "/new/rotation", "新建", frozenset({Role.management, Role.department, Role.head})),)
OFFERS = (Offer("/new/rotation", "人员轮换公函", "派驻部门提前10个工作日书面告知，窗口管理科审核", may_propose),)
