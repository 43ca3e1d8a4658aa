"""请假申请 on the desk: the leave procedure's own application model and flow
(models.leave.inputs.LeaveApplication, flows.leave.apply_for_leave) — no rule is checked here; the
rules' errors come back and are shown next to the field they concern, all at once."""
from __future__ import annotations

import secrets

from fastapi import APIRouter, Depends, Request
from sqlmodel import select
from starlette.concurrency import run_in_threadpool

from deployments.web.core.auth import Viewer, require_viewer
from deployments.web.core.dates import check_dates
from deployments.web.core.decision_forms import model_fields
from deployments.web.core.errors import errors_by_field
from deployments.web.core.pages import flash, page, redirect
from deployments.web.core.uploads import saved_uploads, uploads_of
from deployments.web.core.nav import AT_A_WINDOW, NavEntry
from deployments.web.core.new import Offer
from models.core.db import session_scope
from models.core.errors import CenterError
from models.core.org import Role, Staff, StaffStatus
from models.leave.inputs import LeaveApplication

router = APIRouter()
WINDOW_ROLES = (Role.head, Role.staff, Role.intern)
# The application's fields (models.leave.inputs.LeaveApplication) as the form posts them; leave_form.html
# lays out these by hand, any other field is shown from the model (its title, description and type).
FIELDS = tuple(name for name in LeaveApplication.model_fields if name not in ("actor", "idempotency_key"))
LAID_OUT = ("staff_id", "kind", "start_day", "start_half", "end_day", "end_half", "reason", "substitute_id",
            "cover_name", "affects_window", "late_explanation", "proofs", "hospital_proofs")
TEXTS = ("reason", "cover_name", "late_explanation")  # left empty, the rules themselves say what is missing
# The names the leave rules give their errors → the input that shows them.
ALIASES = {**{f: f for f in FIELDS}, "请假人员": "staff_id", "开始时间": "start_day", "结束时间": "end_day",
           "请假时间": "start_day", "请假事由": "reason", "情况说明": "late_explanation",
           "替岗人员": "substitute_id", "顶岗人员": "cover_name", "证明材料": "proofs"}


def may_apply(viewer: Viewer) -> bool:
    return viewer.role in WINDOW_ROLES


def _choices(viewer: Viewer) -> dict:
    from models.leave.rules import HALF_LABELS, KIND_LABELS

    with session_scope() as session:
        window_staff = session.exec(select(Staff).where(Staff.window_id == viewer.window_id,
                                                        Staff.status == StaffStatus.active)
                                    .order_by(Staff.id)).all() if viewer.window_id else []
    people = [(s.id, f"{s.name}（{s.id}）") for s in window_staff]
    applicants = people if viewer.role == Role.head else [(viewer.id, f"{viewer.name}（{viewer.id}）")]
    return {"kinds": [(k.value, label) for k, label in KIND_LABELS.items()],
            "halves": [(h.value, label) for h, label in HALF_LABELS.items()],
            "applicants": applicants, "substitutes": people}


def _form(request: Request, viewer: Viewer, *, values: dict, errors: dict, status_code: int = 200):
    return page(request, "leave_form.html", title="请假申请", status_code=status_code, values=values, errors=errors,
                more_fields=model_fields(LeaveApplication, leave_out=(*LAID_OUT, "actor", "idempotency_key")),
                **_choices(viewer))


@router.get("/new/leave")
def new_leave(request: Request, viewer: Viewer = Depends(require_viewer)):
    values = {"staff_id": viewer.id, "kind": "sick", "start_half": "am", "end_half": "pm",
              "submission": secrets.token_urlsafe(16)}
    return _form(request, viewer, values=values, errors={})


def submit(values: dict, files: dict[str, list[str]], actor: str) -> dict:
    from flows.core.steps import run_step
    from flows.leave import LEAVE_APPLICATION
    from models.core.errors import validated

    check_dates(values, "start_day", "end_day")
    data = {k: v for k, v in values.items() if k in FIELDS and (v != "" or k in TEXTS)}
    data.update(affects_window=values.get("affects_window") == "true", actor=actor,
                idempotency_key=f"web:{values.get('submission', '')}" if values.get("submission") else None, **files)
    return run_step(LEAVE_APPLICATION, application=validated(LeaveApplication, data))


@router.post("/new/leave")
async def post_leave(request: Request, viewer: Viewer = Depends(require_viewer)):
    form = await request.form()
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    try:
        with saved_uploads({f: uploads_of(form, f) for f in ("proofs", "hospital_proofs")}) as files:
            result = await run_in_threadpool(submit, values, files, viewer.id)
    except CenterError as error:
        return await run_in_threadpool(_form, request, viewer, values=values, status_code=400,
                                       errors=errors_by_field(error, ALIASES))
    flash(request, f"请假申请 {result['case_ref']} 已提交")
    return redirect(f"/cases/{result['case_ref']}")


# Its entries in the desk's menu and on /new (collected by deployments/web/core/slices.py).
NAV = (NavEntry("请假申请", "/new/leave", "新建", AT_A_WINDOW),)
OFFERS = (Offer("/new/leave", "请假申请", "病假、事假、公休等，半天起；一天以上送窗口负责人签字、窗口管理科审核", may_apply),)
