"""`center cases repair`: the operators' repair of the cases nobody is moving (tasks/core/repair.py)."""
from __future__ import annotations

import typer

from deployments.cli.core.console import console

app = typer.Typer(help="案件维护（运维）", no_args_is_help=True)


@app.command("repair")
def repair_command(
    as_of: str = typer.Option(None, "--as-of", help="按此时间检查（如 2026-10-12 09:00），默认现在"),
    dry_run: bool = typer.Option(False, "--dry-run", help="只列出无人推进的案件和将做的修复，不写入任何内容"),
) -> None:
    """修复无人推进的案件：未结、无待办、超过宽限时间无变化的案件，按规则继续推进或重新开出待办；
    列出无人可办的案件。"""
    from deployments.cli.core.sweep_report import print_repairs
    from flows.core.sweeps import repair_cases
    from models.core.clock import local_now, parse_local

    moment = parse_local(as_of) if as_of else local_now()
    report = repair_cases(as_of=moment, dry_run=dry_run)
    if not (report["stranded"] or report["unmovable"] or report["repair_failed"]):
        console.print("没有无人推进的案件")
    print_repairs(report, dry_run)
    if report["repair_failed"]:
        raise typer.Exit(1)
