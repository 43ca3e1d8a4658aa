"""登录 / 退出. Failed attempts are refused for a while per (address, account) and per address, and
only delayed per account (throttle.py: nobody can lock another person out); the address is
client_address.py's. The log never names the account or the address."""
from __future__ import annotations

import asyncio
import logging
import math

from fastapi import APIRouter, Form, Request
from starlette.concurrency import run_in_threadpool

from deployments.web.core.auth import current_viewer, start_session
from deployments.web.core.client_address import client_address
from deployments.web.core.pages import flash, page, redirect
from models.core.db import session_scope
from models.core.users import end_sessions, verify_login
from models.rules.passwords import password_problems

router = APIRouter()
log = logging.getLogger("center.web")


def safe_next(target: str) -> str:
    """Only a path of this desk (never another site) after logging in."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


@router.get("/login")
def login_page(request: Request, next: str = "/"):
    if current_viewer(request):
        return redirect(safe_next(next))
    return page(request, "login.html", title="登录", next=safe_next(next), staff_id="", error="")


def _check(staff_id: str, password: str) -> int | None:
    """The session epoch when the staff number and password match, else None."""
    with session_scope() as session:
        credential = verify_login(session=session, staff_id=staff_id, password=password)
        return credential.session_epoch if credential else None


@router.post("/login")
async def login(request: Request, staff_id: str = Form(""), password: str = Form(""), next: str = Form("/")):
    throttle = request.app.state.throttle
    staff_id, address = staff_id.strip(), client_address(request)
    wait = throttle.wait(account=staff_id, address=address)
    if wait > 0:
        log.info("登录被暂缓（失败次数过多）")
        return page(request, "login.html", title="登录", status_code=429, next=safe_next(next), staff_id=staff_id,
                    error=f"登录失败次数过多，请 {math.ceil(wait)} 秒后再试。")
    await asyncio.sleep(throttle.delay(account=staff_id))  # slowed, never refused: the owner still gets in
    epoch = await run_in_threadpool(_check, staff_id, password)
    if epoch is None:
        throttle.failed(account=staff_id, address=address)
        log.info("登录失败")
        return page(request, "login.html", title="登录", status_code=401, next=safe_next(next), staff_id=staff_id,
                    error="工号或密码不正确。")
    throttle.succeeded(account=staff_id, address=address)
    if password_problems(password, staff_id):  # set before the rule was tightened: change it first
        start_session(request, staff_id=staff_id, epoch=epoch, weak_password=True)
        flash(request, "您的密码不符合现行密码规则，请先修改密码")
        return redirect("/password")
    start_session(request, staff_id=staff_id, epoch=epoch)
    return redirect(safe_next(next))


@router.post("/logout")
def logout(request: Request):
    """Ends every copy of the session (the person's session epoch moves on), not just this cookie."""
    viewer = current_viewer(request)
    if viewer is not None:
        with session_scope() as session:
            end_sessions(session=session, staff_id=viewer.id, actor=viewer.id)
    request.session.clear()
    return redirect("/login")
