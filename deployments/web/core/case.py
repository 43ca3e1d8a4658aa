"""A case page (status, steps, history, documents, messages) and deciding a step from it —
through `flows.core.decide.decide`, the same path as `center decide`."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool

from deployments.web.core.access import viewable_case
from deployments.web.core.auth import Viewer, require_viewer
from deployments.web.core.case_actions import may_withdraw, urgeable
from deployments.web.core.case_details import step_page
from deployments.web.core.case_view import case_view
from deployments.web.core.dates import check_dates
from deployments.web.core.decision_forms import decision_from, fields_of
from deployments.web.core.errors import errors_by_field, posted_text
from deployments.web.core.guard import RowId
from deployments.web.core.pages import flash, page, redirect
from models.core.cases import WorkItemStatus, get_case
from models.core.db import session_scope
from models.core.errors import CenterError, Conflict, InvalidInput, InvalidTransition, PermissionDenied
from models.core.forms import validate_decision
from models.procedures import get_procedure
from models.core.workitems import check_may_act, get_work_item

router = APIRouter()
# Refusals that concern the decision as a whole, not one of its fields: an error page.
WHOLE = (PermissionDenied, Conflict, InvalidTransition)


async def case_page_again(request: Request, viewer: Viewer, item_id: int, errors: dict, posted: dict,
                          *, send_back: bool = False):
    """The case page again (400) with the item's form (or its 退回修改 form) marked where it failed."""
    ref, _ = await run_in_threadpool(item_form, item_id)
    key = f"send_back:{item_id}" if send_back else item_id
    return await run_in_threadpool(_case_page, request, viewer, ref, status_code=400, errors={key: errors},
                                   posted={key: posted})


def _case_page(request: Request, viewer: Viewer, ref: str, *, status_code: int = 200, **extra):
    with session_scope() as session:
        case = viewable_case(session=session, ref=ref, actor=viewer.actor)
        view = case_view(session=session, case=case, viewer=viewer, **extra)
        view["withdraw"] = may_withdraw(session, case, viewer, view["actions"])
        view["urge"] = urgeable(case, view["items"], viewer)
    return page(request, "case.html", title=f"{view['procedure']} {ref}", status_code=status_code, **view)


@router.get("/cases/{ref}")
def show_case(ref: str, request: Request, viewer: Viewer = Depends(require_viewer)):
    return _case_page(request, viewer, ref)


def checked_decision(*, item_id: int, viewer: Viewer, posted: dict) -> tuple[str, dict]:
    """The decision as the item's form expects it, checked before any flow runs: the viewer may
    act, the item is open, the form is valid. Nothing is written here."""
    with session_scope() as session:
        item = get_work_item(session=session, item_id=item_id)
        viewable_case(session=session, ref=item.case_ref, actor=viewer.actor)
        check_may_act(session=session, item=item, actor_id=viewer.id)
        if item.status != WorkItemStatus.open:
            raise Conflict(f"待办 {item_id} 已由他人办理或已取消")
        page_of_step = step_page(get_case(session=session, ref=item.case_ref).kind, item.step)
        if page_of_step:
            raise InvalidInput(field="表单", message=f"此待办请在「{page_of_step[1]}」页面办理")
        fields = fields_of(item.form)
        if fields is None:
            raise InvalidInput(field="表单", message=f"此待办的表单（{item.form}）请用命令行 center decide 办理")
        check_dates(posted, *(f.name for f in fields if f.widget in ("date", "datetime") and f.in_calendar))
        decision = decision_from(fields, posted)
        validate_decision(item.form, decision)
        return item.case_ref, decision


def decide(*, item_id: int, viewer: Viewer, decision: dict) -> str:
    from flows.core.steps import DECIDE, run_step

    status = run_step(DECIDE, item_id=item_id, actor=viewer.id, decision=decision)
    with session_scope() as session:
        item = get_work_item(session=session, item_id=item_id)
        kind = get_case(session=session, ref=item.case_ref).kind
    return get_procedure(kind).status_label(status)


@router.post("/items/{item_id}/decide")
async def decide_item(item_id: RowId, request: Request, viewer: Viewer = Depends(require_viewer)):
    posted = await posted_text(request)
    try:
        ref, decision = await run_in_threadpool(checked_decision, item_id=item_id, viewer=viewer, posted=posted)
        status = await run_in_threadpool(decide, item_id=item_id, viewer=viewer, decision=decision)
    except WHOLE:
        raise
    except CenterError as error:
        ref, fields = await run_in_threadpool(item_form, item_id)
        errors = errors_by_field(error, {f.name: f.name for f in fields} | {"decision": ""})
        return await run_in_threadpool(_case_page, request, viewer, ref, status_code=400,
                                       errors={item_id: errors}, posted={item_id: posted})
    flash(request, f"待办已办理，案件状态：{status}")
    return redirect(f"/cases/{ref}")


def item_form(item_id: int) -> tuple[str, list]:
    with session_scope() as session:
        item = get_work_item(session=session, item_id=item_id)
        return item.case_ref, fields_of(item.form) or []
