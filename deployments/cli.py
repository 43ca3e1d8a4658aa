"""The clerk's command line, `center` (DESIGN.md §8). Messages in Chinese; bad input → exit 2.

Read-only commands import only models/ (no Prefect), so they answer at once.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click
import typer

from deployments.cli_assessment import app as assessment_app
from deployments.cli_annual import register as register_annual_assessment
from deployments.cli_calendar import app as calendar_app
from deployments.cli_complaint import app as complaint_app
from deployments.cli_complaint import stats_app as complaints_app
from deployments.cli_it import app as it_app
from deployments.cli_cases import register as register_case_commands
from deployments.cli_leave import app as leave_app
from deployments.cli_ledger import app as ledger_app
from deployments.cli_matter import app as matter_app
from deployments.cli_ops import register as register_ops_commands
from deployments.cli_org import app as org_app
from deployments.cli_outbox import app as outbox_app
from deployments.cli_patrol import app as patrol_app
from deployments.cli_web import register as register_web_commands
from deployments.cli_rotation import app as rotation_app
from deployments.cli_return import app as return_app
from deployments.cli_service import app as service_app
from deployments.cli_training import app as training_app
from deployments.console import console, print_error
from models.errors import CenterError

app = typer.Typer(help="青浦区行政服务中心窗口管理系统", no_args_is_help=True, add_completion=False,
                  rich_markup_mode=None, pretty_exceptions_enable=False)
app.add_typer(org_app, name="org")
app.add_typer(calendar_app, name="calendar")
app.add_typer(outbox_app, name="outbox")
app.add_typer(matter_app, name="matters")
app.add_typer(rotation_app, name="rotation")
app.add_typer(return_app, name="return")
app.add_typer(service_app, name="service")
app.add_typer(assessment_app, name="assessment")
register_annual_assessment(assessment_app)  # `center assessment year`: ranked from the ledger
app.add_typer(patrol_app, name="patrol")
app.add_typer(training_app, name="training")
app.add_typer(it_app, name="it")
app.add_typer(complaint_app, name="complaint")
app.add_typer(complaints_app, name="complaints")
app.add_typer(leave_app, name="leave")
app.add_typer(ledger_app, name="ledger")
register_case_commands(app)
register_ops_commands(app)  # `center serve`, `center setup-alerts`
register_web_commands(app)


@app.command("init")
def init_command() -> None:
    """创建案件库并执行全部数据库迁移。"""
    from models.migrate import upgrade

    url = upgrade()
    console.print(f"案件库已就绪：{url}")


@app.command("sweep")
def sweep_command(
    as_of: str = typer.Option(None, "--as-of", help="按此时间检查（如 2026-10-12 09:00），默认现在"),
    dry_run: bool = typer.Option(False, "--dry-run", help="只显示将发送的提醒，不写入任何内容"),
) -> None:
    """运行期限检查：找出即将到期和已逾期的事项，发出提醒和督办。"""
    from deployments.sweep_report import print_sweep
    from flows.sweeps import run_sweep
    from models.clock import local_now, parse_local

    moment = parse_local(as_of) if as_of else local_now()
    print_sweep(run_sweep(as_of=moment, dry_run=dry_run), moment, dry_run)


def main(argv: list[str] | None = None) -> None:
    command = typer.main.get_command(app)
    try:
        command.main(args=argv, prog_name="center", standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.exceptions.Abort:
        sys.exit(1)
    except (click.ClickException, typer.exceptions.TyperException) as error:  # typer ≥ 0.2x vendors click
        error.show()
        sys.exit(error.exit_code)
    except CenterError as error:
        print_error(error)
        sys.exit(2)
    except ValueError as error:  # e.g. a date outside the calendar's range
        print_error(CenterError(str(error)))
        sys.exit(2)
    sys.exit(0)


if __name__ == "__main__":
    main()
