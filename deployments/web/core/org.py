"""组织: the organisation (departments, windows, staff, B posts) for everyone logged in; the management
section edits a person's contacts and B post (models.core.org_edit, audited with the actor). Moving people
between windows is not offered here: it is the rotation procedure (进出管理制度 二)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from sqlmodel import select
from starlette.concurrency import run_in_threadpool

from deployments.web.core.auth import Viewer, require_viewer
from deployments.web.core.errors import attempt, errors_by_field, posted_text
from deployments.web.core.pages import flash, page, redirect
from models.core.db import session_scope
from models.core.errors import NotFound, PermissionDenied
from models.core.org import ROLE_LABELS, Department, Staff, StaffStatus, Window

router = APIRouter()
STATUS_LABELS = {StaffStatus.active: "在岗", StaffStatus.seconded: "借调", StaffStatus.left: "已调离",
                 StaffStatus.returned: "已退回"}
ALIASES = {"phone": "phone", "email": "email", "b_post": "b_post", "手机号码": "phone", "电子邮箱": "email"}


def _person_row(person: Staff, names: dict[str, str]) -> dict:
    return {"id": person.id, "name": person.name, "role": ROLE_LABELS[person.role],
            "status": STATUS_LABELS[person.status], "on_post": person.status == StaffStatus.active,
            "phone": person.phone, "email": person.email,
            "b_post": f"{names[person.b_post_id]}（{person.b_post_id}）" if person.b_post_id in names else ""}


def organisation() -> dict:
    with session_scope() as session:
        departments = session.exec(select(Department).order_by(Department.id)).all()
        windows = session.exec(select(Window).order_by(Window.id)).all()
        people = session.exec(select(Staff).order_by(Staff.window_id, Staff.id)).all()
        names = {p.id: p.name for p in people}
        dept_names = {d.id: d.name for d in departments}
        return {
            "windows": [{"id": w.id, "name": w.name, "department": dept_names.get(w.department_id, w.department_id),
                         "head": f"{names[w.head_id]}（{w.head_id}）" if w.head_id in names else "未指定",
                         "notes": "、".join(n for n, on in (("周六便民", w.saturday_service),
                                                           ("午间延时", w.lunch_service)) if on),
                         "people": [_person_row(p, names) for p in people if p.window_id == w.id]} for w in windows],
            "sections": [_person_row(p, names) for p in people if p.window_id is None],
            "departments": [{"id": d.id, "name": d.name, "leader": d.leader, "phone": d.phone, "email": d.email}
                            for d in departments]}


@router.get("/org")
def org_page(request: Request, viewer: Viewer = Depends(require_viewer)):
    return page(request, "org.html", title="组织架构", editable=viewer.is_management,
                **(organisation()))


def _check_editor(viewer: Viewer) -> None:
    if not viewer.is_management:
        raise PermissionDenied(actor=viewer.id, action="修改人员信息", reason="只有窗口管理科可以办理")


def _edit_page(request: Request, viewer: Viewer, staff_id: str, values: dict | None, errors: dict,
               status_code: int = 200):
    from models.core.org_edit import ORG_ACTION_LABELS, org_changes

    _check_editor(viewer)
    with session_scope() as session:
        person = session.get(Staff, staff_id)
        if person is None:
            raise NotFound(field="工号", value=staff_id)
        colleagues = session.exec(select(Staff).where(Staff.window_id == person.window_id, Staff.id != person.id,
                                                      Staff.status == StaffStatus.active)
                                  .order_by(Staff.id)).all() if person.window_id else []
        window = session.get(Window, person.window_id) if person.window_id else None
        changes = [{"at": e.at, "actor": e.actor, "action": ORG_ACTION_LABELS.get(e.action, e.action),
                    "before": e.details.get("before", _imported(e.details, "old")),
                    "after": e.details.get("after", _imported(e.details, "new"))}
                   for e in org_changes(session=session, staff_id=staff_id, limit=20)]
        shown = values if values is not None else {"phone": person.phone, "email": person.email,
                                                   "b_post": person.b_post_id or ""}
        return page(request, "org_person.html", title=f"修改人员信息 {person.name}", status_code=status_code,
                    person=_person_row(person, {}), window=window.name if window else "（中心科室或部门）",
                    colleagues=[(c.id, f"{c.name}（{c.id}）") for c in colleagues], values=shown, errors=errors,
                    changes=changes)


IMPORTED_FIELDS = {"name": "姓名", "phone": "电话", "email": "电子邮箱", "b_post_id": "B岗", "window_id": "窗口",
                   "department_id": "部门", "role": "岗位", "status": "状态", "leader": "领导", "head_id": "负责人"}


def _imported(details: dict, side: str) -> str:
    """An org import's change of one field (models.core.org_merge), e.g. 「电话：13700000102」."""
    return f"{IMPORTED_FIELDS.get(details.get('field'), details.get('field'))}：{details.get(side) or '—'}"


@router.get("/org/staff/{staff_id}")
def person_page(staff_id: str, request: Request, viewer: Viewer = Depends(require_viewer)):
    return _edit_page(request, viewer, staff_id, None, {})


def edit(staff_id: str, values: dict, viewer: Viewer) -> list[str]:
    from models.core.org_edit import edit_person

    _check_editor(viewer)
    with session_scope() as session:
        return edit_person(session=session, staff_id=staff_id, phone=values.get("phone", ""),
                           email=values.get("email", ""), b_post_id=values.get("b_post") or None, actor=viewer.id)


@router.post("/org/staff/{staff_id}")
async def post_person(staff_id: str, request: Request, viewer: Viewer = Depends(require_viewer)):
    values = await posted_text(request)
    changed, error = await attempt(edit, staff_id, values, viewer)
    if error:
        return await run_in_threadpool(_edit_page, request, viewer, staff_id, values,
                                       errors_by_field(error, ALIASES), 400)
    flash(request, f"已修改 {staff_id} 的{'和'.join(changed)}" if changed else "没有变化，未作修改")
    return redirect(f"/org/staff/{staff_id}")


def _department_page(request: Request, viewer: Viewer, department_id: str, values: dict | None, errors: dict,
                     status_code: int = 200):
    from models.core.org_edit import org_changes

    _check_editor(viewer)
    with session_scope() as session:
        department = session.get(Department, department_id)
        if department is None:
            raise NotFound(field="部门", value=department_id)
        changes = [{"at": e.at, "actor": e.actor, "before": e.details.get("before", {}), "after": e.details.get("after", {})}
                   for e in org_changes(session=session, department_id=department_id, limit=20)]
        shown = values if values is not None else {"leader": department.leader, "phone": department.phone,
                                                   "email": department.email}
        return page(request, "org_department.html", title=f"修改部门联系方式 {department.name}",
                    status_code=status_code, department={"id": department.id, "name": department.name},
                    values=shown, errors=errors, changes=changes)


@router.get("/org/departments/{department_id}")
def department_page(department_id: str, request: Request, viewer: Viewer = Depends(require_viewer)):
    return _department_page(request, viewer, department_id, None, {})


def edit_department(department_id: str, values: dict, viewer: Viewer) -> bool:
    from models.core.org_edit import update_department_contact

    _check_editor(viewer)
    with session_scope() as session:
        return update_department_contact(session=session, department_id=department_id,
                                         leader=values.get("leader", ""), phone=values.get("phone", ""),
                                         email=values.get("email", ""), actor=viewer.id)


@router.post("/org/departments/{department_id}")
async def post_department(department_id: str, request: Request, viewer: Viewer = Depends(require_viewer)):
    values = await posted_text(request)
    changed, error = await attempt(edit_department, department_id, values, viewer)
    if error:
        return await run_in_threadpool(_department_page, request, viewer, department_id, values,
                                       errors_by_field(error, {**ALIASES, "leader": "leader"}), 400)
    flash(request, "已修改部门领导及联系方式" if changed else "没有变化，未作修改")
    return redirect(f"/org/departments/{department_id}")
