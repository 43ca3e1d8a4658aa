"""Shared pieces of the command line: the Rich console, error printing, --as resolution."""
from __future__ import annotations

from rich.console import Console

from typer._click import exceptions as usage  # typer vendors click: its errors are these classes

from models.errors import CenterError, InvalidInput, ValidationFailed

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def print_error(error: CenterError) -> None:
    if isinstance(error, ValidationFailed):
        err_console.print(f"[bold red]错误：[/]共 {len(error.problems)} 处问题")
        for problem in error.problems:
            err_console.print(f"  - {problem}", markup=False)
    else:
        err_console.print("[bold red]错误：[/]", end="")
        err_console.print(str(error), markup=False)


def usage_problem(error: Exception) -> InvalidInput | None:
    """Click's refusals of the command line itself (a missing option, a value outside an enum, an
    unknown option) in Chinese, naming the option; None for the others (help, abort)."""
    if isinstance(error, usage.MissingParameter):
        return InvalidInput(_option(error), "必填")
    if isinstance(error, usage.BadParameter):
        return InvalidInput(_option(error), f"取值无效（{error.message.removeprefix('Value error, ')}）")
    if isinstance(error, usage.NoSuchOption):
        return InvalidInput(error.option_name, "没有这个选项，请用 --help 查看可用选项")
    return None


def _option(error: usage.BadParameter) -> str:
    if error.param is not None:
        return "/".join(getattr(error.param, "opts", None) or [error.param.name])
    return error.param_hint or "参数"
