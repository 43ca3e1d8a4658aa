"""Shared pieces of the command line: the Rich console, error printing, --as resolution."""
from __future__ import annotations

from rich.console import Console

from models.errors import CenterError, ValidationFailed

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
