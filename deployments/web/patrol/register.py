"""The patrol register by day and by month, and the month's summary (窗口巡查制度 四: 每月月末梳理汇总本月
巡查情况，将在巡查中发现的问题反馈给各窗口) — read with the procedure's own queries (models.patrol.store.register_rows,
month_summary), summarised and fed back by the management section through flows.patrol, the same
as `center patrol list|summary`. A window reads its own findings only; the center's sections read all."""
from __future__ import annotations

from datetime import date, timedelta

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool

from deployments.web.core.auth import Viewer, require_viewer
from deployments.web.core.oversight_common import check_management, form_values, own_window, windows
from deployments.web.core.pager import PageRequest, page_request, pager
from deployments.web.core.pages import flash, page, redirect
from deployments.web.patrol.pages import may_record
from models.core.clock import local_now
from models.core.db import session_scope
from models.core.errors import InvalidInput
from models.core.paging import page_of
from models.patrol.rules import ITEM_LABELS, KIND_LABELS, STANDARD_ITEMS
from models.patrol.rules import month_bounds, month_of
from models.core.settings import get_settings

router = APIRouter()
PAGE_SIZE = 50


def _period(day: str | None, month: str | None) -> tuple[date, date, str]:
    if day:
        try:
            start = date.fromisoformat(day.strip())
        except ValueError:
            raise InvalidInput(field="day", message=f"「{day}」不是有效日期，应为 YYYY-MM-DD") from None
        return start, start + timedelta(days=1), f"{start:%Y-%m-%d}"
    month = (month or month_of(local_now().date())).strip()
    start, end = month_bounds(month)
    return start, end, f"{month} 月"


def register_page(viewer: Viewer, day: str | None, month: str | None, asked: PageRequest) -> dict:
    """One page of the period's patrols (a window: those that visited it), by time, with their findings."""
    from models.patrol.store import register_query, with_findings

    start, end, label = _period(day, month)
    window = own_window(viewer)
    names = dict(windows())
    with session_scope() as session:
        one_page = page_of(session, register_query(start=start, end=end, window_id=window),
                           number=asked.number, size=asked.size)
        rows = with_findings(session=session, patrols=one_page.items)
    shown = [{"patrol": p, "kind": KIND_LABELS[p.kind], "patroller": p.patroller_id,
              "windows": "、".join(names.get(w, w) for w in p.windows),
              "items": "全部" if set(p.items) == set(STANDARD_ITEMS) else "、".join(ITEM_LABELS[i] for i in p.items),
              "findings": [(f, name, ITEM_LABELS[f.item]) for f, name in found if window in (None, f.window_id)]}
             for p, found in rows if window is None or window in p.windows]
    return {"rows": shown, "page": one_page, "label": label, "day": day or "", "month": month or f"{start:%Y-%m}",
            "may_record": may_record(viewer)}


@router.get("/patrols")
def patrol_register(request: Request, day: str | None = None, month: str | None = None,
                    viewer: Viewer = Depends(require_viewer)):
    context = register_page(viewer, day, month, page_request(request, size=PAGE_SIZE))
    return page(request, "patrol_register.html", title="巡查登记簿", pager=pager(request, context.pop("page")), **context)


def summary_page(viewer: Viewer, month: str | None) -> dict:
    from models.patrol.store import month_summary
    from models.patrol.tables import PatrolMonthSummary

    month = (month or month_of(local_now().date())).strip()
    month_bounds(month)
    policy = get_settings().policy
    with session_scope() as session:
        summary, final = month_summary(session=session, month=month, as_of=local_now(), policy=policy)
        done = session.get(PatrolMonthSummary, month)
    window = own_window(viewer)
    shown = [w for w in summary.windows if window in (None, w.window_id)]
    return {"summary": summary, "windows_shown": shown, "month": month, "final": final, "done": done,
            "required": policy.patrols_per_day, "item_labels": ITEM_LABELS, "whole": window is None,
            "details": [(w, f) for w in shown for f in w.findings], "may_summarise": viewer.is_management}


@router.get("/patrols/summary")
def patrol_summary(request: Request, month: str | None = None, viewer: Viewer = Depends(require_viewer)):
    context = summary_page(viewer, month)
    return page(request, "patrol_summary.html", title=f"月度巡查情况 {context['month']}", **context)


def summarise(month: str, viewer: Viewer) -> dict:
    from flows.patrol import PatrolMonth, monthly_patrol_summary
    from models.core.errors import validated

    check_management(viewer, "汇总月度巡查情况")
    month_bounds(month)
    [result] = monthly_patrol_summary(period=validated(PatrolMonth, {"month": month}), actor=viewer.id,
                                      as_of=local_now())
    return result


@router.post("/patrols/summary")
async def post_summary(request: Request, viewer: Viewer = Depends(require_viewer)):
    month = (await form_values(request)).get("month", "").strip()
    result = await run_in_threadpool(summarise, month, viewer)
    state = f"已反馈窗口 {len(result['notified'])} 个" if result["final"] else "月份未结束，仅汇总现状，未反馈窗口"
    flash(request, f"{result['month']}：巡查 {result['patrols']} 次，发现问题 {result['findings']} 项；{state}")
    return redirect(f"/patrols/summary?month={result['month']}")
