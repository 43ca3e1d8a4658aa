"""What the oversight pages (巡查, 学习培训, IT设备, 考核) share: the procedures' own permission rule
run before a page is shown, the choices of windows and staff, a time typed in a form, and which
window a viewer's registers are limited to (a window reads its own findings: 窗口巡查制度 四)."""
from __future__ import annotations

from datetime import datetime

from fastapi import Request
from sqlmodel import select

from deployments.web.core.auth import Viewer
from models.core.clock import local_now, parse_local
from models.core.db import session_scope
from models.core.errors import InvalidInput
from models.core.org import Staff, StaffStatus, Window


def check_management(viewer: Viewer, action: str) -> None:
    """The management section only — the rule the procedures' tasks apply (models.core.workitems)."""
    from models.core.workitems import check_management as rule

    with session_scope() as session:
        rule(session=session, actor_id=viewer.id, action=action)


def own_window(viewer: Viewer) -> str | None:
    """None: the center's sections read every window; anybody else reads their own window only."""
    return None if viewer.is_center else (viewer.window_id or "—")


def windows() -> list[tuple[str, str]]:
    with session_scope() as session:
        return [(w.id, f"{w.name}（{w.id}）") for w in session.exec(select(Window).order_by(Window.id)).all()]


def window_staff() -> list[tuple[str, str]]:
    with session_scope() as session:
        rows = session.exec(select(Staff).where(Staff.window_id.is_not(None), Staff.status == StaffStatus.active)
                            .order_by(Staff.window_id, Staff.id)).all()
        return [(s.id, f"{s.name}（{s.id}，{s.window_id}）") for s in rows]


def form_time(text: str, field: str, default_now: bool = True) -> datetime | None:
    """A datetime-local input ('2026-10-12T09:40') or typed text; empty → now (or None)."""
    if not text.strip():
        return local_now().replace(second=0, microsecond=0) if default_now else None
    try:
        return parse_local(text.replace("T", " "))
    except ValueError:
        raise InvalidInput(field=field, message=f"「{text}」不是有效时间，应为 YYYY-MM-DD HH:MM") from None


def input_time(value: datetime | None) -> str:
    """A datetime as a datetime-local input's value."""
    return value.strftime("%Y-%m-%dT%H:%M") if value else ""


def year_of(text: str | None, field: str = "year") -> int:
    if not text:
        return local_now().year
    if not text.strip().isdigit() or not 2000 <= int(text) <= 2100:
        raise InvalidInput(field=field, message=f"「{text}」不是有效年度，应为如 2026")
    return int(text)


async def form_values(request: Request, *lists: str) -> dict:
    """The posted text fields, the multi-valued ones (ticked boxes) as lists."""
    form = await request.form()
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    return {**values, **{name: [v for v in form.getlist(name) if isinstance(v, str)] for name in lists}}
