"""工作日历: a month with its days off (休) and make-up working days (班); the management section
imports next year's arrangement here (models.core.calendar_import: checked whole, then every
provisional deadline recomputed)."""
from __future__ import annotations

import calendar as month_grid
import tempfile
from datetime import date
from pathlib import Path

from fastapi import APIRouter, Depends, File, Request, UploadFile
from sqlmodel import select
from starlette.concurrency import run_in_threadpool

from deployments.web.core.auth import Viewer, management_only, require_viewer
from deployments.web.core.errors import errors_by_field
from deployments.web.core.pages import flash, page, redirect
from models.core.calendar import CalendarOverride, load_calendar
from models.core.calendar_import import import_arrangement
from models.core.clock import local_now
from models.core.db import session_scope
from models.core.errors import CenterError, InvalidInput
from models.rules.workdays import FIRST_YEAR, LAST_YEAR

router = APIRouter()
may_import = management_only("导入工作日历", "只有窗口管理科可以导入放假安排")
SUFFIXES = (".yaml", ".yml", ".csv")


def month_of(text: str | None) -> date:
    if not text:
        return local_now().date().replace(day=1)
    try:
        first = date.fromisoformat(f"{text}-01")
    except ValueError:
        raise InvalidInput(field="月份", message=f"「{text}」不是有效月份，应为 YYYY-MM") from None
    if not FIRST_YEAR <= first.year <= LAST_YEAR:
        raise InvalidInput(field="月份", message=f"「{text}」超出工作日历范围 {FIRST_YEAR}-01–{LAST_YEAR}-12")
    return first


def month_view(first: date) -> dict:
    with session_scope() as session:
        cal = load_calendar(session=session)
        names = dict(session.exec(select(CalendarOverride.day, CalendarOverride.name)).all())
    weeks = []
    for week in month_grid.Calendar().monthdatescalendar(first.year, first.month):
        row = []
        for day in week:
            working, weekend = cal.is_working_day(day), day.isoweekday() >= 6
            kind = ("other" if day.month != first.month else "makeup" if working and weekend
                    else "off" if not working and not weekend else "weekend" if weekend else "work")
            row.append({"day": day, "kind": kind, "name": names.get(day, "")})
        weeks.append(row)
    previous = (first - date.resolution).replace(day=1)
    following = (first + date.resolution * 32).replace(day=1)
    return {"first": first, "weeks": weeks, "provisional": first.year not in cal.covered_years,
            "previous": previous.strftime("%Y-%m"), "next": following.strftime("%Y-%m")}


@router.get("/calendar")
def show_calendar(request: Request, month: str | None = None, viewer: Viewer = Depends(require_viewer)):
    return page(request, "calendar.html", title="工作日历", errors={}, **month_view(month_of(month)))


def _import(content: bytes, suffix: str, actor: str) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"arrangement{suffix}"
        path.write_bytes(content)
        with session_scope() as session:
            return import_arrangement(session=session, path=path, actor=actor)


@router.post("/calendar/import")
async def import_calendar(request: Request, file: UploadFile = File(...),
                          viewer: Viewer = Depends(may_import)):
    suffix = Path(file.filename or "").suffix.lower()
    try:
        if suffix not in SUFFIXES:
            raise InvalidInput(field="日历文件", message="请上传 YAML 或 CSV 文件（.yaml、.yml、.csv）")
        result = await run_in_threadpool(_import, await file.read(), suffix, viewer.id)
    except CenterError as error:
        view = await run_in_threadpool(month_view, month_of(None))
        return page(request, "calendar.html", title="工作日历", status_code=400,
                    errors=errors_by_field(error, {"日历文件": "file"}), **view)
    flash(request, f"已导入 {result['year']} 年安排：{result['days']} 天；重算期限 {result['recomputed']} 项")
    return redirect(f"/calendar?month={result['year']}-01")
