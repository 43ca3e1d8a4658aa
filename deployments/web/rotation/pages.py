"""轮换 on the desk beyond the rotation notice: a short secondment back to the home department
(进出管理制度 四.2), an intern's placement (二.3), and the qualification a window's arrivals must hold
(一.4) — through the procedures' own input models, flows and permission checks
(flows.rotation.request_secondment / request_intern: models.rotation.store.check_requester;
models.core.posting_requirements.set_requirement behind models.core.workitems.check_management, as
`center rotation require`)."""
from __future__ import annotations

from dataclasses import replace

from fastapi import APIRouter, Depends, Request
from sqlmodel import select
from starlette.concurrency import run_in_threadpool

from deployments.web.core.auth import Viewer, require_viewer
from deployments.web.core.decision_forms import model_fields
from deployments.web.core.errors import attempt, errors_by_field, posted_text
from deployments.web.rotation.forms import may_propose
from deployments.web.rotation.forms import _windows as requester_windows
from deployments.web.core.pages import flash, page, redirect
from deployments.web.core.nav import NavEntry
from deployments.web.core.new import Offer
from models.core.db import session_scope
from models.core.errors import PermissionDenied, validated
from models.core.org import Role, Staff, StaffStatus, Window

router = APIRouter()
SECONDMENT = {"staff_id": "staff_id", "start": "start", "end": "end", "start/end": "start", "reason": "reason"}
INTERN = {"window_id": "window_id", "person.staff_id": "staff_id", "person.name": "name", "person.phone": "phone",
          "person": "staff_id", "start": "start", "end": "end", "reason": "reason", "--person": "staff_id"}
REQUIREMENT = {"window_id": "window_id", "qualification": "qualification"}


def may_request(viewer: Viewer) -> bool:
    """The department, the window head or the management section (models.rotation.store.check_requester)."""
    return may_propose(viewer)


def _check_requester(viewer: Viewer, window_id: str | None, action: str) -> None:
    from models.rotation.store import check_requester

    with session_scope() as session:
        window = session.get(Window, window_id) if window_id else None
        if window is not None:
            check_requester(session=session, actor_id=viewer.id, window=window, action=action)
        elif not may_request(viewer):
            raise PermissionDenied(actor=viewer.id, action=action, reason="只有派驻部门、窗口负责人或窗口管理科可以办理")


def _refuse_unless_requester(viewer: Viewer, action: str) -> None:
    if not may_request(viewer):
        raise PermissionDenied(actor=viewer.id, action=action, reason="只有派驻部门、窗口负责人或窗口管理科可以办理")


# 短期借调 ---------------------------------------------------------------------------------------

def _secondment_form(request: Request, viewer: Viewer, values: dict, errors: dict, status_code: int = 200):
    from models.rotation.inputs import SecondmentInput

    _refuse_unless_requester(viewer, "申请短期借调")
    windows = requester_windows(viewer)
    with session_scope() as session:
        staff = session.exec(select(Staff).where(Staff.window_id.in_([w.id for w in windows]),
                                                 Staff.status == StaffStatus.active).order_by(Staff.id)).all()
    people = tuple((s.id, f"{s.name}（{s.id}，{s.window_id}）") for s in staff)
    fields = [replace(f, widget="select", options=people, label="借调人员") if f.name == "staff_id" else f
              for f in model_fields(SecondmentInput)]
    return page(request, "model_form.html", title="短期借调申请", status_code=status_code, values=values,
                errors=errors, fields=fields, action="/rotation/secondment", submit="提交借调申请",
                intro="窗口工作人员短期借调回原单位，须经中心同意（进出管理制度 四.2）；"
                      "窗口管理科审核后，借调期间该人员不在岗。")


@router.get("/rotation/secondment")
def secondment_page(request: Request, viewer: Viewer = Depends(require_viewer)):
    return _secondment_form(request, viewer, {}, {})


def second(values: dict, viewer: Viewer) -> str:
    from flows.rotation import request_secondment
    from models.rotation.inputs import SecondmentInput

    with session_scope() as session:
        staff = session.get(Staff, values.get("staff_id", ""))
        window_id = staff.window_id if staff else None
    _check_requester(viewer, window_id, "申请短期借调")
    data = {k: values[k] for k in ("staff_id", "start", "end", "reason") if values.get(k, "").strip()}
    return request_secondment(request=validated(SecondmentInput, data), actor=viewer.id)


@router.post("/rotation/secondment")
async def post_secondment(request: Request, viewer: Viewer = Depends(require_viewer)):
    values = await posted_text(request)
    ref, error = await attempt(second, values, viewer)
    if error:
        return await run_in_threadpool(_secondment_form, request, viewer, values, errors_by_field(error, SECONDMENT),
                                       400)
    flash(request, f"已登记借调申请 {ref}，待窗口管理科审核")
    return redirect(f"/cases/{ref}")


# 实习生进驻 -------------------------------------------------------------------------------------

def _intern_form(request: Request, viewer: Viewer, values: dict, errors: dict, status_code: int = 200):
    _refuse_unless_requester(viewer, "安排实习生进驻")
    windows = [(w.id, f"{w.id} {w.name}") for w in requester_windows(viewer)]
    return page(request, "rotation_intern.html", title="实习生进驻申请", status_code=status_code, values=values,
                errors=errors, windows=windows)


@router.get("/rotation/intern")
def intern_page(request: Request, viewer: Viewer = Depends(require_viewer)):
    return _intern_form(request, viewer, {"window_id": viewer.window_id or ""}, {})


def place_intern(values: dict, viewer: Viewer) -> str:
    from flows.rotation import request_intern
    from models.rotation.inputs import InternInput

    _check_requester(viewer, values.get("window_id") or None, "安排实习生进驻")
    person = {k: values[k].strip() for k in ("staff_id", "name", "phone") if values.get(k, "").strip()}
    data = {"window_id": values.get("window_id", ""), "reason": values.get("reason", ""),
            "person": {**person, "employment": "other", "intern": True},
            **{k: values[k] for k in ("start", "end") if values.get(k, "").strip()}}
    return request_intern(request=validated(InternInput, data), actor=viewer.id)


@router.post("/rotation/intern")
async def post_intern(request: Request, viewer: Viewer = Depends(require_viewer)):
    values = await posted_text(request)
    ref, error = await attempt(place_intern, values, viewer)
    if error:
        return await run_in_threadpool(_intern_form, request, viewer, values, errors_by_field(error, INTERN), 400)
    flash(request, f"已登记实习生进驻申请 {ref}，待窗口管理科审核")
    return redirect(f"/cases/{ref}")


# 窗口资质要求 -----------------------------------------------------------------------------------

def _requirements(request: Request, viewer: Viewer, values: dict, errors: dict, status_code: int = 200):
    from models.core.posting_requirements import required_qualification

    with session_scope() as session:
        windows = session.exec(select(Window).order_by(Window.id)).all()
        rows = [{"id": w.id, "name": w.name, "qualification": required_qualification(session=session, window_id=w.id)}
                for w in windows]
    return page(request, "rotation_requirements.html", title="窗口资质要求", status_code=status_code, rows=rows,
                windows=[(r["id"], f"{r['id']} {r['name']}") for r in rows], values=values, errors=errors,
                editable=viewer.is_management)


@router.get("/rotation/requirements")
def requirements_page(request: Request, viewer: Viewer = Depends(require_viewer)):
    return _requirements(request, viewer, {}, {})


def require(values: dict, viewer: Viewer) -> str:
    from models.core.errors import InvalidInput
    from models.core.posting_requirements import set_requirement
    from models.core.workitems import check_management

    qualification = values.get("qualification", "").strip()
    with session_scope() as session:
        check_management(session=session, actor_id=viewer.id, action="登记窗口资质要求")
        if len(qualification) > 200:
            raise InvalidInput(field="qualification", message="不能超过 200 个字符")
        set_requirement(session=session, window_id=values.get("window_id", ""), qualification=qualification,
                        actor=viewer.id)
    return qualification


@router.post("/rotation/requirements")
async def post_requirement(request: Request, viewer: Viewer = Depends(require_viewer)):
    values = await posted_text(request)
    qualification, error = await attempt(require, values, viewer)
    if error:
        return await run_in_threadpool(_requirements, request, viewer, values,
                                       errors_by_field(error, {**REQUIREMENT, "窗口编号": "window_id", "窗口": "window_id"}), 400)
    window = values.get("window_id")
    flash(request, f"已登记：窗口 {window} 进驻人员须具备「{qualification}」" if qualification
          else f"已取消窗口 {window} 的资质要求")
    return redirect("/rotation/requirements")


def secondment_details(session, case, viewer: Viewer) -> list[tuple[str, str]]:
    from deployments.web.core.case_details import staff_name
    from models.rotation.tables import Secondment

    record = session.get(Secondment, case.ref)
    return [("借调人员", staff_name(session, record.staff_id)), ("借调期间", f"{record.start} 至 {record.end}"),
            ("借调事由", record.reason)] if record else []


def intern_details(session, case, viewer: Viewer) -> list[tuple[str, str]]:
    from models.rotation.tables import InternPlacement

    from deployments.web.core.filled_in import filled_in
    from models.core.arrivals import ArrivalInput

    record = session.get(InternPlacement, case.ref)
    if record is None:
        return []
    # Every fact the report filed for the intern (the phone, e-mail, qualification, …), as the rotation's arrivals.
    person = filled_in(ArrivalInput, record.details, prefix="实习生 · ") if record.details else [
        ("实习生", f"{record.name}（{record.staff_id}）")]
    return [*person, ("窗口", record.window_id), ("实习期间", f"{record.start} 至 {record.end}"),
            ("说明", record.reason or "—")]


# Its entries in the desk's menu and on /new (collected by deployments/web/core/slices.py).
NAV = (NavEntry("短期借调申请", "/rotation/secondment", "新建", frozenset({Role.management, Role.department, Role.head})),
       NavEntry("实习生进驻申请", "/rotation/intern", "新建", frozenset({Role.management, Role.department, Role.head})),
       NavEntry("窗口资质要求", "/rotation/requirements", "管理", frozenset({Role.management})),)
OFFERS = (Offer("/rotation/secondment", "短期借调申请", "窗口工作人员短期借调回原单位，须经中心同意", may_request),
          Offer("/rotation/intern", "实习生进驻申请", "部门实习生报中心同意后进驻窗口", may_request),)
