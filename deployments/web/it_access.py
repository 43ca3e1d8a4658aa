"""IT设备 on the desk (IT设备使用管理规定 二): a window head's written request, recorded violations and the
registered configurations — through the procedure's own models and flows (models.it_access.store,
flows.it_access.submit_it_request / record_it_violation), the same path as `center it request|violation|configs`.
The IT section's decision with IP/gateway/mask and the management section's review are the case
page's decision forms (`center it decide`, `center it review`: the forms it_access_decision and approve)."""
from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Request
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from deployments.web.core.auth import Viewer, require_viewer
from deployments.web.core.case_details import staff_name
from deployments.web.core.errors import attempt, errors_by_field
from deployments.web.core.oversight_common import form_values, own_window, window_staff, windows
from deployments.web.core.pages import flash, page, redirect
from deployments.web.core.pager import page_request, pager
from deployments.web.core.nav import NavEntry
from deployments.web.core.new import Offer
from models.core.cases import Case
from models.core.clock import local_now
from models.core.db import session_scope
from models.core.errors import InvalidInput, PermissionDenied
from models.core.paging import page_of
from models.core.org import Role, Window
from models.it_access.rules import REQUEST_LABELS, VIOLATION_LABELS

router = APIRouter()
PAGE_SIZE = 50
REQUEST = {**{f: f for f in ("window_id", "kind", "device", "purpose")}, "窗口": "window_id"}
VIOLATION = {**{f: f for f in ("window_id", "staff_id", "kind", "serious", "observed_on", "description")},
             "窗口": "window_id", "责任人": "staff_id", "发现日期": "observed_on"}


def may_request(viewer: Viewer) -> bool:
    """二(一)1, 二(二)1: the window applies in writing — its head (tasks.it_access.steps.submit_request)."""
    return viewer.role == Role.head and viewer.window_id is not None


def may_record_violation(viewer: Viewer) -> bool:
    """The IT section or the management section records (tasks.it_access.violation.record_violation)."""
    return viewer.role in (Role.it_section, Role.management)


def _request_form(request: Request, viewer: Viewer, values: dict, errors: dict, status_code: int = 200):
    own = [(w, label) for w, label in windows() if w == viewer.window_id]
    return page(request, "it_request.html", title="IT设备接入与权限申请", status_code=status_code, values=values,
                errors=errors, windows=own, kinds=[(k.value, label) for k, label in REQUEST_LABELS.items()])


@router.get("/it/request")
def new_request(request: Request, viewer: Viewer = Depends(require_viewer)):
    if not may_request(viewer):
        raise PermissionDenied(actor=viewer.id, action="提交IT设备申请", reason="只有窗口负责人可以代表窗口申请")
    return _request_form(request, viewer, {"window_id": viewer.window_id, "kind": "connect"}, {})


def submit(values: dict, viewer: Viewer) -> str:
    from flows.it_access import submit_it_request
    from models.core.errors import validated
    from models.it_access.inputs import ItRequestInput

    if not may_request(viewer):
        raise PermissionDenied(actor=viewer.id, action="提交IT设备申请", reason="只有窗口负责人可以代表窗口申请")
    request = validated(ItRequestInput, {k: values.get(k, "") for k in ("window_id", "kind", "device", "purpose")})
    return submit_it_request(request=request, actor=viewer.id)["case_ref"]


@router.post("/it/request")
async def post_request(request: Request, viewer: Viewer = Depends(require_viewer)):
    values = await form_values(request)
    ref, error = await attempt(submit, values, viewer)
    if error:
        return await run_in_threadpool(_request_form, request, viewer, values, errors_by_field(error, REQUEST), 400)
    flash(request, f"已提交 {ref}，待信息技术科审批")
    return redirect(f"/cases/{ref}")


def _violation_form(request: Request, values: dict, errors: dict, status_code: int = 200):
    return page(request, "it_violation.html", title="登记IT设备违规", status_code=status_code, values=values,
                errors=errors, windows=windows(), staff=window_staff(),
                kinds=[(k.value, label) for k, label in VIOLATION_LABELS.items()])


@router.get("/it/violation")
def new_violation(request: Request, viewer: Viewer = Depends(require_viewer)):
    if not may_record_violation(viewer):
        raise PermissionDenied(actor=viewer.id, action="登记IT设备违规", reason="只有信息技术科或窗口管理科可以登记")
    return _violation_form(request, {"observed_on": f"{local_now():%Y-%m-%d}"}, {})


def record(values: dict, viewer: Viewer) -> str:
    from flows.it_access import record_it_violation
    from models.core.errors import validated
    from models.it_access.inputs import ItViolationInput

    if not may_record_violation(viewer):
        raise PermissionDenied(actor=viewer.id, action="登记IT设备违规", reason="只有信息技术科或窗口管理科可以登记")
    try:
        observed = date.fromisoformat(values["observed_on"]) if values.get("observed_on") else local_now().date()
    except ValueError:
        raise InvalidInput(field="observed_on", message=f"「{values['observed_on']}」不是有效日期，应为 YYYY-MM-DD") from None
    violation = validated(ItViolationInput, {
        "window_id": values.get("window_id", ""), "staff_id": values.get("staff_id") or None,
        "kind": values.get("kind", ""), "serious": values.get("serious") == "true", "observed_on": observed,
        "description": values.get("description", "")})
    return record_it_violation(violation=violation, actor=viewer.id)["case_ref"]


@router.post("/it/violation")
async def post_violation(request: Request, viewer: Viewer = Depends(require_viewer)):
    values = await form_values(request)
    ref, error = await attempt(record, values, viewer)
    if error:
        return await run_in_threadpool(_violation_form, request, values, errors_by_field(error, VIOLATION), 400)
    flash(request, f"已登记 {ref}，待窗口管理科审核扣分")
    return redirect(f"/cases/{ref}")


@router.get("/it/configs")
def configs(request: Request, window: str | None = None, viewer: Viewer = Depends(require_viewer)):
    """登记备案的允许配置: the center's sections read every window's, a window its own."""
    from models.it_access.store import configs_query

    own = own_window(viewer)
    asked = page_request(request, size=PAGE_SIZE)
    with session_scope() as session:
        shown = page_of(session, configs_query(own or window or None), number=asked.number, size=asked.size)
    return page(request, "it_configs.html", title="登记备案的IT设备配置", rows=shown.items, pager=pager(request, shown),
                window=own or window or "",
                windows=windows(), whole=own is None, may_request=may_request(viewer),
                may_record=may_record_violation(viewer))


def request_details(session: Session, case: Case, viewer: Viewer) -> list[tuple[str, str]]:
    from models.it_access.tables import AllowedConfig, ItRequest
    from sqlmodel import select

    request = session.get(ItRequest, case.ref)
    if request is None:
        return []
    window = session.get(Window, request.window_id)
    rows = [("窗口", window.name if window else request.window_id), ("申请事项", REQUEST_LABELS[request.kind]),
            ("设备", request.device), ("业务需要", request.purpose)]
    config = session.exec(select(AllowedConfig).where(AllowedConfig.case_ref == case.ref)).first()
    if config is not None:
        rows.append(("登记备案的配置", f"IP {config.ip_address or '—'}，网关 {config.gateway or '—'}，"
                                   f"掩码 {config.netmask or '—'}（{staff_name(session, config.registered_by)} "
                                   f"{config.registered_at:%Y-%m-%d}，不得自行更改）"))
    return rows


def violation_details(session: Session, case: Case, viewer: Viewer) -> list[tuple[str, str]]:
    from models.it_access.tables import ItViolation

    violation = session.get(ItViolation, case.ref)
    if violation is None:
        return []
    window = session.get(Window, violation.window_id)
    return [("窗口", window.name if window else violation.window_id),
            ("责任人", staff_name(session, violation.staff_id) if violation.staff_id else "（由窗口承担）"),
            ("违规类别", VIOLATION_LABELS[violation.kind]), ("情节严重", "是" if violation.serious else "否"),
            ("发现日期", f"{violation.observed_on}"), ("情况", violation.description)]


# Its entries in the desk's menu and on /new (collected by deployments/web/core/slices.py).
NAV = (NavEntry("IT设备申请", "/it/request", "新建", frozenset({Role.head})),
       NavEntry("登记IT违规", "/it/violation", "新建", frozenset({Role.it_section, Role.management})),)
OFFERS = (Offer("/it/request", "IT设备接入与权限申请", "建立业务专网、接入电子政务网络、变更设备设置，报信息技术科审批", may_request),
          Offer("/it/violation", "登记IT设备违规", "登记后由窗口管理科审核扣分", may_record_violation),)
