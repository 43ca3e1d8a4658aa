"""Checks every request passes before any page's own code runs: the case store exists (`center init`
has been run), the body is not over the cap (refused before the CSRF check reads the form), and no
input carries a NUL byte (refused naming the field: never stored, never mailed)."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from fastapi import HTTPException, Request
from fastapi import Path as PathParameter
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from models.core.db import ensure_store_initialised
from models.core.errors import NUL_REFUSED, CenterError, InvalidInput, NotFound

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"
_FIELD = re.compile(r'f\.\w+\(\s*"([\w-]+)",\s*"([^"]+)"')
# A row id in a page address: what an INTEGER column holds on both stores (PostgreSQL's is 32-bit);
# anything else names no row (404), instead of overflowing the database driver (500).
RowId = Annotated[int, PathParameter(ge=1, le=2**31 - 1)]
# The longest id a page address names: a case reference, staff id, department id or matter code
# (models.core.cases.Case.ref and the organisation's keys: 40 characters).
ID_LENGTH = 40
TOO_LARGE = "提交的内容过大：最多 {mb} MB（CENTER_WEB_MAX_BODY_MB），请减少或压缩附件后重试。"


class BodyTooLarge(HTTPException):
    def __init__(self, max_bytes: int):
        super().__init__(status_code=413, detail=TOO_LARGE.format(mb=max_bytes // 2**20))


class BodyLimit:
    """ASGI middleware: a declared Content-Length over the cap is answered 413 without reading the
    body; a body streamed without one is cut off (BodyTooLarge) as soon as it passes the cap."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if not declared.isdigit() or int(declared) > self.max_bytes:
            return await self._refuse(send)
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise BodyTooLarge(self.max_bytes)
            return message

        await self.app(scope, limited, send)

    async def _refuse(self, send: Send) -> None:
        body = too_large_page(self.max_bytes).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"text/html; charset=utf-8"), (b"connection", b"close"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def too_large_page(max_bytes: int) -> str:
    from tasks.core.render import render

    return render("web/error.html", title="提交的内容过大", viewer=None, menu=[], current="", csrf_token="",
                  notice="", message=TOO_LARGE.format(mb=max_bytes // 2**20))


@lru_cache(maxsize=1)
def field_labels() -> dict[str, str]:
    """Each input's Chinese label, as the desk's forms show it (templates/web: f.text("name", "label"…))."""
    labels: dict[str, str] = {}
    for template in sorted(TEMPLATES.glob("*/*.page.html")):
        for name, label in _FIELD.findall(template.read_text(encoding="utf-8")):
            labels.setdefault(name, label)
    return labels


async def require_store(_request: Request) -> None:
    """An app-wide dependency: before `center init`, every page says so (StoreNotInitialised, 503)."""
    await run_in_threadpool(ensure_store_initialised)


def path_problem(name: str, value: str) -> CenterError | None:
    """What is wrong with a page address's part before any database sees it: a NUL byte (refused on
    both stores, naming the part), or an id longer than any stored one (names no row: 404)."""
    if "\x00" in value:
        return InvalidInput(field=name, message=NUL_REFUSED)
    if len(value) > ID_LENGTH:
        return NotFound(field=name, value=f"{value[:ID_LENGTH]}…（超过 {ID_LENGTH} 个字符）")
    return None


async def refuse_nul(request: Request) -> None:
    """An app-wide dependency: a NUL byte in the address (its path or query) or in a form's text is
    refused, naming the field; an over-long id in the path names nothing (path_problem)."""
    for name, value in request.path_params.items():
        problem = path_problem(name, value) if isinstance(value, str) else None
        if problem is not None:
            raise problem
    fields = list(request.query_params.multi_items())
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        fields += [(k, v) for k, v in (await request.form()).multi_items() if isinstance(v, str)]
    for name, value in fields:
        if "\x00" in value or "\x00" in name:
            label = field_labels().get(name, name.replace("\x00", "\\x00"))
            raise InvalidInput(field=label, message=NUL_REFUSED)
