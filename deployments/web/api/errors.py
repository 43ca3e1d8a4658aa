"""The API's refusals as JSON, in Chinese, naming each field and rule (like the desk's forms):
422 for bad input, 409 for a conflicting resubmission, 401/403 for keys, 413 for size."""
from __future__ import annotations

from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from models.core.errors import (CenterError, Conflict, InvalidInput, NotFound, PermissionDenied, PolicyViolation,
                               ValidationFailed, reason_of)


# What the API says differently from the desk and the command line (the one wording of every other
# reason is models.core.errors.reason_of): its fields are JSON members, its times ISO 8601.
API_REASONS = {"missing": "必填", "string_too_short": "必填，不能为空", "extra_forbidden": "不是本接口的字段",
               "json_invalid": "请求体不是有效的 JSON", "model_attributes_type": "请求体应为 JSON 对象",
               "dict_type": "请求体应为 JSON 对象", "string_type": "应为字符串", "bool_type": "应为 true 或 false"}
ISO_TIME = "时间格式应为 ISO 8601，如 2026-11-20T10:00:00+08:00 或 2026-11-20 10:00"


def _pydantic_message(error: dict) -> str:
    kind = error["type"]
    if kind in API_REASONS:
        return API_REASONS[kind]
    return ISO_TIME if kind.startswith(("datetime", "date")) else reason_of(error)


def _body(message: str, problems: list[dict]) -> dict:
    return {"detail": message, "errors": problems}


def validation_refusal(error: RequestValidationError) -> JSONResponse:
    problems = []
    for e in error.errors():
        loc = [str(part) for part in e["loc"] if part != "body"]
        problems.append({"field": ".".join(loc) or "body", "rule": e["type"], "message": _pydantic_message(e)})
    return JSONResponse(_body(f"请求内容有误（{len(problems)} 处），未作任何登记", problems), status_code=422)


# What FastAPI answers (400, English) when the body cannot be read at all, e.g. JSON nested deeper
# than the parser's recursion limit: the API answers it as every other unreadable body (422, Chinese).
UNPARSED_BODY = "There was an error parsing the body"


def unparsed_body_refusal() -> JSONResponse:
    problems = [{"field": "body", "rule": "json_invalid", "message": API_REASONS["json_invalid"]}]
    return JSONResponse(_body("请求内容有误（1 处），未作任何登记", problems), status_code=422)


def _problem(problem: CenterError, names: dict[str, str]) -> dict:
    if isinstance(problem, (InvalidInput, PolicyViolation)):
        return {"field": names.get(problem.field, problem.field), "rule": problem.rule, "message": problem.message}
    if isinstance(problem, NotFound):
        return {"field": names.get(problem.field, problem.field), "rule": "not_found", "message": f"找不到 {problem.value}"}
    return {"field": "", "rule": type(problem).__name__, "message": str(problem)}


def refusal(error: CenterError, names: dict[str, str] | None = None) -> JSONResponse:
    """A refusal of the project's rules as the API answers it (nothing was written)."""
    names = names or {}
    if isinstance(error, Conflict):
        fields = getattr(error, "fields", [])
        return JSONResponse({"detail": str(error), "fields": fields}, status_code=409)
    if isinstance(error, PermissionDenied):
        return JSONResponse({"detail": str(error)}, status_code=403)
    problems = error.problems if isinstance(error, ValidationFailed) else [error]
    shown = [_problem(p, names) for p in problems]
    return JSONResponse(_body(f"请求内容不符合规定（{len(shown)} 处），未作任何登记", shown), status_code=422)
