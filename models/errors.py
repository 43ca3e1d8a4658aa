"""The project's own errors. Each carries the field and the rule it concerns, in Chinese."""
from __future__ import annotations


class CenterError(Exception):
    """Base class: a refusal the user can act on (exit status 2 at the command line)."""


class InvalidInput(CenterError):
    def __init__(self, field: str, message: str, rule: str = "input"):
        self.field, self.rule, self.message = field, rule, message
        super().__init__(f"{field}: {message}")


class PolicyViolation(CenterError):
    def __init__(self, rule: str, field: str, message: str, *, overridable: bool = False):
        self.rule, self.field, self.message, self.overridable = rule, field, message, overridable
        super().__init__(f"{field}: {message}（{rule}）")


class ValidationFailed(CenterError):
    """Several problems found at once (一次性告知): every one is listed."""

    def __init__(self, problems: list[CenterError]):
        self.problems = problems
        super().__init__("；".join(str(p) for p in problems))


class NotFound(CenterError):
    def __init__(self, field: str, value: object):
        self.field, self.value = field, value
        super().__init__(f"{field}: 找不到 {value}")


class PermissionDenied(CenterError):
    def __init__(self, actor: str, action: str, reason: str):
        self.actor, self.action = actor, action
        super().__init__(f"{actor} 无权{action}：{reason}")


class Conflict(CenterError):
    """Somebody else changed the thing first (e.g. two clerks completing one work item)."""


class InvalidTransition(CenterError):
    def __init__(self, kind_label: str, status_label: str, event_label: str):
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
        raise ValidationFailed(problems)
