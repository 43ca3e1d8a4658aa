"""Rendering the desk's pages with the project's HTML environment (tasks/core/render.py: sandboxed,
autoescaped, StrictUndefined), and the pieces every page shows: the menu (deployments/web/core/nav.py), a one-time notice."""
from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse

from deployments.web.core.auth import current_viewer
from deployments.web.core.csrf import csrf_token
from deployments.web.core.nav import menu
from tasks.core.render import render


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
