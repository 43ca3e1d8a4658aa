"""The clerk's command line, `center` (docs/operations.md). Messages in Chinese; bad input → exit 2.

Read-only commands import only models/ (no Prefect), so they answer at once.
"""
from __future__ import annotations

import sys

import click
import typer

from deployments.cli.core import CORE_COMMANDS, CORE_GROUPS
from deployments.cli.core.lazy import LazyGroup
from deployments.cli.core.console import console, print_error, usage_problem
from models.core.errors import CenterError
from models.core.pending import StepPending
from models.procedures import all_surfaces


class CenterGroup(LazyGroup):
    """The sub-commands, each module imported only when one of its commands runs (deployments/cli/core/lazy.py):
    the foundations' (deployments/cli/core/__init__.py), then each slice's (models/procedures.py)."""

    groups = {**CORE_GROUPS, **{name: app for surfaces in all_surfaces() for name, app in surfaces.cli.items()}}
    commands_of = CORE_COMMANDS


app = typer.Typer(cls=CenterGroup, help="青浦区行政服务中心窗口管理系统", no_args_is_help=True, add_completion=False,
                  rich_markup_mode=None, pretty_exceptions_enable=False)


@app.command("init")
def init_command() -> None:
    """创建案件库并执行全部数据库迁移。"""
    from models.core.migrate import upgrade

    url = upgrade()
    console.print(f"案件库已就绪：{url}")


@app.command("sweep")
def sweep_command(
    as_of: str = typer.Option(None, "--as-of", help="按此时间检查（如 2026-10-12 09:00），默认现在"),
    dry_run: bool = typer.Option(False, "--dry-run", help="只显示将发送的提醒，不写入任何内容"),
) -> None:
    """运行期限检查：找出即将到期和已逾期的事项，发出提醒和督办。"""
    from deployments.cli.core.sweep_report import print_sweep
    from flows.core.sweeps import run_sweep
    from models.core.clock import local_now, parse_local

    moment = parse_local(as_of) if as_of else local_now()
    print_sweep(run_sweep(as_of=moment, dry_run=dry_run), moment, dry_run)


# What runs before `center init`: the store is created (init) or replaced (restore); the Prefect side
# only (setup-alerts, deploy); the web desk, whose pages say the store is not initialised (503); help.
WITHOUT_STORE = {"init", "restore", "setup-alerts", "deploy", "web", "--help", "-h"}


def _needs_store(argv: list[str]) -> bool:
    return bool(argv) and argv[0] not in WITHOUT_STORE and "--help" not in argv


def main(argv: list[str] | None = None) -> None:
    command = typer.main.get_command(app)
    argv = sys.argv[1:] if argv is None else argv
    try:
        if _needs_store(argv):
            from models.core.db import ensure_store_initialised

            ensure_store_initialised()
        command.main(args=argv, prog_name="center", standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.exceptions.Abort:
        sys.exit(1)
    except (click.ClickException, typer.exceptions.TyperException) as error:  # typer ≥ 0.2x vendors click
        problem = usage_problem(error)
        if problem is None:
            error.show()
            sys.exit(error.exit_code)
        print_error(problem)
        sys.exit(2)
    except CenterError as error:
        print_error(error)
        sys.exit(2)
    except StepPending as pending:  # kept (a decision recorded, a step queued): not an error
        console.print(pending.notice)
        sys.exit(0)
    except ValueError as error:  # e.g. a date outside the calendar's range
        print_error(CenterError(str(error)))
        sys.exit(2)
    except Exception as error:  # a full disk, the engine away: said in Chinese; anything else stays a traceback
        from models.core.files import DISK_FULL, is_disk_full
        from models.core.pending import ENGINE_AWAY, engine_unreachable

        if not (is_disk_full(error) or engine_unreachable(error)):
            raise
        print_error(CenterError(DISK_FULL if is_disk_full(error) else ENGINE_AWAY))
        sys.exit(1)
    sys.exit(0)


if __name__ == "__main__":
    main()
