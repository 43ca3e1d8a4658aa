"""The source systems' API, mounted by the desk under /api/v1/ (deployments/web/core/app.py): its own
FastAPI application, so the desk's CSRF check, session cookie and error pages do not apply, with
its own OpenAPI document (/api/v1/openapi.json) and page (/api/v1/docs), in Chinese.

Bodies over MAX_BODY bytes are refused with 413 before anything reads them."""
from __future__ import annotations

import json
from importlib.resources import files

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from deployments.web.api import clock_records, complaints, hotline, ratings
from deployments.web.api.errors import UNPARSED_BODY, unparsed_body_refusal, validation_refusal

MAX_BODY = 64 * 1024  # an order's text is at most 2,000 characters; 64 KiB leaves room for the rest
# Swagger UI's script and style come with the fastapi-offline package (no CDN: the center's network
# may not reach the Internet); the page itself has one inline script that starts it.
DOCS_ASSETS = files("fastapi_offline") / "static"
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self'; img-src 'self' data:; "
            "object-src 'none'; frame-ancestors 'self'")
DEFAULT_DETAILS = {"Not Found": "没有这个接口", "Method Not Allowed": "此接口不支持该请求方法"}
DESCRIPTION = """12345热线转办工单和政务服务“好差评”评价的报送接口，以及办理结果查询。

* 认证：请求头 `Authorization: Bearer <密钥>`；密钥由窗口管理科签发（`center api-keys issue 12345 --as G001`），按来源系统限定可调用的接口。
* 幂等：工单号、评价编号为幂等键；同一内容重复报送返回 200 和同一案件编号，内容不同返回 409 并列出不同的字段。
* 内容有误返回 422，逐项列出字段和规则；被拒绝的请求不作任何登记。
* 考勤记录：考勤系统以系统 `attendance` 的密钥（权限 clock-records）报送打卡记录（POST /api/v1/clock-records），整批校验、重复报送不重复登记。
* 办理结果：12345工单办结、差评答复经窗口管理科审核通过后，由通知发件箱回传来源系统（失败自动重试）。"""


class BodyLimit:
    """Pure ASGI: a declared length over the limit is refused at once; a body without a declared
    length (chunked) is read up to the limit first and refused as soon as it passes it."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            if not declared.isdigit() or int(declared) > self.limit:
                return await self._refuse(send)
            return await self.app(scope, receive, send)
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return
            chunks.append(message.get("body", b""))
            size, more = size + len(chunks[-1]), message.get("more_body", False)
            if size > self.limit:
                return await self._refuse(send)
        replay = [{"type": "http.request", "body": b"".join(chunks), "more_body": False}]

        async def buffered() -> dict:
            return replay.pop() if replay else await receive()

        await self.app(scope, buffered, send)

    async def _refuse(self, send: Send) -> None:
        body = json.dumps({"detail": f"请求体超过 {self.limit // 1024} KiB，未作任何登记", "errors": []},
                          ensure_ascii=False).encode("utf-8")
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def create_api() -> FastAPI:
    api = FastAPI(title="青浦区行政服务中心 投诉与考勤接口", version="1", description=DESCRIPTION, docs_url=None,
                  redoc_url=None, openapi_url="/openapi.json")
    for module in (hotline, ratings, complaints, clock_records):
        api.include_router(module.router)
    api.add_middleware(BodyLimit, limit=MAX_BODY)

    @api.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, error: StarletteHTTPException):
        if error.status_code == 400 and error.detail == UNPARSED_BODY:  # e.g. JSON nested too deep to read
            return unparsed_body_refusal()
        detail = DEFAULT_DETAILS.get(error.detail, error.detail)
        return JSONResponse({"detail": detail}, status_code=error.status_code, headers=error.headers)

    @api.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, error: RequestValidationError):
        return validation_refusal(error)

    api.mount("/docs-assets", StaticFiles(directory=str(DOCS_ASSETS)), name="docs-assets")

    @api.get("/docs", include_in_schema=False)
    async def _docs(request: Request):
        root = request.scope.get("root_path", "")
        page = get_swagger_ui_html(openapi_url=root + "/openapi.json", title="投诉接口文档",
                                   swagger_js_url=root + "/docs-assets/swagger-ui-bundle.js",
                                   swagger_css_url=root + "/docs-assets/swagger-ui.css",
                                   swagger_favicon_url=root + "/docs-assets/favicon.png")
        page.headers["Content-Security-Policy"] = DOCS_CSP
        return page

    return api
