"""考勤 on the desk: the month's exceptions (paged; a window reads its own, a person their own), the
management section's import of the attendance system's export (CSV or Excel, checked whole: every bad
row named, nothing written) and its recomputation, and the person's explanation with proof
(考勤办法 二(一)2–3, 6) — through flows.attendance, the same as `center attendance …`. The window head's
registration and the review are the case page's decision forms."""
from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from fastapi import APIRouter, Depends, File, Request, UploadFile
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from deployments.web.core.access import viewable_case
from deployments.web.core.auth import Viewer, management_only, require_viewer
from deployments.web.core.errors import errors_by_field
from deployments.web.core.nav import WINDOW_STATS, NavEntry, require_entry
from deployments.web.core.pager import page_request, pager
from deployments.web.core.pages import flash, page, redirect
from deployments.web.core.uploads import saved_uploads, uploads_of
from models.attendance.machine import ATTENDANCE
from models.attendance.rules import KIND_LABELS
from models.attendance.store import FILE_FIELD, SUFFIXES, exception_query, exception_view, month_bounds
from models.core.cases import Case
from models.core.clock import local_now
from models.core.db import session_scope
from models.core.errors import CenterError, InvalidInput, PermissionDenied
from models.core.org import Role
from models.core.paging import page_of

router = APIRouter()
may_import = management_only("导入考勤记录", "只有窗口管理科可以导入考勤记录（考勤办法 一：窗口管理科负责考勤）")
FILE_ALIASES = {FILE_FIELD: "file", "考勤文件": "file"}
EXPLAIN_ALIASES = {"explanation": "explanation", "情况说明": "explanation", "证明材料": "files", "files": "files"}


def exception_details(session: Session, case: Case, viewer: Viewer) -> list[tuple[str, str]]:
    """The case page: the day's punches, the computed exception and the excuse checks."""
    return exception_view(session=session, case=case)


def _scope(viewer: Viewer) -> dict:
    """The center's sections read every window, a head their window, anybody else their own."""
    if viewer.is_center:
        return {}
    if viewer.role == Role.head:
        return {"window_id": viewer.window_id or "—"}
    return {"staff_id": viewer.id}


def list_view(request: Request, viewer: Viewer, month: str | None) -> dict:
    month = (month or f"{local_now():%Y-%m}").strip()
    start, end = month_bounds(month)
    wanted = page_request(request, size=50)
    with session_scope() as session:
        shown = page_of(session, exception_query(start=start, end=end, **_scope(viewer)),
                        number=wanted.number, size=wanted.size)
        rows = [{"ref": case.ref, "day": row.day, "staff_id": row.staff_id, "name": name or "",
                 "kind": KIND_LABELS[row.kind], "punch": f"{row.punch_at:%H:%M:%S}" if row.punch_at else "无",
                 "status": ATTENDANCE.status_label(case.status)} for row, case, name in shown.items]
    return {"rows": rows, "month": month, "pager": pager(request, shown), "may_import": viewer.is_management,
            "suffixes": "、".join(SUFFIXES)}


@router.get("/attendance")
def attendance_list(request: Request, month: str | None = None, viewer: Viewer = Depends(require_viewer)):
    return page(request, "attendance_list.html", title="考勤异常", errors={}, values={},
                **list_view(request, viewer, month))


def _import(content: bytes, name: str, actor: str) -> dict:
    from flows.attendance import import_clock_records_flow

    with tempfile.TemporaryDirectory(prefix="center-attendance-") as folder:
        path = Path(folder) / (Path(name).name or "records.csv")
        path.write_bytes(content)
        return import_clock_records_flow(path=str(path), actor=actor)


@router.post("/attendance/import")
async def import_records(request: Request, file: UploadFile = File(...), viewer: Viewer = Depends(may_import)):
    name = file.filename or ""
    try:
        if Path(name).suffix.lower() not in SUFFIXES:
            raise InvalidInput(field=FILE_FIELD, message="请上传 CSV 或 Excel 文件（.csv、.xlsx）")
        result = await run_in_threadpool(_import, await file.read(), name, viewer.id)
    except CenterError as error:
        view = await run_in_threadpool(list_view, request, viewer, None)
        return page(request, "attendance_list.html", title="考勤异常", status_code=400, values={},
                    errors=errors_by_field(error, FILE_ALIASES), **view)
    flash(request, f"已导入 {result['added']} 条打卡记录（已有 {result['existing']} 条）；"
                   f"新增考勤异常 {len(result['opened'])} 项，已消除 {len(result['cleared'])} 项")
    return redirect(f"/attendance?month={(result['start'] or f'{local_now():%Y-%m}')[:7]}")


def _day(text: str, field: str, label: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(field=field, message=f"「{text}」不是有效日期，应为 YYYY-MM-DD", label=label) from None


def _compute(start: str, end: str, actor: str) -> list[str]:
    from flows.attendance import compute_exceptions_flow

    return compute_exceptions_flow(start=_day(start, "start", "起始日期"), end=_day(end, "end", "截止日期"), actor=actor)


@router.post("/attendance/compute")
async def compute(request: Request, viewer: Viewer = Depends(management_only(
        "计算考勤异常", "只有窗口管理科可以计算考勤异常（考勤办法 一：窗口管理科负责考勤）"))):
    form = await request.form()
    start, end = str(form.get("start", "")), str(form.get("end", ""))
    try:
        refs = await run_in_threadpool(_compute, start, end, viewer.id)
    except CenterError as error:
        view = await run_in_threadpool(list_view, request, viewer, None)
        return page(request, "attendance_list.html", title="考勤异常", status_code=400,
                    values={"start": start, "end": end},
                    errors=errors_by_field(error, {"start": "start", "end": "end"}), **view)
    flash(request, f"新增考勤异常 {len(refs)} 项")
    return redirect(f"/attendance?month={start[:7]}")


def _explain_page(request: Request, viewer: Viewer, ref: str, *, errors: dict, values: dict, status_code: int = 200):
    with session_scope() as session:
        case = viewable_case(session=session, ref=ref, actor=viewer.actor)
        details = exception_view(session=session, case=case)
    return page(request, "attendance_explain.html", title="说明情况并上传证明", status_code=status_code,
                case=case, details=details, errors=errors, values=values)


@router.get("/cases/{ref}/attendance/explain")
def explain_page(ref: str, request: Request, viewer: Viewer = Depends(require_viewer)):
    return _explain_page(request, viewer, ref, errors={}, values={})


def _explain(ref: str, explanation: str, files: list[str], viewer: Viewer) -> str:
    from flows.attendance import explain_attendance

    with session_scope() as session:
        viewable_case(session=session, ref=ref, actor=viewer.actor)
    return explain_attendance(case_ref=ref, explanation=explanation, files=files, actor=viewer.id)


@router.post("/cases/{ref}/attendance/explain")
async def post_explanation(ref: str, request: Request, viewer: Viewer = Depends(require_viewer)):
    form = await request.form()
    explanation = str(form.get("explanation", ""))
    try:
        with saved_uploads({"证明材料": uploads_of(form, "files")}) as files:
            status = await run_in_threadpool(_explain, ref, explanation, files.get("证明材料", []), viewer)
    except PermissionDenied:
        raise
    except CenterError as error:
        return await run_in_threadpool(_explain_page, request, viewer, ref, values={"explanation": explanation},
                                       errors=errors_by_field(error, EXPLAIN_ALIASES), status_code=400)
    flash(request, f"已说明情况：{ATTENDANCE.status_label(status)}")
    return redirect(f"/cases/{ref}")




# ---------------------------------------------------------------- 统计: the month per window or person

def _stats(month: str, by: str, viewer: Viewer):
    from deployments.web.core import stats as core_stats
    from deployments.web.core.charts import BAD, GOOD, MILD, Chart
    from deployments.web.core.stats_data import StatPage, StatTable
    from models.attendance.store import month_figures
    from models.core.org import Staff, Window
    from sqlmodel import select

    year, number = core_stats.month_param(month or f"{local_now():%Y-%m}")
    by = core_stats.by_param(by or "window")
    start, end = month_bounds(f"{year}-{number:02d}")
    with session_scope() as session:
        figures = month_figures(session=session, start=start, end=end, by=by, windows=core_stats.windows_of(viewer))
        names = ({s.id: s.name for s in session.exec(select(Staff))} if by == "staff"
                 else {w.id: w.name for w in session.exec(select(Window))})
    heading = "人员" if by == "staff" else "窗口"
    labels = [f"{names.get(key, '')}（{key}）" for key in figures]
    rows = [[label, *f] for label, f in zip(labels, figures.values())]
    chart = Chart("stacked", f"{year}年{number}月考勤异常（按{heading}）", labels, {
        "已认可": [f[1] for f in figures.values()], "未正常考勤": [f[2] for f in figures.values()],
        "办理中": [f[3] for f in figures.values()]}, colors=(GOOD, BAD, MILD)) if figures else None
    total = [sum(f[i] for f in figures.values()) for i in range(4)]
    data = StatPage(summary=[f"{year}年{number}月考勤异常 {total[0]} 项：说明后认可 {total[1]} 项，未正常考勤（扣分）"
                             f" {total[2]} 项，办理中 {total[3]} 项（考勤办法 二(三)1）"],
                    tables=[StatTable(by, f"{year}年{number}月考勤异常（按{heading}）",
                                      [heading, "异常", "已认可", "未正常考勤", "办理中"], rows, chart)])
    forms = [{"button": "查看", "fields": [
        {"name": "month", "label": "月份", "placeholder": "如 2026-10", "value": f"{year}-{number:02d}"},
        {"name": "by", "label": "统计方式", "value": by, "options": list(core_stats.BY_LABELS.items())}]}]
    return data, {"month": f"{year}-{number:02d}", "by": by}, forms


@router.get("/stats/attendance")
def attendance_stats(request: Request, month: str = "", by: str = "",
                     viewer: Viewer = Depends(require_entry("/stats/attendance"))):
    from deployments.web.core.stats import _render

    data, params, forms = _stats(month, by, viewer)
    return _render(request, "attendance", "考勤统计", data, params, forms)


@router.get("/stats/attendance.csv")
def attendance_stats_csv(table: str, month: str = "", by: str = "",
                         viewer: Viewer = Depends(require_entry("/stats/attendance"))):
    from deployments.web.core.stats import _csv

    data, params, _ = _stats(month, by, viewer)
    return _csv(data, table, f"attendance-{params['month']}")


NAV = (NavEntry("考勤异常", "/attendance", "查询", frozenset(Role)),
       NavEntry("考勤统计", "/stats/attendance", "统计", WINDOW_STATS))
