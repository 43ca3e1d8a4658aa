"""修改密码: a person changes their own password, proving the current one. Every other copy of their
session ends (models.core.users.change_own_password moves the session epoch on); this browser gets a
fresh session. Wrong current passwords are slowed down like failed log-ins (throttle.py)."""
from __future__ import annotations

import math

from fastapi import APIRouter, Depends, Form, Request
from starlette.concurrency import run_in_threadpool

from deployments.web.core.auth import Viewer, require_viewer, start_session
from deployments.web.core.client_address import client_address
from deployments.web.core.pages import flash, page, redirect
from models.core.db import session_scope
from models.core.errors import InvalidInput
from models.core.users import change_own_password

router = APIRouter()
ALIASES = {"当前密码": "current", "新密码": "new", "确认新密码": "confirm"}


def _form(request: Request, errors: dict, status_code: int = 200):
    return page(request, "password.html", title="修改密码", status_code=status_code, errors=errors)


@router.get("/password")
def password_page(request: Request, viewer: Viewer = Depends(require_viewer)):
    return _form(request, {})


def change(staff_id: str, current: str, new: str) -> int:
    with session_scope() as session:
        return change_own_password(session=session, staff_id=staff_id, current=current, new=new).session_epoch


@router.post("/password")
async def post_password(request: Request, current: str = Form(""), new: str = Form(""), confirm: str = Form(""),
                        viewer: Viewer = Depends(require_viewer)):
    throttle = request.app.state.throttle
    address = client_address(request)
    wait = throttle.wait(account=viewer.id, address=address)
    if wait > 0:
        return _form(request, {"current": [f"尝试次数过多，请 {math.ceil(wait)} 秒后再试。"]}, 429)
    if new != confirm:
        return _form(request, {"confirm": ["两次输入的新密码不一致"]}, 400)
    try:
        epoch = await run_in_threadpool(change, viewer.id, current, new)
    except InvalidInput as error:
        if error.field == "当前密码":
            throttle.failed(account=viewer.id, address=address)
        return _form(request, {ALIASES.get(error.field, "current"): [error.message]}, 400)
    throttle.succeeded(account=viewer.id, address=address)
    start_session(request, staff_id=viewer.id, epoch=epoch)
    flash(request, "密码已修改；其他电脑、浏览器上的登录已全部结束")
    return redirect("/")
