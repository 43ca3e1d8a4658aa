"""CSRF protection for every form: a random token kept in the signed session, sent back in a
hidden field, compared in constant time; a foreign Origin is refused outright."""
from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlsplit

from fastapi import Request

FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class CsrfFailed(Exception):
    """The form did not come from a page of this desk (or the page is too old)."""


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return token


def rotate_token(request: Request) -> None:
    request.session["csrf"] = secrets.token_urlsafe(32)


async def csrf_protect(request: Request) -> None:
    """An app-wide dependency: every unsafe request must carry the session's token."""
    if request.method in SAFE_METHODS:
        return
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.url.netloc:
        raise CsrfFailed()
    expected = request.session.get("csrf", "")
    form = await request.form()
    sent = form.get(FIELD, "")
    if not expected or not isinstance(sent, str) or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise CsrfFailed()
