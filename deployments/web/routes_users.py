"""登录账号 (窗口管理科 only): who has a log-in to the desk, and "sign this person out" — every
session of theirs ends at once (models.users.end_sessions), e.g. a lost phone or a copied cookie."""
from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, Request
from sqlmodel import select
from starlette.concurrency import run_in_threadpool

from deployments.web.auth import Viewer, management_only
from deployments.web.pages import flash, page, redirect
from models.db import session_scope
from models.org import ROLE_LABELS, Staff
from models.users import UserCredential, end_sessions

router = APIRouter()
log = logging.getLogger("center.web")
may_manage = management_only("管理登录账号", "只有窗口管理科可以管理登录账号")
may_sign_out = management_only("结束他人的登录会话", "只有窗口管理科可以结束他人的登录会话")


def accounts() -> list[dict]:
    with session_scope() as session:
        rows = session.exec(select(Staff, UserCredential).join(UserCredential, UserCredential.staff_id == Staff.id)
                            .order_by(Staff.id)).all()
    return [{"id": s.id, "name": s.name, "role": ROLE_LABELS[s.role], "window": s.window_id or "—",
             "set_at": c.set_at} for s, c in rows]


@router.get("/users")
def users_page(request: Request, viewer: Viewer = Depends(may_manage)):
    return page(request, "users.html", title="登录账号", accounts=accounts())


def sign_out(staff_id: str, actor: str) -> None:
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
