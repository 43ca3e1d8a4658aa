"""退回 on the desk: the management section opens a staff return with its grounds and evidence (linked
cases, a note, uploaded files) through the procedure's own flow (flows.staff_return.open_staff_return_flow,
which checks who may and every rule: 进出管理制度 三). The later steps — the section's decision, the
department's nomination of a replacement and its accountability report — are the case's work items,
decided on the case page with their own forms (models.staff_return.inputs)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from sqlmodel import Session, select
from starlette.concurrency import run_in_threadpool

from deployments.web.core.auth import Viewer, require_viewer
from deployments.web.core.errors import errors_by_field
from deployments.web.core.pages import flash, page, redirect
from deployments.web.core.uploads import saved_uploads, uploads_of
from deployments.web.core.nav import NavEntry
from deployments.web.core.new import Offer
from models.core.cases import Case
from models.core.db import session_scope
from models.core.errors import CenterError, PermissionDenied
from models.core.org import Role, Staff, StaffStatus

router = APIRouter()
ALIASES = {"staff_id": "staff_id", "grounds": "grounds", "cases": "cases", "notes": "notes", "evidence": "notes",
           "files": "files", "退回人员工号": "staff_id", "退回情形": "grounds", "关联案件": "cases", "情况说明": "notes",
           "证据材料": "files"}


def may_open(viewer: Viewer) -> bool:
    """进出管理制度 三: the center (its management section) returns a person (tasks.staff_return.entry checks it)."""
    return viewer.is_management


def _form(request: Request, viewer: Viewer, values: dict, grounds: list[str], errors: dict, status_code: int = 200):
    from models.staff_return.rules import GROUND_LABELS

    if not may_open(viewer):
        raise PermissionDenied(actor=viewer.id, action="提出退回", reason="只有窗口管理科可以办理")
    with session_scope() as session:
        staff = session.exec(select(Staff).where(Staff.window_id.is_not(None), Staff.status == StaffStatus.active,
                                                 Staff.role.in_([Role.head, Role.staff]))
                             .order_by(Staff.window_id, Staff.id)).all()
    return page(request, "return_form.html", title="提出退回", status_code=status_code, values=values,
                chosen=grounds, errors=errors, people=[(s.id, f"{s.name}（{s.id}，{s.window_id}）") for s in staff],
                grounds=[(g.value, label) for g, label in GROUND_LABELS.items()])


@router.get("/new/return")
def new_return(request: Request, viewer: Viewer = Depends(require_viewer)):
    return _form(request, viewer, {}, [], {})


def submit(values: dict, grounds: list[str], files: list[str], actor: str) -> dict:
    from deployments.cli.leave.parse import build
    from flows.staff_return import open_staff_return_flow
    from models.staff_return.inputs import ReturnRequest

    cases = [c.strip() for c in values.get("cases", "").replace("，", ",").replace("\n", ",").split(",") if c.strip()]
    request = build(ReturnRequest, staff_id=values.get("staff_id", ""), grounds=grounds, cases=cases,
                    notes=values.get("notes", ""), files=files)
    return open_staff_return_flow(request=request, actor=actor)


@router.post("/new/return")
async def post_return(request: Request, viewer: Viewer = Depends(require_viewer)):
    form = await request.form()
    values = {k: v for k, v in form.items() if isinstance(v, str) and k != "grounds"}
    grounds = [g for g in form.getlist("grounds") if isinstance(g, str)]
    if not may_open(viewer):
        raise PermissionDenied(actor=viewer.id, action="提出退回", reason="只有窗口管理科可以办理")
    try:
        with saved_uploads({"files": uploads_of(form, "files")}) as files:
            result = await run_in_threadpool(submit, values, grounds, files.get("files", []), viewer.id)
    except PermissionDenied:
        raise
    except CenterError as error:
        return await run_in_threadpool(_form, request, viewer, values, grounds, errors_by_field(error, ALIASES), 400)
    ref = result["case_ref"]
    flash(request, f"已提出退回 {ref}，待窗口管理科决定" if result["created"] else f"此退回已提出过：{ref}，未重复登记")
    return redirect(f"/cases/{ref}")


def return_details(session: Session, case: Case, viewer: Viewer) -> list[tuple[str, str]]:
    from models.staff_return.rules import EVIDENCE_LABELS, GROUND_LABELS
    from models.staff_return.store import evidence_of
    from models.staff_return.tables import StaffReturn

    record = session.get(StaffReturn, case.ref)
    if record is None:
        return []
    rows = [("退回人员", f"{record.staff_name}（{record.staff_id}，{record.window_id}）")]
    rows += [("退回情形", GROUND_LABELS[g]) for g in record.grounds]
    rows += [(EVIDENCE_LABELS.get(e.kind, e.kind), " ".join(x for x in (e.reference if e.kind != "document" else "",
                                                                       e.summary) if x))
             for e in evidence_of(session=session, case_ref=case.ref)]
    if record.letter_no:
        rows.append(("退回函", f"{record.letter_no}，{record.effective_date} 起退回" + ("（已生效）" if record.applied_at else "")))
    if record.replacement:  # the whole 人员登记表 is the nomination's decision, shown with its step
        rows.append(("新派驻人员", f"{record.replacement['name']}（{record.replacement['staff_id']}），{record.arrival_date} 到岗"))
    if record.accountability:
        rows.append(("问责处理", record.accountability))
    return rows


# Its entries in the desk's menu and on /new (collected by deployments/web/core/slices.py).
NAV = (NavEntry("提出退回", "/new/return", "新建", frozenset({Role.management})),)
OFFERS = (Offer("/new/return", "提出退回", "窗口工作人员退回原单位：写明情形，附证据，交窗口管理科决定", may_open),)
