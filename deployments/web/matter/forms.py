"""事项进驻、变更、取消、退出申请 on the desk: the department's contact fills in the request and its
service guide (办事指南, 事项进驻、退出、调整规定 4); the matter procedure's own model and flow
(models.matter.inputs.parse_request, flows.matter.matter_onboarding) check and screen it."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from sqlmodel import select
from starlette.concurrency import run_in_threadpool

from deployments.web.core.auth import Viewer, require_viewer
from deployments.web.core.errors import attempt, errors_by_field
from deployments.web.core.pages import flash, page, redirect
from deployments.web.core.nav import NavEntry
from deployments.web.core.new import Offer
from models.core.cases import AuditEvent, Case, WorkItem, WorkItemStatus
from models.core.db import session_scope
from models.core.errors import PermissionDenied
from models.core.org import Role, Window
from models.core.procedures import RESUBMIT, SEND_BACK

router = APIRouter()
MATERIALS = 4  # rows for 申报材料
TOP = {"request": "申请类型", "code": "事项编码", "reason": "申请理由", "name": "事项名称", "window": "进驻窗口编号",
       "kind": "办件类型", "scope": "窗口授权范围"}
GUIDE = {"subject": "办理主体", "basis": "办理依据", "conditions": "办理条件", "steps": "办理程序",
         "supervision": "监督渠道", "approval_authority": "窗口审批权限"}
LIMITS = {"statutory_days": "法定时限（工作日）", "promised_days": "承诺时限（工作日）"}
FEES = {"standard": "收费项目及标准", "basis": "收费依据"}
MATERIAL = {"name": "材料名称", "form": "规格/样式", "copies": "份数", "original": "原件/复印件"}
# The fields errors name (the request's attribute path; the matter checks' Chinese names) → the input.
ALIASES = {**{name: name for name in TOP}, **{label: name for name, label in TOP.items()},
           **{f"guide.{name}": f"guide-{name}" for name in GUIDE},
           **{f"guide.time_limit.{name}": f"limit-{name}" for name in LIMITS},
           "办理时限.承诺时限": "limit-promised_days", "办理时限.法定时限": "limit-statutory_days",
           **{f"guide.fees.{name}": f"fees-{name}" for name in FEES},
           **{f"guide.materials.{i}.{name}": f"material-{i}-{name}" for i in range(MATERIALS) for name in MATERIAL}}


# The guide's gaps (models.matter.rules.guide_gaps: "办理主体：未填写") → the input they are marked at.
GAP_INPUTS = {**{label: f"guide-{name}" for name, label in GUIDE.items()}, "申报材料": "material-0-name",
              "办理时限": "limit-statutory_days", "收费标准": "fees-standard", "窗口授权范围": "scope"}


def may_request(viewer: Viewer) -> bool:
    return viewer.role == Role.department


def form_values(form: dict) -> tuple[dict, list[str]]:
    """A filed request as the form's inputs (the inverse of request_data), and its scope."""
    guide = form.get("guide") or {}
    values = {name: str(form[name]) for name in TOP if form.get(name) not in (None, "", [])}
    values.update({f"guide-{n}": guide[n] for n in GUIDE if guide.get(n)})
    values.update({f"limit-{n}": str(v) for n, v in (guide.get("time_limit") or {}).items() if v is not None})
    fees = guide.get("fees") or {}
    values.update({f"fees-{n}": fees[n] for n in FEES if fees.get(n)})
    if fees.get("charged"):
        values["fees-charged"] = "true"
    for i, material in enumerate((guide.get("materials") or [])[:MATERIALS]):
        values.update({f"material-{i}-{n}": str(v) for n, v in material.items() if v not in (None, "")})
    return values, list(form.get("scope") or [])


def gap_errors(gaps: list[str]) -> dict[str, list[str]]:
    """Each gap of the 一次性告知书 at its input (一次性告知制度 2); one no input shows goes above the form."""
    marked: dict[str, list[str]] = {}
    for gap in gaps:
        field, _, message = gap.partition("：")
        if field.startswith("申报材料第"):
            number = int(field.removeprefix("申报材料第").split("项")[0])
            name = f"material-{number - 1}-{'form' if '规格' in message else 'name'}"
        elif field == "办理时限" and "承诺" in message:
            name = "limit-promised_days"
        else:
            name = GAP_INPUTS.get(field, "")
        marked.setdefault(name, []).append(message if name else gap)
    return marked


def sent_back_item(session, ref: str, viewer: Viewer) -> WorkItem | None:
    """The open 修改后重新提交 item of request `ref` waiting for this viewer (退回修改), if any."""
    return session.exec(select(WorkItem).where(WorkItem.case_ref == ref, WorkItem.step == RESUBMIT,
                                               WorkItem.status == WorkItemStatus.open,
                                               WorkItem.assignee_staff_id == viewer.id)).first()


def _send_back_reason(session, ref: str, item: WorkItem) -> str:
    event = session.exec(select(AuditEvent).where(AuditEvent.case_ref == ref, AuditEvent.action == SEND_BACK)
                         .order_by(AuditEvent.id.desc())).first()
    return (event.details or {}).get("reason", "") if event else ""


def resubmission(viewer: Viewer, ref: str) -> tuple[dict, list[str], dict]:
    """The values, scope and gaps (at their inputs) of the department's own incomplete request `ref` —
    or of its request sent back for correction (退回修改), the reason above the form and `from` kept."""
    from models.matter.machine import INCOMPLETE
    from models.matter.tables import MatterRequest

    with session_scope() as session:
        case, filed = session.get(Case, ref), session.get(MatterRequest, ref)
        own = case is not None and filed is not None and filed.department_id == viewer.department_id
        item = sent_back_item(session, ref, viewer) if own else None
        if item is not None:
            values, scope = form_values(filed.form)
            return {**values, "from": ref}, scope, {"": [f"退回原因：{_send_back_reason(session, ref, item)}"]}
        if not own or case.status != INCOMPLETE:
            raise PermissionDenied(actor=viewer.id, action=f"修改后重新提交 {ref}", reason="只能重新提交本部门材料不全或被退回修改的事项申请")
        values, scope = form_values(filed.form)
        return values, scope, gap_errors(filed.gaps)


def resubmit_action(session, case, viewer: Viewer) -> list[tuple[str, str]]:
    """The case page of an incomplete request offers its department 修改后重新提交 (一次性告知制度 2)."""
    from models.matter.machine import INCOMPLETE
    from models.matter.tables import MatterRequest

    filed = session.get(MatterRequest, case.ref)
    if case.status == INCOMPLETE and filed is not None and may_request(viewer) \
            and filed.department_id == viewer.department_id:
        return [(f"/new/matter?from={case.ref}", "修改后重新提交")]
    return []


def _choices(viewer: Viewer) -> dict:
    from models.matter.inputs import KIND_LABELS, ORIGINAL_LABELS, REQUEST_LABELS, SCOPES

    with session_scope() as session:
        windows = session.exec(select(Window).where(Window.department_id == viewer.department_id)
                               .order_by(Window.id)).all()
    return {"requests": [(k.value, v) for k, v in REQUEST_LABELS.items()],
            "kinds": [(k.value, v) for k, v in KIND_LABELS.items()],
            "originals": [(k.value, v) for k, v in ORIGINAL_LABELS.items()], "scopes": SCOPES,
            "windows": [(w.id, w.name) for w in windows], "rows": list(range(MATERIALS)),
            "guide_fields": list(GUIDE.items())}


def _form(request: Request, viewer: Viewer, values: dict, scope: list[str], errors: dict, status_code: int = 200):
    return page(request, "matter_form.html", title="事项申请", status_code=status_code, values=values,
                scope=scope, errors=errors, **_choices(viewer))


@router.get("/new/matter")
def new_matter(request: Request, viewer: Viewer = Depends(require_viewer)):
    if not may_request(viewer):
        raise PermissionDenied(actor=viewer.id, action="提出事项申请", reason="只有派驻部门可以提出")
    if ref := request.query_params.get("from", ""):
        return _form(request, viewer, *resubmission(viewer, ref))
    return _form(request, viewer, {"request": "change", "kind": "promised"}, [], {})


@router.get("/cases/{ref}/resubmission")
def resubmission_page(ref: str, request: Request, viewer: Viewer = Depends(require_viewer)):
    """退回修改: the request sent back to its department, on the request's own form, prefilled (the case
    page's 修改后重新提交 step page); it posts to /new/matter with the case kept in `from`."""
    if not may_request(viewer):
        raise PermissionDenied(actor=viewer.id, action=f"修改后重新提交 {ref}", reason="只有派驻部门可以修改事项申请")
    return _form(request, viewer, *resubmission(viewer, ref))


def request_data(values: dict, scope: list[str], department: str) -> dict:
    """The posted form as the matter request model reads it; empty parts are left out."""
    def pick(names, prefix: str) -> dict:
        return {n: values[f"{prefix}{n}"] for n in names if values.get(f"{prefix}{n}")}

    materials = [pick(MATERIAL, f"material-{i}-") for i in range(MATERIALS) if values.get(f"material-{i}-name")]
    guide = {**pick(GUIDE, "guide-"), "materials": materials}
    if limits := pick(LIMITS, "limit-"):
        guide["time_limit"] = limits
    if values.get("fees-charged") == "true" or pick(FEES, "fees-"):
        guide["fees"] = {"charged": values.get("fees-charged") == "true", **pick(FEES, "fees-")}
    return {**pick(TOP, ""), "department": department, "scope": scope, "guide": guide}


def submit(values: dict, scope: list[str], viewer: Viewer) -> dict:
    from flows.matter import matter_onboarding
    from models.matter.inputs import parse_request

    form = parse_request(request_data(values, scope, viewer.department_id or ""))
    if ref := values.get("from", ""):
        return resubmit_sent_back(ref, form, viewer)
    return matter_onboarding(request=form, actor=viewer.id)


def resubmit_sent_back(ref: str, form, viewer: Viewer) -> dict:
    """退回修改: the corrected request kept in place of the one filed (models.matter.store.amend_sent_back),
    then its 修改后重新提交 item done through the clerk's step; the step that sent it back opens again."""
    from flows.core.steps import DECIDE, run_step
    from models.matter.store import amend_sent_back

    with session_scope() as session:
        item = sent_back_item(session, ref, viewer)
        if item is None:
            raise PermissionDenied(actor=viewer.id, action=f"修改后重新提交 {ref}", reason="此事项申请没有退回给您修改的待办")
        amend_sent_back(session=session, ref=ref, form=form, actor_id=viewer.id)
        item_id = item.id
    status = run_step(DECIDE, item_id=item_id, actor=viewer.id,
                      decision={"comment": "已按退回原因修改申请和办事指南"})
    return {"case_ref": ref, "status": status, "created": False, "resubmitted": True}


@router.post("/new/matter")
async def post_matter(request: Request, viewer: Viewer = Depends(require_viewer)):
    if not may_request(viewer):
        raise PermissionDenied(actor=viewer.id, action="提出事项申请", reason="只有派驻部门可以提出")
    form = await request.form()
    values = {k: v for k, v in form.items() if isinstance(v, str) and k != "scope"}
    scope = [v for v in form.getlist("scope") if isinstance(v, str)]
    result, error = await attempt(submit, values, scope, viewer)
    if error:
        return await run_in_threadpool(_form, request, viewer, values, scope, errors_by_field(error, ALIASES), 400)
    flash(request, f"事项申请 {result['case_ref']} 已{'修改后重新提交' if result.get('resubmitted') else '提交'}")
    return redirect(f"/cases/{result['case_ref']}")


# Its entries in the desk's menu and on /new (collected by deployments/web/core/slices.py).
NAV = (NavEntry("事项申请", "/new/matter", "新建", frozenset({Role.department})),)
OFFERS = (Offer("/new/matter", "事项进驻、变更、取消、退出", "派驻部门提出，附办事指南；经区政务服务办转窗口管理科审批", may_request),)
