"""The web desk's application: signed session cookies, CSRF on every form, security headers, the
pages of each area, and the project's errors shown as Chinese pages."""
from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.middleware.sessions import SessionMiddleware

from deployments.web.core import oversight as pages_oversight
from deployments.web.core import org as pages_org
from deployments.web.core import procedure_guide as pages_procedures
from deployments.web.core import search as pages_search
from deployments.web.core import users as pages_users
from deployments.web.core import calendar as routes_calendar
from deployments.web.core import case as routes_case
from deployments.web.core import case_actions as routes_case_actions
from deployments.web.core import documents as routes_documents
from deployments.web.core import home as routes_home
from deployments.web.core import login as routes_login
from deployments.web.core import my_work as routes_my_work
from deployments.web.core import new as routes_new
from deployments.web.core import overview as routes_overview
from deployments.web.core import password as routes_password
from deployments.web.core import stats as routes_stats
from deployments.web.api.app import create_api
from deployments.web.core.auth import PASSWORD_PAGE, LoginRequired, PasswordChangeRequired
from deployments.web.core.config import WebConfig, secret_key
from deployments.web.core.csrf import CsrfFailed, csrf_protect
from deployments.web.core.slices import slice_pages
from deployments.web.core.guard import BodyLimit, BodyTooLarge, refuse_nul, require_store
from deployments.web.core.pages import flash, page, redirect
from deployments.web.core.throttle import LoginThrottle
from models.core.errors import CenterError, Conflict, NotFound, PermissionDenied, StoreNotInitialised
from models.core.files import DISK_FULL, is_disk_full
from models.core.pending import ENGINE_AWAY, StepPending, engine_unreachable

STATIC = Path(__file__).resolve().parent / "static"
PAGE_CSP = ("default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'self'")
# The foundations' pages; each slice's are named in its spec (models/procedures.py).
CORE_ROUTERS = (routes_login, routes_home, routes_my_work, routes_case, routes_case_actions,
                routes_documents, routes_overview, routes_calendar,
                routes_new, pages_oversight, pages_org, pages_users, pages_search, routes_password, routes_stats,
                pages_procedures)
ROUTERS = (*CORE_ROUTERS, *slice_pages())


def _status_of(error: CenterError) -> int:
    return 404 if isinstance(error, NotFound) else 403 if isinstance(error, PermissionDenied) \
        else 409 if isinstance(error, Conflict) else 503 if isinstance(error, StoreNotInitialised) else 400


SECURITY_HEADERS = {"content-security-policy": PAGE_CSP, "x-content-type-options": "nosniff",
                    "referrer-policy": "same-origin", "x-frame-options": "SAMEORIGIN"}


class SecurityHeaders:
    """ASGI middleware adding the headers a response does not set itself (a plain ASGI one, not
    BaseHTTPMiddleware: a refusal raised while the body is read must reach the app's handlers as is)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        defaults = dict(SECURITY_HEADERS)
        if not scope["path"].startswith("/static/"):
            defaults["cache-control"] = "no-store"

        async def with_headers(message):
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                missing = [(k.encode(), v.encode()) for k, v in defaults.items() if k.encode() not in present]
                message["headers"] = [*message.get("headers", []), *missing]
            await send(message)

        await self.app(scope, receive, with_headers)


@asynccontextmanager
async def warmed(app: FastAPI):
    """`center web`'s start-up: what the first clerk's page and form would load, loaded before the desk
    listens (deployments/web/core/warm.py; issue 28 item 18, issue 30's first request ≤ 1 s)."""
    from deployments.web.core.warm import warm_up

    app.state.warmed = await run_in_threadpool(warm_up)
    yield


def create_app(config: WebConfig | None = None, *, warm: bool = False) -> FastAPI:
    """`warm`: load at start-up what the first requests would (`center web`; tests start cold)."""
    config = config or WebConfig(secret_key=secret_key())
    app = FastAPI(title="窗口工作台", docs_url=None, redoc_url=None, openapi_url=None, lifespan=warmed if warm else None,
                  dependencies=[Depends(require_store), Depends(csrf_protect), Depends(refuse_nul)])
    app.state.throttle = LoginThrottle(pair=config.pair_backoff, address=config.address_backoff,
                                       account_delay=config.account_delay)
    app.add_middleware(SessionMiddleware, secret_key=config.secret_key, session_cookie="center_session",
                       max_age=config.session_hours * 3600, same_site="lax", https_only=config.https_only)
    app.add_middleware(BodyLimit, max_bytes=config.max_body_bytes)  # before the session is read and the CSRF check
    app.add_middleware(SecurityHeaders)  # outermost: every response, a refusal of the body cap included
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount("/api/v1", create_api())  # the source systems' API: its own keys, no cookie, no CSRF
    for module in ROUTERS:
        app.include_router(module.router)

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, _error: LoginRequired):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse("/login?next=" + quote(target if request.method == "GET" else "/"), 303)

    @app.exception_handler(PasswordChangeRequired)
    async def _weak_password(_request: Request, _error: PasswordChangeRequired):
        return RedirectResponse(PASSWORD_PAGE, 303)

    @app.exception_handler(CsrfFailed)
    async def _csrf(request: Request, _error: CsrfFailed):
        return page(request, "error.html", title="表单已失效", status_code=403,
                    message="表单已失效或不是从本系统页面提交的，请刷新页面后重试。")

    @app.exception_handler(CenterError)
    async def _refused(request: Request, error: CenterError):
        if isinstance(error, StoreNotInitialised):
            request.state.viewer = None  # nobody to look up in a store that does not exist
        return page(request, "error.html", title="无法办理", status_code=_status_of(error), message=str(error))

    @app.exception_handler(OSError)
    @app.exception_handler(SQLAlchemyError)
    async def _disk_full(request: Request, error: Exception):
        """A full disk (the data folder, the documents, the database) is said in Chinese (507), not as a
        bare "Internal Server Error"; any other failure stays one."""
        if not is_disk_full(error):
            raise error
        return page(request, "error.html", title="磁盘空间已满", status_code=507, message=DISK_FULL)

    @app.exception_handler(RuntimeError)
    async def _engine_away(request: Request, error: RuntimeError):
        """The Prefect API out of reach before anything was recorded (a whole application is one flow):
        said in Chinese (503), never a bare 500; any other failure stays one."""
        if not engine_unreachable(error):
            raise error
        return page(request, "error.html", title="流程引擎暂不可用", status_code=503, message=ENGINE_AWAY)

    @app.exception_handler(StepPending)
    async def _pending(request: Request, pending: StepPending):
        """Kept, not finished now (a decision recorded, a step queued): the notice on the case page."""
        if pending.case_ref is None:
            return page(request, "error.html", title="已受理", status_code=202, message=pending.notice)
        flash(request, pending.notice)
        return redirect(f"/cases/{quote(pending.case_ref)}")

    @app.exception_handler(BodyTooLarge)
    async def _too_large(request: Request, error: BodyTooLarge):
        return page(request, "error.html", title="提交的内容过大", status_code=413, message=error.detail)

    @app.exception_handler(RequestValidationError)
    async def _malformed(request: Request, error: RequestValidationError):
        """A page address naming nothing that can exist (e.g. an id beyond any row's) is a 404."""
        if any(e["loc"][:1] == ("path",) for e in error.errors()):
            return page(request, "error.html", title="找不到", status_code=404,
                        message=f"找不到 {request.url.path}")
        return page(request, "error.html", title="无法办理", status_code=400, message="提交的内容不完整或格式不对，请返回重试。")

    return app
