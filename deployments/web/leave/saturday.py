"""请假 on the desk beyond the application: the Saturday cover schedule (调休日程表) of a convenience
window (考勤办法 二(一)5) — read by the window, its department and the center's sections, kept by the
window head through the leave procedure's own flow (flows.leave.record_saturday_cover, whose rule
models.leave.rules.check_saturday_cover says who may and what is allowed)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlmodel import select
from starlette.concurrency import run_in_threadpool

from deployments.web.core.access import heads_window_with, windows_with
from deployments.web.core.auth import Viewer, require_viewer
from deployments.web.core.documents import DOCUMENT_CSP
from deployments.web.core.errors import attempt, errors_by_field, posted_text
from deployments.web.core.pages import flash, page, redirect
from deployments.web.core.nav import EVERYONE, NavEntry
from models.core.clock import local_now
from models.core.db import session_scope
from models.core.errors import CenterError, PermissionDenied
from models.core.org import Staff, StaffStatus, Window

router = APIRouter()
ALIASES = {"staff_id": "staff_id", "saturday": "saturday", "day_off": "day_off", "note": "note",
           "工作人员工号": "staff_id", "工作人员": "staff_id", "上班的星期六": "saturday", "星期六": "saturday",
           "调休日": "day_off", "备注": "note", "窗口": "window", "--month": "month", "--saturday": "saturday",
           "--day-off": "day_off"}


def may_keep_schedule(viewer: Viewer) -> bool:
    """The head of a window open on Saturdays (the rule itself: check_saturday_cover)."""
    return heads_window_with(viewer, "saturday_service")


def _windows(viewer: Viewer) -> list[Window]:
    return windows_with(viewer, "saturday_service")


def _schedule(viewer: Viewer, window_id: str, month: str) -> dict:
    from deployments.cli.leave.saturday import schedule_rows

    windows = _windows(viewer)
    if not windows:
        raise PermissionDenied(actor=viewer.id, action="查看调休日程表", reason="您没有可查看的星期六上班便民窗口")
    window_id = window_id or windows[0].id
    if window_id not in {w.id for w in windows}:
        raise PermissionDenied(actor=viewer.id, action=f"查看窗口 {window_id} 的调休日程表", reason="与本人、本窗口无关")
    window, period, rows = schedule_rows(window_id, month)
    with session_scope() as session:
        staff = session.exec(select(Staff).where(Staff.window_id == window.id, Staff.status == StaffStatus.active)
                             .order_by(Staff.id)).all()
    return {"window": window, "period": period, "rows": rows, "month": month,
            "windows": [(w.id, f"{w.id} {w.name}") for w in windows],
            "people": [(s.id, f"{s.name}（{s.id}）") for s in staff], "may_add": window.head_id == viewer.id}


def _page(request: Request, viewer: Viewer, window_id: str, month: str, values: dict, errors: dict,
          status_code: int = 200):
    try:
        context = _schedule(viewer, window_id, month)
    except PermissionDenied:
        raise
    except CenterError as error:  # a bad month: this month's schedule, the error next to the field
        errors = {**errors, **errors_by_field(error, ALIASES)}
        context, status_code = _schedule(viewer, window_id, f"{local_now():%Y-%m}"), 400
    return page(request, "leave_saturday.html", title="调休日程表", status_code=status_code, values=values,
                errors=errors, **context)


@router.get("/leave/saturday")
def saturday_page(request: Request, viewer: Viewer = Depends(require_viewer)):
    window_id = request.query_params.get("window", "")
    month = request.query_params.get("month", "") or f"{local_now():%Y-%m}"
    return _page(request, viewer, window_id, month, {}, {})


@router.get("/leave/saturday/print")
def saturday_print(request: Request, viewer: Viewer = Depends(require_viewer)):
    from tasks.core.render import render

    context = _schedule(viewer, request.query_params.get("window", ""),
                        request.query_params.get("month", "") or f"{local_now():%Y-%m}")
    return HTMLResponse(render("documents/leave_saturday.html", window=context["window"].name,
                               period=context["period"], rows=context["rows"]),
                        headers={"Content-Security-Policy": DOCUMENT_CSP})  # its inline style: the table's borders


def add(values: dict, viewer: Viewer) -> None:
    from deployments.cli.leave.parse import build
    from flows.leave import record_saturday_cover
    from models.leave.inputs import SaturdayCoverEntry

    data = {k: values.get(k, "") for k in ("staff_id", "saturday", "day_off", "note")}
    entry = build(SaturdayCoverEntry, window_id=values.get("window", ""), actor=viewer.id,
                  **{k: v for k, v in data.items() if v or k == "staff_id"})
    record_saturday_cover(entry=entry)


@router.post("/leave/saturday")
async def post_saturday(request: Request, viewer: Viewer = Depends(require_viewer)):
    values = await posted_text(request)
    _, error = await attempt(add, values, viewer)
    window_id, saturday = values.get("window", ""), values.get("saturday", "")
    month = saturday[:7] if len(saturday) >= 7 else f"{local_now():%Y-%m}"
    if error:
        return await run_in_threadpool(_page, request, viewer, window_id, month, values,
                                       errors_by_field(error, ALIASES), 400)
    flash(request, f"已登记：{values.get('staff_id')} {saturday} 星期六上班，{values.get('day_off')} 调休（视作正常出勤）")
    return redirect(f"/leave/saturday?window={window_id}&month={month}")


# Its entries in the desk's menu and on /new (collected by deployments/web/core/slices.py).
# 考勤办法 二(一)5: the head of a window open on Saturdays fills the schedule in; its people, its department
# and the center's sections read it. Whoever has no such window to read is not offered the entry.
NAV = (NavEntry("调休日程表", "/leave/saturday", "查询", EVERYONE, shown=lambda viewer: "saturday_service" in viewer.services),)
