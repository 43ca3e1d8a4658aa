"""延时服务人员安排表 on the desk (考勤办法 二(一)4, 6): the head of a window with lunch service files a
month — a list of the month's working days, each with the window's people to tick (a phone's width) —
through the procedure's own flow (flows.lunch_roster.file_lunch_roster, as `center lunch-roster file`);
the window, its department and the center's sections read the rosters and print the 安排表. The
management section's 审核 is the case page's decision (the generic 同意/不同意), the whole roster and
the rules' checks shown above it (`roster_details`)."""
from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from deployments.web.core.access import heads_window_with, windows_with
from deployments.web.core.auth import Viewer, require_viewer
from deployments.web.core.documents import DOCUMENT_CSP
from deployments.web.core.errors import attempt, errors_by_field
from deployments.web.core.nav import EVERYONE, NavEntry
from deployments.web.core.pages import flash, page, redirect
from models.core.cases import Case
from models.core.clock import local_now
from models.core.db import session_scope
from models.core.errors import CenterError, InvalidInput, PermissionDenied
from models.core.org import Role, Window

router = APIRouter()
ALIASES = {"window_id": "window", "month": "month", "days": "days", "staff": "days", "窗口编号": "window",
           "月份": "month", "安排": "days"}
PAGE = 20


def may_file(viewer: Viewer) -> bool:
    """The head of a window with lunch service (the rule itself: tasks.lunch_roster.file_roster)."""
    return heads_window_with(viewer, "lunch_service")


def readable_windows(viewer: Viewer) -> list[Window]:
    return windows_with(viewer, "lunch_service")


def _month(text: str) -> date:
    from models.lunch_roster.rules import month_of

    try:
        return month_of(text)
    except ValueError:
        raise InvalidInput(field="month", message=f"月份「{text}」无效，应为 YYYY-MM，如 2026-11") from None


def _context(viewer: Viewer, window_id: str, month_text: str, offset: int) -> dict:
    from models.core.calendar import load_calendar
    from models.lunch_roster.machine import REFUSED, SUPERSEDED
    from models.lunch_roster.rules import weekday
    from models.lunch_roster.store import rosters, turns_of, window_people, working_days

    windows = readable_windows(viewer)
    if not windows:  # no window of theirs serves at lunch: the page says so
        return {"window": None, "month": month_text, "may_file": False}
    window_id = window_id or (viewer.window_id if viewer.window_id in {w.id for w in windows} else windows[0].id)
    if window_id not in {w.id for w in windows}:
        raise PermissionDenied(actor=viewer.id, action=f"查看窗口 {window_id} 的延时服务人员安排表", reason="与本人、本窗口无关")
    month = _month(month_text)
    window = next(w for w in windows if w.id == window_id)
    with session_scope() as session:
        days = working_days(calendar=load_calendar(session=session), month=month)
        people = [(s.id, s.name + ("（实习生）" if s.role == Role.intern else "")) for s in
                  window_people(session=session, window_id=window.id)]
        this_month, _ = rosters(session=session, window_id=window.id, month=month, limit=PAGE)
        filed, total = rosters(session=session, window_id=window.id, limit=PAGE, offset=offset)
        latest = next(((c, r) for c, r in this_month if c.status not in (REFUSED, SUPERSEDED)), None)
        ticked = turns_of(session=session, ref=latest[0].ref) if latest else {}
        from models.procedures import get_procedure

        label = get_procedure("lunch_roster").status_label
        listed = [{"ref": c.ref, "month": f"{r.month:%Y-%m}", "status": label(c.status), "opened_at": c.opened_at}
                  for c, r in filed]
        names = dict(people)
        serving_rows = [{"day": d, "weekday": weekday(d), "names": [names.get(s, s) for s in ids]}
                   for d, ids in sorted(ticked.items())] if latest else []
    return {"window": window, "windows": [(w.id, f"{w.name}（{w.id}）") for w in windows], "month": f"{month:%Y-%m}",
            "days": [{"day": d, "key": f"day-{d.isoformat()}", "weekday": weekday(d),
                      "ticked": ticked.get(d, [])} for d in days],
            "people": people, "latest": ({"ref": latest[0].ref, "status": label(latest[0].status)} if latest else None),
            "serving_rows": serving_rows, "filed": listed, "total": total, "offset": offset, "page_size": PAGE,
            "may_file": may_file(viewer) and viewer.window_id == window.id}


def _page(request: Request, viewer: Viewer, values: dict, errors: dict, status_code: int = 200):
    window_id, month = values.get("window", ""), values.get("month", "") or f"{local_now():%Y-%m}"
    offset = int(values["offset"]) if str(values.get("offset", "")).isdigit() else 0
    try:
        context = _context(viewer, window_id, month, offset)
    except PermissionDenied:
        raise
    except CenterError as error:  # a bad month: this month's roster, the error next to the field
        errors = {**errors, **errors_by_field(error, ALIASES)}
        context, status_code = _context(viewer, window_id, f"{local_now():%Y-%m}", 0), 400
    if values.get("posted") and context.get("days"):  # a refused filing: the boxes as ticked
        for day in context["days"]:
            day["ticked"] = values.get(day["key"], [])
    return page(request, "lunch_roster_form.html", title="延时服务人员安排表", status_code=status_code,
                errors=errors, **context)


@router.get("/lunch-roster")
def roster_page(request: Request, viewer: Viewer = Depends(require_viewer)):
    return _page(request, viewer, dict(request.query_params), {})


def file(values: dict, viewer: Viewer) -> str:
    from flows.lunch_roster import file_lunch_roster
    from models.core.errors import validated
    from models.lunch_roster.tables import LunchRosterInput

    if not may_file(viewer):
        raise PermissionDenied(actor=viewer.id, action="填报延时服务人员安排表", reason="只有中午延时服务窗口的窗口负责人可以填报（考勤办法 二(一)4）")
    days = {key.removeprefix("day-"): ids for key, ids in values.items() if key.startswith("day-") and ids}
    request = validated(LunchRosterInput, {"window_id": values.get("window", ""), "month": values.get("month", ""),
                                           "days": days})
    return file_lunch_roster(request=request, actor=viewer.id)["case_ref"]


@router.post("/lunch-roster")
async def post_roster(request: Request, viewer: Viewer = Depends(require_viewer)):
    form = await request.form()
    values = {k: v for k, v in form.items() if isinstance(v, str) and not k.startswith("day-")}
    values |= {k: [v for v in form.getlist(k) if isinstance(v, str)] for k in form.keys() if k.startswith("day-")}
    ref, error = await attempt(file, values, viewer)
    if error:
        return await run_in_threadpool(_page, request, viewer, {**values, "posted": True},
                                       errors_by_field(error, ALIASES), 400)
    flash(request, f"已填报 {ref}，待窗口管理科审核")
    return redirect(f"/cases/{ref}")


@router.get("/lunch-roster/{ref}/print")
def roster_print(ref: str, request: Request, viewer: Viewer = Depends(require_viewer)):
    from models.lunch_roster.store import roster_table
    from tasks.core.render import render

    readable = {w.id for w in readable_windows(viewer)}
    with session_scope() as session:
        window, roster, rows = roster_table(session=session, ref=ref)
        case = session.get(Case, ref)
        if window.id not in readable:
            raise PermissionDenied(actor=viewer.id, action=f"查看 {ref}", reason="与本人、本窗口无关")
        html = render("documents/lunch_roster.html", window=window.name,
                      month=f"{roster.month.year}年{roster.month.month}月", rows=rows, case_ref=ref,
                      filed_at=case.opened_at)
    return HTMLResponse(html, headers={"Content-Security-Policy": DOCUMENT_CSP})  # its inline style: the borders


def roster_details(session: Session, case: Case, viewer: Viewer) -> list[tuple[str, str]]:
    """The whole roster, day by day with the names, and the rules checked again now (the decider sees
    them before deciding)."""
    from models.lunch_roster.store import roster_checks, roster_table

    window, roster, rows = roster_table(session=session, ref=case.ref)
    problems = roster_checks(session=session, ref=case.ref, today=case.opened_at.date())
    return [("窗口", window.name), ("月份", f"{roster.month:%Y-%m}"),
            *((f"{row['day']:%m-%d}（{row['weekday']}）", "、".join(row["names"])) for row in rows),
            ("规则检查", "；".join(problems) if problems else
             "通过：本窗口在岗人员；每个工作日均有安排；无实习生单独值守（考勤办法 二(一)1、4；进出管理制度 二.3）")]


def roster_actions(session: Session, case: Case, viewer: Viewer) -> list[tuple[str, str]]:
    return [(f"/lunch-roster/{case.ref}/print", "打印《延时服务人员安排表》"),
            (f"/lunch-roster?window={case.window_id}", "本窗口的安排表")]


# Its entry in the desk's menu (collected by deployments/web/core/slices.py). Like the 调休日程表, the page
# both shows and files (for the head of a lunch-service window only): not on /new, whose entries the menu's
# 新建 group must match role by role (tests/web/test_web_nav.py) while filing depends on the window.
NAV = (NavEntry("延时服务安排", "/lunch-roster", "查询", EVERYONE),)
