"""The web desk's application: signed session cookies, CSRF on every form, security headers, the
pages of each area, and the project's errors shown as Chinese pages."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from fastapi import Depends, FastAPI, Request
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from deployments.web import (forms_complaint, forms_leave, forms_leave_steps, forms_matter, forms_rotation,
                             forms_service, forms_service_steps, routes_calendar, routes_case, routes_documents,
                             routes_home, routes_login, routes_new, routes_overview)
from deployments.web import routes_api_keys
from deployments.web.api.app import create_api
from deployments.web.auth import LoginRequired
from deployments.web.config import WebConfig, secret_key
from deployments.web.csrf import CsrfFailed, csrf_protect
from deployments.web.pages import page
from deployments.web.throttle import LoginThrottle
from models.errors import CenterError, Conflict, NotFound, PermissionDenied

STATIC = Path(__file__).resolve().parent / "static"
PAGE_CSP = ("default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'self'")
ROUTERS = (routes_login, routes_home, routes_case, routes_documents, routes_overview, routes_calendar,
           routes_new, forms_leave, forms_leave_steps, forms_complaint, forms_rotation, forms_matter, forms_service,
           forms_service_steps, routes_api_keys)


def _status_of(error: CenterError) -> int:
    return 404 if isinstance(error, NotFound) else 403 if isinstance(error, PermissionDenied) \
        else 409 if isinstance(error, Conflict) else 400


async def _security_headers(request: Request, call_next):
    response = await call_next(request)
    response.headers.setdefault("Content-Security-Policy", PAGE_CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
    if not request.url.path.startswith("/static/"):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def create_app(config: WebConfig | None = None) -> FastAPI:
    config = config or WebConfig(secret_key=secret_key())
    app = FastAPI(title="窗口工作台", docs_url=None, redoc_url=None, openapi_url=None,
                  dependencies=[Depends(csrf_protect)])
    app.state.throttle = LoginThrottle(account=config.account_backoff, address=config.address_backoff)
    app.middleware("http")(_security_headers)
    app.add_middleware(SessionMiddleware, secret_key=config.secret_key, session_cookie="center_session",
                       max_age=config.session_hours * 3600, same_site="lax", https_only=config.https_only)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount("/api/v1", create_api())  # the source systems' API: its own keys, no cookie, no CSRF
    for module in ROUTERS:
        app.include_router(module.router)

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, _error: LoginRequired):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse("/login?next=" + quote(target if request.method == "GET" else "/"), 303)

    @app.exception_handler(CsrfFailed)
    async def _csrf(request: Request, _error: CsrfFailed):
        return page(request, "error.html", title="表单已失效", status_code=403,
                    message="表单已失效或不是从本系统页面提交的，请刷新页面后重试。")

    @app.exception_handler(CenterError)
    async def _refused(request: Request, error: CenterError):
        return page(request, "error.html", title="无法办理", status_code=_status_of(error), message=str(error))

    return app
