"""The project's errors as a page shows them: each message next to the field it concerns."""
from __future__ import annotations

from models.errors import CenterError, InvalidInput, NotFound, PolicyViolation, ValidationFailed


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
