"""Rendering the desk's pages with the project's HTML environment (tasks/render.py: sandboxed,
autoescaped, StrictUndefined), and the pieces every page shows: the menu, a one-time notice."""
from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse

from deployments.web.auth import Viewer, current_viewer
from deployments.web.csrf import csrf_token
from tasks.render import render


def menu(viewer: Viewer | None) -> list[tuple[str, str]]:
    if viewer is None:
        return []
    items = [("/", "我的待办"), ("/new", "新建"), ("/calendar", "工作日历"), ("/oversight", "监督考核"), ("/password", "修改密码")]
    if viewer.is_management:
        items += [("/overview", "管理总览"), ("/users", "登录账号")]
    return items


def flash(request: Request, message: str) -> None:
    """A notice shown once, on the next page (e.g. after a redirect)."""
    request.session["flash"] = message


def page(request: Request, name: str, *, title: str, status_code: int = 200, **context) -> HTMLResponse:
    viewer = current_viewer(request)
    html = render(f"web/{name}", title=title, viewer=viewer, menu=menu(viewer), current=request.url.path,
                  csrf_token=csrf_token(request), notice=request.session.pop("flash", ""), **context)
    return HTMLResponse(html, status_code=status_code)


def redirect(path: str) -> RedirectResponse:
    """After a successful POST: see the result with a GET (no double submission on reload)."""
    return RedirectResponse(path, status_code=303)
