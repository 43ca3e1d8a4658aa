"""A form posted about one case beside its decision (延期 of a complaint or of a service case, the
service case's materials check): its action run off the event loop; a refusal shows the same form
again, each message next to its field (400, nothing written); done, back to the case page with what
happened in a flash."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from deployments.web.core.auth import Viewer
from deployments.web.core.errors import attempt, errors_by_field, posted_text
from deployments.web.core.pages import flash, redirect


async def post_case_form(request: Request, viewer: Viewer, ref: str, *,
                         action: Callable[[str, dict, Viewer], Any],
                         form: Callable[[Request, Viewer, str, dict, dict, int], Response],
                         aliases: dict[str, str], done: Callable[[Any], str]) -> Response:
    """`action(ref, values, viewer)` with the posted text; on a refusal `form(request, viewer, ref,
    values, errors, 400)` (`aliases`: the names the errors use → the form's inputs,
    `errors_by_field`); else flash `done(result)` and see the case."""
    values = await posted_text(request)
    result, error = await attempt(action, ref, values, viewer)
    if error:
        return await run_in_threadpool(form, request, viewer, ref, values, errors_by_field(error, aliases), 400)
    flash(request, done(result))
    return redirect(f"/cases/{ref}")
