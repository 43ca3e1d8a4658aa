"""A refusal carried from a step worker back to its caller as JSON (models/core/step_requests.py): the
caller raises the same CenterError — same class, field, rule and message — as if it had run the
step itself, so the web desk shows it next to the field and the CLI exits 2."""
from __future__ import annotations

from typing import Any

from models.core import errors
from models.core.pending import StepPending


def error_to_json(error: BaseException) -> dict[str, Any]:
    """Any exception; a CenterError and a StepPending come back as themselves (the rest as StepFailed)."""
    data: dict[str, Any] = {"type": type(error).__name__, "message": str(error),
                            "refusal": isinstance(error, errors.CenterError)}
    if isinstance(error, StepPending):  # e.g. the decision recorded, its advance failed on the worker
        data["pending"] = {"notice": error.notice, "case_ref": error.case_ref}
    if isinstance(error, errors.CenterError):
        data["attributes"] = {k: v for k, v in vars(error).items()
                              if k != "problems" and isinstance(v, (str, int, float, bool, type(None)))}
        if isinstance(error, errors.ValidationFailed):
            data["problems"] = [error_to_json(p) for p in error.problems]
    return data


class StepFailed(RuntimeError):
    """A step failed on its worker for a reason that is not a refusal (or the worker died)."""


def error_from_json(data: dict[str, Any]) -> Exception:
    if data.get("pending"):
        return StepPending(data["pending"]["notice"], data["pending"]["case_ref"])
    kind = getattr(errors, data.get("type", ""), None)
    if not data.get("refusal") or not (isinstance(kind, type) and issubclass(kind, errors.CenterError)):
        return StepFailed(f"{data.get('type', '错误')}: {data.get('message', '')}")
    error = kind.__new__(kind)
    Exception.__init__(error, data["message"])
    error.__dict__.update(data.get("attributes", {}))
    if kind is errors.ValidationFailed:
        error.problems = [error_from_json(p) for p in data.get("problems", [])]
    return error
