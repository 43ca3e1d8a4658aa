"""统计: complaint (好差评), service-case, training-attendance and overdue statistics as pages, each
table with its chart beside it and a CSV download (UTF-8 with BOM, so Excel opens the Chinese).
The figures come from deployments/web/core/stats_data.py (the CLI's own functions); who sees which page
is the menu's data (deployments/web/core/nav.py). A window head sees the own window's figures only."""
from __future__ import annotations

import csv
import io
import re
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from deployments.web.core import stats_data
from deployments.web.core.auth import Viewer, require_viewer
from deployments.web.core.charts import data_uri
from deployments.web.core.nav import nav, require_entry
from deployments.web.core.pages import page
from models.core.clock import local_now
from models.core.db import session_scope
from models.core.errors import InvalidInput, NotFound
from models.core.org import Role
from models.rules.spreadsheet import spreadsheet_row

router = APIRouter()
BY_LABELS = {"window": "按窗口", "staff": "按人员"}


def windows_of(viewer: Viewer) -> set[str] | None:
    """窗口负责人岗位职责: a head answers for the own window; the center's sections see every window."""
    return {viewer.window_id} if viewer.role == Role.head else None


def month_param(text: str, field: str = "月份") -> tuple[int, int]:
    match = re.fullmatch(r"(\d{4})-(0[1-9]|1[0-2])", text.strip())
    if not match:
        raise InvalidInput(field=field, message=f"「{text}」应为 年-月，如 2026-10")
    return year_param(match.group(1)), int(match.group(2))


def year_param(text: str, field: str = "年份") -> int:
    if not re.fullmatch(r"\d{4}", text.strip()) or not 2000 <= int(text) <= 2100:
        raise InvalidInput(field=field, message=f"「{text}」应为 2000–2100 之间的四位年份，如 2026")
    return int(text)


def by_param(text: str) -> str:
    if text not in BY_LABELS:
        raise InvalidInput(field="统计方式", message="应为按窗口（window）或按人员（staff）")
    return text


def complaint_period(month: str, year: str) -> tuple[str | None, int | None]:
    """A year when only the year is given; otherwise the month (default: this month)."""
    if year and not month:
        return None, year_param(year)
    y, m = month_param(month or f"{local_now():%Y-%m}")
    return f"{y}-{m:02d}", None


def _render(request: Request, key: str, title: str, data: stats_data.StatPage, params: dict, forms: list[dict]):
    sections = [{"table": t, "chart": data_uri(t.chart) if t.chart else None,
                 "csv": f"/stats/{key}.csv?" + urlencode({**params, "table": t.key})} for t in data.tables]
    return page(request, "stats_page.html", title=title, summary=data.summary, sections=sections, forms=forms,
                action=f"/stats/{key}")


def _csv(data: stats_data.StatPage, table: str, name: str) -> Response:
    chosen = next((t for t in data.tables if t.key == table), None)
    if chosen is None:
        raise NotFound(field="表格", value=table)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(spreadsheet_row(chosen.columns))
    writer.writerows(spreadsheet_row(row) for row in chosen.rows)
    return Response("\ufeff" + out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}-{table}.csv"'})


@router.get("/stats")
def index(request: Request, viewer: Viewer = Depends(require_viewer)):
    entries = [e for e in nav() if e.group == "统计" and viewer.role in e.roles]
    return page(request, "stats.html", title="统计", entries=entries)


def _complaints(month: str, year: str) -> tuple[stats_data.StatPage, dict, list[dict]]:
    period_month, period_year = complaint_period(month, year)
    with session_scope() as session:
        data = stats_data.complaints(session=session, month=period_month, year=period_year, as_of=local_now())
    params = {"month": period_month} if period_month else {"year": str(period_year)}
    forms = [{"button": "按月统计", "fields": [{"name": "month", "label": "月份", "placeholder": "如 2026-10",
                                               "value": period_month or ""}]},
             {"button": "按年统计", "fields": [{"name": "year", "label": "年份", "placeholder": "如 2026",
                                               "value": period_year or local_now().year}]}]
    return data, params, forms


@router.get("/stats/complaints")
def complaints(request: Request, month: str = "", year: str = "",
               viewer: Viewer = Depends(require_entry("/stats/complaints"))):
    data, params, forms = _complaints(month, year)
    return _render(request, "complaints", "投诉（好差评）统计", data, params, forms)


@router.get("/stats/complaints.csv")
def complaints_csv(table: str, month: str = "", year: str = "",
                   viewer: Viewer = Depends(require_entry("/stats/complaints"))):
    data, params, _ = _complaints(month, year)
    return _csv(data, table, "complaints-" + "".join(params.values()))


def _service(year: str, month: str, viewer: Viewer):
    y, m = month_param(month) if month else (year_param(year) if year else local_now().year, local_now().month)
    with session_scope() as session:
        data = stats_data.service(session=session, year=y, month=m, windows=windows_of(viewer))
    forms = [{"button": "查看", "fields": [{"name": "month", "label": "月份（按月的折线图为该月所在全年）",
                                           "placeholder": "如 2026-10", "value": f"{y}-{m:02d}"}]}]
    return data, {"month": f"{y}-{m:02d}"}, forms


@router.get("/stats/service")
def service(request: Request, year: str = "", month: str = "",
            viewer: Viewer = Depends(require_entry("/stats/service"))):
    data, params, forms = _service(year, month, viewer)
    return _render(request, "service", "窗口办件统计", data, params, forms)


@router.get("/stats/service.csv")
def service_csv(table: str, year: str = "", month: str = "",
                viewer: Viewer = Depends(require_entry("/stats/service"))):
    data, params, _ = _service(year, month, viewer)
    return _csv(data, table, "service-" + params["month"])


def _training(year: str, by: str, viewer: Viewer):
    y, by = (year_param(year) if year else local_now().year), by_param(by or "window")
    with session_scope() as session:
        data = stats_data.training(session=session, year=y, by=by, windows=windows_of(viewer))
    forms = [{"button": "查看", "fields": [
        {"name": "year", "label": "年份", "placeholder": "如 2026", "value": y},
        {"name": "by", "label": "统计方式", "value": by, "options": list(BY_LABELS.items())}]}]
    return data, {"year": str(y), "by": by}, forms


@router.get("/stats/training")
def training(request: Request, year: str = "", by: str = "",
             viewer: Viewer = Depends(require_entry("/stats/training"))):
    data, params, forms = _training(year, by, viewer)
    return _render(request, "training", "学习培训出勤统计", data, params, forms)


@router.get("/stats/training.csv")
def training_csv(table: str, year: str = "", by: str = "",
                 viewer: Viewer = Depends(require_entry("/stats/training"))):
    data, params, _ = _training(year, by, viewer)
    return _csv(data, table, f"training-{params['year']}")


def _overdue(viewer: Viewer) -> stats_data.StatPage:
    with session_scope() as session:
        return stats_data.overdue(session=session, now=local_now(), windows=windows_of(viewer))


@router.get("/stats/overdue")
def overdue(request: Request, viewer: Viewer = Depends(require_entry("/stats/overdue"))):
    return _render(request, "overdue", "逾期待办统计", _overdue(viewer), {}, [])


@router.get("/stats/overdue.csv")
def overdue_csv(table: str, viewer: Viewer = Depends(require_entry("/stats/overdue"))):
    return _csv(_overdue(viewer), table, "overdue")
