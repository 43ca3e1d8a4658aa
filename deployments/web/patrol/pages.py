"""巡查 on the desk: recording a patrol (the management section only, 窗口巡查制度 一; 二, 三: the windows
visited, the items checked, the findings with the policy's deduction per item) and a patrol case's page —
through the procedure's own model and flow (models.patrol.inputs.PatrolInput, flows.patrol.record_patrol_flow),
the same path as `center patrol record`. The register and the month's summary: pages_patrol_register.py."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from deployments.web.core.auth import Viewer, require_viewer
from deployments.web.core.case_details import staff_name
from deployments.web.core.errors import attempt, errors_by_field
from deployments.web.core.oversight_common import (check_management, form_time, form_values, input_time,
                                              window_staff, windows)
from deployments.web.core.pages import flash, page, redirect
from deployments.web.core.nav import NavEntry
from deployments.web.core.new import Offer
from models.core.org import Role
from models.core.cases import Case
from models.core.clock import local_now
from models.core.db import session_scope
from models.patrol.rules import ITEM_LABELS, KIND_LABELS, STANDARD_ITEMS, WINDOW_SHARE, CheckItem, PatrolKind
from models.core.settings import get_settings

router = APIRouter()
ROWS = 5  # finding rows offered on the form
ATTRS = {"window_id": "window", "staff_id": "staff", "item": "item", "description": "description", "deduct": "deduct"}
LABELS = {"窗口": "window", "工作人员": "staff", "项目": "item", "情况": "description"}
ALIASES = {"at": "at", "巡查时间": "at", "kind": "kind", "windows": "windows", "巡查窗口": "windows", "items": "items",
           "检查项目": "items", "note": "note"}


def may_record(viewer: Viewer) -> bool:
    return viewer.is_management


def policy_rows() -> list[tuple[str, str, float, float]]:
    """The policy's deduction per item (Policy.deduction_points): (item, label, person, window share)."""
    points = get_settings().policy.deduction_points
    return [(i.value, ITEM_LABELS[i], points[f"patrol.{i.value}"], points[WINDOW_SHARE]) for i in CheckItem]


def _form(request: Request, values: dict, errors: dict, status_code: int = 200):
    items = [(value, f"{label}（扣 {person:g} 分）") for value, label, person, _ in policy_rows()]
    return page(request, "patrol_form.html", title="记录巡查", status_code=status_code, values=values, errors=errors,
                windows=windows(), staff=window_staff(), policy=policy_rows(), item_options=items,
                checked=[(i.value, ITEM_LABELS[i]) for i in STANDARD_ITEMS], rows=range(1, ROWS + 1),
                kinds=[(k.value, label) for k, label in KIND_LABELS.items()])


@router.get("/patrols/new")
def new_patrol(request: Request, viewer: Viewer = Depends(require_viewer)):
    check_management(viewer, "记录巡查")
    values = {"at": input_time(local_now()), "kind": PatrolKind.walkthrough.value, "windows": [],
              "items": [i.value for i in STANDARD_ITEMS]}
    return _form(request, values, {})


def _findings(values: dict) -> tuple[list[dict], dict[str, str]]:
    """The filled rows as the model's findings, and the error names → the row's inputs."""
    findings, aliases = [], {}
    for row in range(1, ROWS + 1):
        cell = {attr: values.get(f"f{row}-{name}", "") for attr, name in ATTRS.items()}
        if not any(cell[a] for a in ("window_id", "staff_id", "description")):
            continue
        n = len(findings)
        aliases.update({f"findings.{n}.{attr}": f"f{row}-{name}" for attr, name in ATTRS.items()})
        aliases.update({f"问题{n + 1}.{label}": f"f{row}-{name}" for label, name in LABELS.items()})
        findings.append({**{k: v for k, v in cell.items() if v != "" or k != "item"},  # no item: 必填
                         "staff_id": cell["staff_id"] or None, "deduct": cell["deduct"] == "true"})
    return findings, aliases


def record(values: dict, viewer: Viewer) -> tuple[str, int, float]:
    from flows.patrol import record_patrol_flow
    from models.core.errors import validated
    from models.patrol.inputs import PatrolInput
    from models.patrol.tables import PatrolFinding
    from sqlmodel import select

    check_management(viewer, "记录巡查")
    findings, _ = _findings(values)
    patrol = validated(PatrolInput, {"at": form_time(values.get("at", ""), "at"), "kind": values.get("kind", ""),
                                      "windows": values["windows"], "items": values["items"], "findings": findings,
                                      "note": values.get("note", "")})
    ref = record_patrol_flow(patrol=patrol, actor=viewer.id)["case_ref"]
    with session_scope() as session:
        rows = session.exec(select(PatrolFinding).where(PatrolFinding.case_ref == ref)).all()
    return ref, len(rows), sum(r.points for r in rows)


@router.post("/patrols/new")
async def post_patrol(request: Request, viewer: Viewer = Depends(require_viewer)):
    values = await form_values(request, "windows", "items")
    recorded, error = await attempt(record, values, viewer)
    if error:
        aliases = {**ALIASES, **_findings(values)[1]}
        return await run_in_threadpool(_form, request, values, errors_by_field(error, aliases), 400)
    ref, count, points = recorded
    flash(request, f"已记录巡查 {ref}：发现问题 {count} 项，扣分 {points:g}")
    return redirect(f"/cases/{ref}")


def patrol_concerns(session: Session, case: Case) -> tuple[set[str], set[str]]:
    from models.patrol.tables import Patrol, PatrolFinding
    from sqlmodel import select

    patrol = session.get(Patrol, case.ref)
    people = session.exec(select(PatrolFinding.staff_id).where(PatrolFinding.case_ref == case.ref)).all()
    return set(patrol.windows if patrol else []), {p for p in people if p}


def patrol_details(session: Session, case: Case, viewer: Viewer) -> list[tuple[str, str]]:
    """The patrol and every finding of it (who may open the case: deployments.web.core.access with concerned_by)."""
    from models.core.org import Window
    from models.patrol.tables import Patrol, PatrolFinding
    from sqlmodel import select

    patrol = session.get(Patrol, case.ref)
    if patrol is None:
        return []
    names = dict(session.exec(select(Window.id, Window.name)).all())
    rows = [("巡查方式", KIND_LABELS[patrol.kind]), ("巡查时间", f"{patrol.at:%Y-%m-%d %H:%M}"),
            ("巡查人", staff_name(session, patrol.patroller_id)),
            ("巡查窗口", "、".join(names.get(w, w) for w in patrol.windows)),
            ("检查项目", "、".join(ITEM_LABELS[CheckItem(i)] for i in patrol.items))]
    findings = session.exec(select(PatrolFinding).where(PatrolFinding.case_ref == case.ref)
                            .order_by(PatrolFinding.id)).all()
    for n, f in enumerate(findings, 1):
        who = staff_name(session, f.staff_id) if f.staff_id else "窗口"
        points = f"，扣 {f.points:g} 分" if f.points else "，未扣分"
        rows.append((f"问题{n}", f"{names.get(f.window_id, f.window_id)} {who}：{ITEM_LABELS[f.item]}——"
                                 f"{f.description}{points}"))
    if not findings:
        rows.append(("发现的问题", "未发现问题"))
    if patrol.note:
        rows.append(("备注", patrol.note))
    return rows


# Its entries in the desk's menu and on /new (collected by deployments/web/core/slices.py).
NAV = (NavEntry("记录巡查", "/patrols/new", "新建", frozenset({Role.management})),)
OFFERS = (Offer("/patrols/new", "记录巡查", "现场巡查或监控抽查，逐窗口检查并按扣分标准扣分（窗口管理科）", may_record),)
