"""The project's own errors. Each carries the field and the rule it concerns, in Chinese."""
from __future__ import annotations

import re
import sys
from enum import Enum


# A NUL byte in any text: PostgreSQL cannot store it and SQLite would; refused on both, naming the field.
NUL_REFUSED = "含有空字符（NUL），请删除后重新提交"


class CenterError(Exception):
    """Base class: a refusal the user can act on (exit status 2 at the command line)."""


class InvalidInput(CenterError):
    """`field` is the attribute path (what a web form marks); `label` its Chinese title, when known."""

    def __init__(self, *, field: str, message: str, rule: str = "input", label: str = ""):
        self.field, self.rule, self.message, self.label = field, rule, message, label
        super().__init__(f"{label}（{field}）: {message}" if label and label != field else f"{field}: {message}")


class PolicyViolation(CenterError):
    def __init__(self, *, rule: str, field: str, message: str, overridable: bool = False):
        self.rule, self.field, self.message, self.overridable = rule, field, message, overridable
        super().__init__(f"{field}: {message}（{rule}）")


class ValidationFailed(CenterError):
    """Several problems found at once (一次性告知): every one is listed."""

    def __init__(self, *, problems: list[CenterError]):
        self.problems = problems
        super().__init__("；".join(str(p) for p in problems))


class NotFound(CenterError):
    def __init__(self, *, field: str, value: object):
        self.field, self.value = field, value
        super().__init__(f"{field}: 找不到 {value}")


class PermissionDenied(CenterError):
    def __init__(self, *, actor: str, action: str, reason: str):
        self.actor, self.action = actor, action
        super().__init__(f"{actor} 无权{action}：{reason}")


class Conflict(CenterError):
    """Somebody else changed the thing first (e.g. two clerks completing one work item)."""


class InvalidTransition(CenterError):
    def __init__(self, *, kind_label: str, status_label: str, event_label: str):
        super().__init__(f"不能对状态为「{status_label}」的{kind_label}执行「{event_label}」")


class StoreNotInitialised(CenterError):
    """The case store has no tables yet: `center init` has not been run against it."""

    MESSAGE = "案件库尚未初始化，请先运行 center init"

    def __init__(self):
        super().__init__(self.MESSAGE)


def raise_all(problems: list[CenterError]) -> None:
    """Raise every problem at once, or nothing."""
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise ValidationFailed(problems=problems)


def reason_of(error: dict) -> str:
    """Why pydantic refused a value, in Chinese (one of `ValidationError.errors()`): its own message
    is English. Our validators raise Chinese `ValueError`s, kept as they are."""
    kind, context = error["type"], error.get("ctx") or {}
    if kind == "value_error":
        return str(context.get("error", "")) or "取值无效"
    reasons = {
        "missing": "必填", "string_too_short": "不能为空", "too_short": "至少需要一项",
        "string_too_long": f"不能超过 {context.get('max_length')} 个字符", "too_long": "项数过多",
        "enum": f"取值「{error.get('input')}」无效，应为 {_expected(context)}",
        "literal_error": f"取值「{error.get('input')}」无效，应为 {_expected(context)}",
        "date_parsing": "日期应为 YYYY-MM-DD", "date_from_datetime_parsing": "日期应为 YYYY-MM-DD",
        "date_type": "日期应为 YYYY-MM-DD", "date_from_datetime_inexact": "日期应为 YYYY-MM-DD",
        "datetime_parsing": "时间应为 YYYY-MM-DD HH:MM", "datetime_from_date_parsing": "时间应为 YYYY-MM-DD HH:MM",
        "datetime_type": "时间应为 YYYY-MM-DD HH:MM", "time_parsing": "时刻应为 HH:MM",
        "int_parsing": "应为整数", "int_type": "应为整数", "int_from_float": "应为整数",
        "float_parsing": "应为数字", "float_type": "应为数字", "bool_parsing": "应为 是/否（true/false）",
        "greater_than": f"应大于 {context.get('gt')}", "greater_than_equal": f"不能小于 {context.get('ge')}",
        "less_than": f"应小于 {context.get('lt')}", "less_than_equal": f"不能大于 {context.get('le')}",
        "string_pattern_mismatch": "格式不符合要求", "string_type": "应为文字", "list_type": "应为列表",
        "dict_type": "应为一组 名: 值", "model_type": "应为一组 名: 值", "extra_forbidden": "未知字段",
    }
    return reasons.get(kind, "格式不正确")


def _expected(context: dict) -> str:
    """pydantic's "'a', 'b' or 'c'" as 「a」、「b」或「c」 (no English "or")."""
    values = [f"「{v}」" for v in re.findall(r"'([^']*)'", str(context.get("expected", "")))]
    if len(values) < 2:
        return "".join(values) or "列出的取值之一"
    return "、".join(values[:-1]) + "或" + values[-1]


def _enum_of(annotation):
    """The Enum class a field holds (itself, optional, or a list of it)."""
    for kind in (annotation, *getattr(annotation, "__args__", ())):
        for inner in (kind, *getattr(kind, "__args__", ())):
            if isinstance(inner, type) and issubclass(inner, Enum):
                return inner
    return None


def enum_choices(enum: type[Enum], *modules: str) -> str:
    """An enum's values each with its Chinese label — the labels dict ({member: label}) declared beside the
    enum, or beside the model using it — as a refusal names them: sick（病假）、personal（事假）."""
    for name in (enum.__module__, *modules):
        for labels in vars(sys.modules.get(name) or object).values():
            if isinstance(labels, dict) and labels and all(m in labels and isinstance(labels[m], str) for m in enum):
                return "、".join(f"{m.value}（{labels[m]}）" for m in enum)
    return "、".join(f"「{m.value}」" for m in enum)


def input_problems(error, model=None, *, where: str = "", rule: str = "input",
                   whole: str = "input") -> list[InvalidInput]:
    """The one conversion of a pydantic `ValidationError` into our refusals: each problem names its
    field by attribute path (prefixed by `where`, e.g. a file's row) and, when the model gives it a
    title, by its Chinese label; the reason is `reason_of`'s — for a format (pattern) the field's own
    `description` says what is expected. A problem of the whole input (a model validator's) is
    named `whole`."""
    problems = []
    for e in error.errors():
        path = ".".join(map(str, e["loc"]))
        field = ".".join(p for p in (where, path) if p) or whole
        info = _field_info(model, e["loc"])
        reason = reason_of(e)
        if e["type"] == "string_pattern_mismatch" and info is not None and info.description:
            reason = info.description
        if e["type"] == "enum" and info is not None and (enum := _enum_of(info.annotation)) is not None:
            reason = f"取值「{e.get('input')}」无效，应为 {enum_choices(enum, getattr(model, '__module__', ''))}"
        problems.append(InvalidInput(field=field, message=reason, rule=rule, label=(info.title or "") if info else ""))
    return problems


def _field_info(model, loc: tuple):
    """The pydantic FieldInfo at `loc` in `model`, following nested models (list indexes skipped)."""
    info = None
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(model, "model_fields", None)
        if fields is None or part not in fields:
            return None
        info = fields[part]
        annotation = info.annotation
        model = next((a for a in (annotation, *getattr(annotation, "__args__", ())) if hasattr(a, "model_fields")), None)
    return info


def validated(model, data, *, where: str = "", rule: str = "input", whole: str = "input"):
    """`model` validated from `data`, or every problem at once (`input_problems`)."""
    from pydantic import ValidationError

    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise_all(input_problems(error, model, where=where, rule=rule, whole=whole))
        raise
