"""学习培训 on the desk: arrange a session, leave asked in advance, the roll call (tick boxes), cancel,
attendance figures (窗口工作人员学习培训制度 三) — through the procedure's own model, tasks and flows
(models.training.store, tasks.training, flows.training.arrange_training, the roll call decided as
`center training roll-call` does), which check who may do it. The management section's confirmation
of another section's deductions is the case page's decision form (`center training review`). The steps
of a session (leave, roll call, cancel) are in pages_training_steps.py."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from sqlmodel import Session, select
from starlette.concurrency import run_in_threadpool

from deployments.web.core.auth import Viewer, require_viewer
from deployments.web.core.case_details import staff_name
from deployments.web.core.errors import attempt, errors_by_field
from deployments.web.core.oversight_common import (form_time, form_values, own_window, window_staff,
                                              windows, year_of)
from deployments.web.core.pager import PageRequest, page_request, pager
from deployments.web.core.pages import flash, page, redirect
from deployments.web.core.nav import CENTER, NavEntry
from deployments.web.core.new import Offer
from models.core.cases import Case
from models.core.db import session_scope
from models.core.errors import InvalidInput, PermissionDenied
from models.core.paging import Page, page_of
from models.core.org import CENTER_ROLES, ROLE_LABELS, Role, Staff, Window
from models.training.machine import SCHEDULED, TRAINING
from models.training.rules import ATTENDANCE_LABELS, CATEGORY_LABELS, may_organise

router = APIRouter()
PAGE_SIZE = 50
ARRANGE = {**{f: f for f in ("topic", "category", "starts_at", "ends_at", "organiser", "place", "staff", "windows",
                             "everyone")},
           "主题": "topic", "类别": "category", "开始时间": "starts_at", "结束时间": "ends_at", "组织科室": "organiser",
           "参加人员": "staff", "参加窗口": "windows"}


def may_arrange(viewer: Viewer) -> bool:
    """学习培训制度 三.2 组织学习培训的科室: the center's sections (models.training.rules.ORGANISERS)."""
    return viewer.role in CENTER_ROLES


def _arrange_form(request: Request, viewer: Viewer, values: dict, errors: dict, status_code: int = 200):
    organisers = [(r.value, ROLE_LABELS[r]) for r in Role if r in CENTER_ROLES and may_organise(viewer.role, r)[0]]
    return page(request, "training_form.html", title="安排学习培训", status_code=status_code, values=values,
                errors=errors, categories=[(c.value, label) for c, label in CATEGORY_LABELS.items()],
                organisers=organisers, windows=windows(), staff=window_staff())


@router.get("/trainings/new")
def new_training(request: Request, viewer: Viewer = Depends(require_viewer)):
    if not may_arrange(viewer):
        raise PermissionDenied(actor=viewer.id, action="安排学习培训", reason="只有中心科室可以组织学习培训")
    return _arrange_form(request, viewer, {"organiser": viewer.role.value, "category": "skills", "windows": [],
                                           "staff": []}, {})


def arrange(values: dict, viewer: Viewer) -> str:
    from flows.training import arrange_training
    from models.core.errors import validated
    from models.training.inputs import TrainingInput

    if not may_arrange(viewer):
        raise PermissionDenied(actor=viewer.id, action="安排学习培训", reason="只有中心科室可以组织学习培训")
    request = validated(TrainingInput, {
        "topic": values.get("topic", ""), "category": values.get("category", ""), "place": values.get("place", ""),
        "starts_at": form_time(values.get("starts_at", ""), "starts_at", False),
        "ends_at": form_time(values.get("ends_at", ""), "ends_at", False), "organiser": values.get("organiser", ""),
        "staff": values["staff"], "windows": values["windows"], "everyone": values.get("everyone") == "true"})
    return arrange_training(request=request, actor=viewer.id)["case_ref"]


@router.post("/trainings/new")
async def post_training(request: Request, viewer: Viewer = Depends(require_viewer)):
    values = await form_values(request, "staff", "windows")
    ref, error = await attempt(arrange, values, viewer)
    if error:
        return await run_in_threadpool(_arrange_form, request, viewer, values, errors_by_field(error, ARRANGE), 400)
    flash(request, f"已安排学习培训 {ref}，已通知应参加人员")
    return redirect(f"/cases/{ref}")


def sessions_of(viewer: Viewer, year: int, asked: PageRequest) -> tuple[list[dict], Page]:
    """One page of the year's sessions the viewer may see (their window's, their own), by start time."""
    from datetime import datetime

    from models.training.tables import TrainingAttendee, TrainingSession

    window = own_window(viewer)
    with session_scope() as session:
        query = select(TrainingSession, Case).join(Case, Case.ref == TrainingSession.case_ref).where(
            TrainingSession.starts_at >= datetime(year, 1, 1), TrainingSession.starts_at < datetime(year + 1, 1, 1))
        if window is not None:
            query = query.where(TrainingSession.case_ref.in_(select(TrainingAttendee.case_ref).where(
                (TrainingAttendee.window_id == window) | (TrainingAttendee.staff_id == viewer.id))))
        shown = page_of(session, query.order_by(TrainingSession.starts_at, TrainingSession.case_ref),
                        number=asked.number, size=asked.size)
        return [{"t": t, "category": CATEGORY_LABELS[t.category], "organiser": ROLE_LABELS[t.organiser],
                 "status": TRAINING.status_label(c.status)} for t, c in shown.items], shown


@router.get("/trainings")
def training_list(request: Request, year: str | None = None, viewer: Viewer = Depends(require_viewer)):
    year_ = year_of(year)
    sessions, shown = sessions_of(viewer, year_, page_request(request, size=PAGE_SIZE))
    return page(request, "training_list.html", title="学习培训", year=year_, sessions=sessions,
                pager=pager(request, shown), may_arrange=may_arrange(viewer))


def stats(viewer: Viewer, year: int, by: str) -> list[tuple[str, object]]:
    from models.training.store import attendance_figures

    if by not in ("staff", "window"):
        raise InvalidInput(field="by", message="应为 staff（按人员）或 window（按窗口）")
    window = own_window(viewer)
    with session_scope() as session:
        result = attendance_figures(session=session, year=year, by=by)
        if by == "staff":
            people = session.exec(select(Staff)).all()
            names = {s.id: s.name for s in people}
            mine = {s.id for s in people if s.window_id == window}
        else:
            names = {w.id: w.name for w in session.exec(select(Window)).all()}
            mine = {window}
    return [(f"{names.get(key, '')}（{key}）", f) for key, f in result.items() if window is None or key in mine]


@router.get("/trainings/stats")
def training_stats(request: Request, year: str | None = None, by: str = "staff",
                   viewer: Viewer = Depends(require_viewer)):
    year_ = year_of(year)
    return page(request, "training_stats.html", title="学习培训出勤统计", year=year_, by=by,
                rows=stats(viewer, year_, by))


def training_concerns(session: Session, case: Case) -> tuple[set[str], set[str]]:
    from models.training.store import attendees

    rows = attendees(session=session, case_ref=case.ref)
    return {a.window_id for a in rows if a.window_id}, {a.staff_id for a in rows}


def training_details(session: Session, case: Case, viewer: Viewer) -> list[tuple[str, str]]:
    from models.training.store import attendees
    from models.training.tables import TrainingSession

    training = session.get(TrainingSession, case.ref)
    if training is None:
        return []
    rows = [("主题", training.topic), ("类别", CATEGORY_LABELS[training.category]),
            ("时间", f"{training.starts_at:%Y-%m-%d %H:%M} 至 {training.ends_at:%H:%M}"),
            ("地点", training.place or "另行通知"), ("组织科室", ROLE_LABELS[training.organiser])]
    people = attendees(session=session, case_ref=case.ref)
    rows.append(("应参加人员", f"{len(people)} 人"))
    for a in people:
        state = ATTENDANCE_LABELS[a.attendance] if a.attendance else "待点名"
        if a.excused_at:
            state += f"（{a.excused_at:%m-%d %H:%M} 事先请假：{a.excuse_reason}）"
        rows.append((staff_name(session, a.staff_id), state))
    return rows


def training_actions(session: Session, case: Case, viewer: Viewer) -> list[tuple[str, str]]:
    from models.training.tables import TrainingSession

    training = session.get(TrainingSession, case.ref)
    if training is None or case.status != SCHEDULED or not may_organise(viewer.role, training.organiser)[0]:
        return []
    return [(f"/trainings/{case.ref}/excuse", "登记请假"), (f"/trainings/{case.ref}/roll-call", "点名"),
            (f"/trainings/{case.ref}/cancel", "取消培训")]


# Its entries in the desk's menu and on /new (collected by deployments/web/core/slices.py).
NAV = (NavEntry("安排学习培训", "/trainings/new", "新建", CENTER),)
OFFERS = (Offer("/trainings/new", "安排学习培训", "通知应参加人员；事先请假、点名，无故缺席扣分", may_arrange),)
