"""用户 / 登录账号 (窗口管理科 only): set or reset a person's log-in password on the desk — the same
rule as `center users set-password` (models.core.users.set_password: the management section only, the
length rules; a new password ends the person's older sessions) — and "sign this person out": every
session of theirs ends at once (models.core.users.end_sessions), e.g. a lost phone or a copied cookie."""
from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, Request
from sqlmodel import select
from starlette.concurrency import run_in_threadpool

from deployments.web.core.auth import Viewer, management_only
from deployments.web.core.errors import attempt, errors_by_field
from deployments.web.core.pager import page_request, pager
from deployments.web.core.pages import flash, page, redirect
from models.core.db import session_scope
from models.core.paging import page_of
from models.core.errors import InvalidInput, NotFound
from models.core.org import ROLE_LABELS, Staff, StaffStatus

router = APIRouter()
log = logging.getLogger("center.web")
may_set = management_only("设置登录密码", "只有窗口管理科可以设置密码")
may_sign_out = management_only("结束他人的登录会话", "只有窗口管理科可以结束他人的登录会话")
PAGE_SIZE = 50
ALIASES = {"密码": "password", "password": "password", "confirm": "confirm", "确认密码": "confirm"}


@router.get("/users")
def users_page(request: Request, viewer: Viewer = Depends(may_set)):
    """The people a page at a time (issue 30), each with when its password was set."""
    from models.core.users import UserCredential

    asked = page_request(request, size=PAGE_SIZE)
    with session_scope() as session:
        shown = page_of(session, select(Staff, UserCredential)
                        .join(UserCredential, UserCredential.staff_id == Staff.id, isouter=True)
                        .order_by(Staff.window_id, Staff.id), number=asked.number, size=asked.size)
        people = [{"id": s.id, "name": s.name, "role": ROLE_LABELS[s.role], "window": s.window_id or "—",
                   "active": s.status == StaffStatus.active,
                   "set": f"{c.set_at:%Y-%m-%d %H:%M}（{c.set_by}）" if c else ""} for s, c in shown.items]
    return page(request, "users.html", title="登录账号", people=people, pager=pager(request, shown))


def _password_page(request: Request, viewer: Viewer, staff_id: str, errors: dict, status_code: int = 200):
    with session_scope() as session:
        person = session.get(Staff, staff_id)
        if person is None:
            raise NotFound(field="工号", value=staff_id)
        name = person.name
    return page(request, "user_password.html", title="设置登录密码", status_code=status_code, staff_id=staff_id,
                person_name=name, errors=errors)


@router.get("/users/{staff_id}/password")
def password_page(staff_id: str, request: Request, viewer: Viewer = Depends(may_set)):
    return _password_page(request, viewer, staff_id, {})


def set_password(staff_id: str, password: str, confirm: str, viewer: Viewer) -> None:
    from models.core.users import set_password

    with session_scope() as session:
        if password != confirm:
            raise InvalidInput(field="confirm", message="两次输入的密码不一致")
        set_password(session=session, staff_id=staff_id, password=password, actor=viewer.id)


@router.post("/users/{staff_id}/password")
async def post_password(staff_id: str, request: Request, viewer: Viewer = Depends(may_set)):
    form = await request.form()
    password, confirm = str(form.get("password", "")), str(form.get("confirm", ""))
    _, error = await attempt(set_password, staff_id, password, confirm, viewer)
    if error:
        return await run_in_threadpool(_password_page, request, viewer, staff_id,
                                       errors_by_field(error, ALIASES), 400)
    flash(request, f"已为 {staff_id} 设置登录密码，其原有的登录随之失效")
    return redirect("/users")


def sign_out(staff_id: str, actor: str) -> None:
    from models.core.users import end_sessions

    with session_scope() as session:
        end_sessions(session=session, staff_id=staff_id, actor=actor)


@router.post("/users/{staff_id}/sign-out")
async def sign_out_person(staff_id: str, request: Request, viewer: Viewer = Depends(may_sign_out)):
    await run_in_threadpool(sign_out, staff_id, viewer.id)
    log.info("强制退出：%s 的全部登录会话已结束（操作人 %s）", staff_id, viewer.id)
    if staff_id == viewer.id:
        request.session.clear()
        return redirect("/login")
    flash(request, f"已结束 {staff_id} 的全部登录会话")
    return redirect("/users")
