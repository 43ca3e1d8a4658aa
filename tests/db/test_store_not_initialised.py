"""Before `center init` every command refuses in Chinese, exit 2, and creates nothing (issue 19, defect 8)."""
from __future__ import annotations

import pytest

from models.core.db import ensure_store_initialised
from models.core.errors import StoreNotInitialised
from support.cli import run_cli
from support.databases import postgres_database

COMMANDS = [("tasks", "--role", "management"), ("case", "show", "QP-2026-0001"), ("org", "show"),
            ("org", "import", "examples/org.yaml"), ("calendar", "show", "2026-10"), ("outbox",),
            ("sweep", "--dry-run"), ("complaint", "show", "X"), ("leave", "show", "X"), ("ledger",),
            ("backup", "b.db")]

ISSUE_19_DEFECTS = (8,)  # counted in the reliability summary when these tests pass


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_commands_before_init_refuse_and_create_nothing(args, capsys, tmp_path):
    data = tmp_path / "data"
    result = run_cli(capsys, *args)
    assert result.code == 2, result
    assert "案件库尚未初始化，请先运行 center init" in result.err
    assert "Traceback" not in result.err + result.out
    assert not (data / "center.db").exists()


def test_init_then_commands_work(capsys, tmp_path):
    assert run_cli(capsys, "init").code == 0
    assert run_cli(capsys, "org", "import", "examples/org.yaml").code == 0
    assert run_cli(capsys, "tasks", "--role", "management").code == 0


def test_help_needs_no_store(capsys, tmp_path):
    assert run_cli(capsys, "tasks", "--help").code == 0
    assert not (tmp_path / "data" / "center.db").exists()


def test_only_commands_that_create_the_store_or_do_not_use_it_run_before_init():
    from deployments.cli.app import _needs_store

    assert not any(_needs_store([name]) for name in ("init", "restore", "setup-alerts", "deploy", "web", "--help"))
    assert all(_needs_store(list(args)) for args in COMMANDS)
    assert all(_needs_store([name]) for name in ("serve", "users", "decide", "outbox", "leave"))


def test_an_empty_sqlite_file_is_not_a_store(tmp_path):
    (tmp_path / "empty.db").write_bytes(b"")
    with pytest.raises(StoreNotInitialised):
        ensure_store_initialised(f"sqlite:///{tmp_path / 'empty.db'}")


def test_postgres_store_before_and_after_init():
    from models.core.migrate import upgrade

    with postgres_database() as url:
        with pytest.raises(StoreNotInitialised, match="center init"):
            ensure_store_initialised(url)
        upgrade(url)
        ensure_store_initialised(url)
