"""A training session's steps on the desk, for its organising section (or the management section):
leave asked in advance (学习培训制度 三.2: 事先向组织学习培训的科室请假), the roll call with tick boxes
(三.1 点名制; decided as `center training roll-call` does), and cancelling — through tasks.training and
the session's work item, which check who may act."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool

from deployments.web.core.access import viewable_case
from deployments.web.core.auth import Viewer, require_viewer
from deployments.web.core.errors import attempt, errors_by_field
from deployments.web.core.oversight_common import form_time, form_values, input_time
from deployments.web.core.pages import flash, page, redirect
from models.core.clock import local_now
from models.core.db import session_scope
from models.core.errors import InvalidInput, PermissionDenied
from models.core.org import Staff, Window
from models.training.machine import TRAINING
from models.training.rules import ATTENDANCE_LABELS, may_organise

router = APIRouter()
EXCUSE = {"staff_id": "staff_id", "工号": "staff_id", "reason": "reason", "requested_at": "requested_at",
          "请假时间": "requested_at"}


def _organised(viewer: Viewer, ref: str, action: str):
    """The session, for its organising section (or the management section) only."""
    from models.training.store import get_training

    with session_scope() as session:
        case = viewable_case(session=session, ref=ref, actor=viewer.actor)
        _, training = get_training(session=session, ref=ref)
    allowed, reason = may_organise(viewer.role, training.organiser)
    if not allowed:
        raise PermissionDenied(actor=viewer.id, action=action, reason=reason)
    return case, training


def _people(ref: str) -> list[dict]:
    from models.training.store import attendees

    with session_scope() as session:
        return [{"a": a, "name": session.get(Staff, a.staff_id).name,
                 "window": (session.get(Window, a.window_id).name if a.window_id else "—"),
                 "state": ATTENDANCE_LABELS[a.attendance] if a.attendance else ("已请假" if a.excused_at else "待点名")}
                for a in attendees(session=session, case_ref=ref)]


def _step(request: Request, viewer: Viewer, ref: str, name: str, action: str, values: dict, errors: dict,
          status_code: int = 200):
    case, training = _organised(viewer, ref, action)
    return page(request, name, title=action, status_code=status_code, case=case, training=training,
                people=_people(ref), values=values, errors=errors)


@router.get("/trainings/{ref}/excuse")
def excuse_page(ref: str, request: Request, viewer: Viewer = Depends(require_viewer)):
    return _step(request, viewer, ref, "training_excuse.html", "登记请假", {"requested_at": input_time(local_now())}, {})


def excuse(ref: str, values: dict, viewer: Viewer) -> None:
    from tasks.training import excuse_attendee

    _organised(viewer, ref, "登记学习培训请假")
    reason = values.get("reason", "").strip()
    if not reason:
        raise InvalidInput(field="reason", message="必填：请假原因")
    excuse_attendee(case_ref=ref, staff_id=values.get("staff_id", ""), reason=reason,
                    requested_at=form_time(values.get("requested_at", ""), "requested_at"), actor=viewer.id)


@router.post("/trainings/{ref}/excuse")
async def post_excuse(ref: str, request: Request, viewer: Viewer = Depends(require_viewer)):
    values = await form_values(request)
    _, error = await attempt(excuse, ref, values, viewer)
    if error:
        return await run_in_threadpool(_step, request, viewer, ref, "training_excuse.html", "登记请假", values,
                                       errors_by_field(error, EXCUSE), 400)
    flash(request, f"{ref}：已登记 {values.get('staff_id')} 请假")
    return redirect(f"/cases/{ref}")


def _roll_call_item(viewer: Viewer, ref: str):
    """The open roll call, for whoever may act on it (the organising section)."""
    from models.core.workitems import check_may_act, open_item

    with session_scope() as session:
        viewable_case(session=session, ref=ref, actor=viewer.actor)
        item = open_item(session=session, case_ref=ref, step="roll_call")
        if item is None:
            raise InvalidInput(field="编号", message=f"{ref} 没有待点名的培训（已点名或已取消）")
        check_may_act(session=session, item=item, actor_id=viewer.id)


@router.get("/trainings/{ref}/roll-call")
def roll_call_page(ref: str, request: Request, viewer: Viewer = Depends(require_viewer)):
    _roll_call_item(viewer, ref)
    return _step(request, viewer, ref, "training_roll_call.html", "点名", {"present": []}, {})


def roll_call(ref: str, values: dict, viewer: Viewer) -> str:
    from deployments.cli.it_access import decide_step

    _roll_call_item(viewer, ref)
    status = decide_step(ref, "roll_call", viewer.id, {"present": ",".join(values["present"]),
                                                      "comment": values.get("comment", "")})
    return TRAINING.status_label(status)


@router.post("/trainings/{ref}/roll-call")
async def post_roll_call(ref: str, request: Request, viewer: Viewer = Depends(require_viewer)):
    values = await form_values(request, "present")
    status, error = await attempt(roll_call, ref, values, viewer)
    if error:
        return await run_in_threadpool(_step, request, viewer, ref, "training_roll_call.html", "点名", values,
                                       errors_by_field(error, {"present": "present", "comment": "comment"}), 400)
    flash(request, f"{ref}：{status}")
    return redirect(f"/cases/{ref}")


@router.get("/trainings/{ref}/cancel")
def cancel_page(ref: str, request: Request, viewer: Viewer = Depends(require_viewer)):
    return _step(request, viewer, ref, "training_cancel.html", "取消培训", {}, {})


def cancel(ref: str, values: dict, viewer: Viewer) -> None:
    from tasks.training import cancel_training

    _organised(viewer, ref, "取消学习培训")
    cancel_training(case_ref=ref, reason=values.get("reason", "").strip(), actor=viewer.id)


@router.post("/trainings/{ref}/cancel")
async def post_cancel(ref: str, request: Request, viewer: Viewer = Depends(require_viewer)):
    values = await form_values(request)
    _, error = await attempt(cancel, ref, values, viewer)
    if error:
        return await run_in_threadpool(_step, request, viewer, ref, "training_cancel.html", "取消培训", values,
                                       errors_by_field(error, {"原因": "reason", "reason": "reason"}), 400)
    flash(request, f"{ref} 已取消，已通知应参加人员")
    return redirect(f"/cases/{ref}")
