"""Shared pieces of the command line: the Rich console, error printing, --as resolution."""
from __future__ import annotations

from rich.console import Console
from rich.text import Text

from typer._click import exceptions as usage  # typer vendors click: its errors are these classes

from models.core.errors import CenterError, InvalidInput, ValidationFailed

# Markup off: everything printed may hold user-supplied text (a complaint's content, a leave reason,
# names from an imported file), which must appear literally — `[/]` must not crash the command nor
# `[link=…]` become a hyperlink. Styles are given as objects: `styled((ref, "bold"), " rest")`.
console = Console(highlight=False, markup=False)
err_console = Console(stderr=True, highlight=False, markup=False)


def styled(*parts: str | tuple[str, str]) -> Text:
    """Literal text with styled parts: each part a string or (string, Rich style)."""
    return Text.assemble(*parts)


def print_error(error: CenterError) -> None:
    if isinstance(error, ValidationFailed):
        err_console.print(styled(("错误：", "bold red"), f"共 {len(error.problems)} 处问题"))
        for problem in error.problems:
            err_console.print(f"  - {problem}")
    else:
        err_console.print(styled(("错误：", "bold red"), str(error)))


def bounded_int(low: int, high: int, what: str):
    """A parser for an integer the store can hold, refused in Chinese otherwise (a row id beyond
    PostgreSQL's `integer` raised OverflowError). Use as `typer.Argument(..., parser=ROW_ID)`."""

    def parse(value) -> int:
        try:
            number = int(str(value).strip())
        except ValueError:
            raise usage.BadParameter(f"{value} 不是整数") from None
        if not low <= number <= high:
            raise usage.BadParameter(f"{what}须在 {low} 至 {high} 之间，收到 {number}")
        return number

    return parse


ROW_ID = bounded_int(1, 2**31 - 1, "编号")
YEAR = bounded_int(2000, 2100, "年份")


def usage_problem(error: Exception) -> InvalidInput | None:
    """Click's refusals of the command line itself (a missing option, a value outside an enum, an
    unknown option) in Chinese, naming the option; None for the others (help, abort)."""
    if isinstance(error, usage.MissingParameter):
        return InvalidInput(field=_option(error), message="必填")
    if isinstance(error, usage.BadParameter):
        return InvalidInput(field=_option(error), message=f"取值无效（{error.message.removeprefix('Value error, ')}）")
    if isinstance(error, usage.NoSuchOption):
        return InvalidInput(field=error.option_name, message="没有这个选项，请用 --help 查看可用选项")
    return None


def _option(error: usage.BadParameter) -> str:
    if error.param is not None:
        return "/".join(getattr(error.param, "opts", None) or [error.param.name])
    return error.param_hint or "参数"
