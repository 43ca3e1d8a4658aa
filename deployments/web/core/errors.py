"""The project's errors as a page shows them: each message next to the field it concerns; a posted
form's action run with its refusals kept for the form."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from models.core.errors import CenterError, InvalidInput, NotFound, PermissionDenied, PolicyViolation, ValidationFailed


def _field_and_message(problem: CenterError) -> tuple[str | None, str]:
    if isinstance(problem, (InvalidInput, PolicyViolation)):
        return problem.field, problem.message
    if isinstance(problem, NotFound):
        return problem.field, f"找不到 {problem.value}"
    return None, str(problem)


def errors_by_field(error: CenterError, aliases: dict[str, str]) -> dict[str, list[str]]:
    """`aliases`: the names errors use (a model field, a Chinese label) → the form's input name.
    A problem no input shows goes under "" (listed above the form) with its field named."""
    problems = error.problems if isinstance(error, ValidationFailed) else [error]
    shown: dict[str, list[str]] = {}
    for problem in problems:
        field, message = _field_and_message(problem)
        name = aliases.get(field or "", aliases.get((field or "").split(".")[0]))
        if name is None:
            shown.setdefault("", []).append(f"{field}：{message}" if field else message)
        else:
            shown.setdefault(name, []).append(message)
    return shown


async def posted_text(request: Request) -> dict[str, str]:
    """The form's text fields (uploaded files left out)."""
    return {k: v for k, v in (await request.form()).items() if isinstance(v, str)}


async def attempt(action: Callable[..., Any], *args) -> tuple[Any, CenterError | None]:
    """Run a form's action off the event loop: (its result, None), or (None, the refusal) for the
    form to show next to its fields. A PermissionDenied is raised: the refusal page (403)."""
    try:
        return await run_in_threadpool(action, *args), None
    except PermissionDenied:
        raise
    except CenterError as error:
        return None, error
