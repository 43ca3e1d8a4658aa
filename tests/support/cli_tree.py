"""The `center` command tree, walked: every leaf command by its path ("leave saturday add"), the
lazily loaded groups too (deployments/cli/core/lazy.py). Used by the permission and web-coverage tests."""
from __future__ import annotations

import click
import typer


def leaf_commands(command, path=()):
    """Every command of the tree, the lazily loaded ones too (deployments/cli/core/lazy.py)."""
    if hasattr(command, "list_commands"):
        if getattr(command, "invoke_without_command", False) and path:
            yield " ".join(path), command
        context = click.Context(command)
        for name in command.list_commands(context):
            yield from leaf_commands(command.get_command(context, name), (*path, name))
    else:
        yield " ".join(path), command


def center_commands() -> dict:
    """path → click command, for the whole `center` CLI."""
    from deployments.cli.app import app

    return dict(leaf_commands(typer.main.get_command(app)))


def takes_actor(command) -> bool:
    """The command names who acts (a required --as): it decides something."""
    return any(p.opts == ["--as"] and p.required for p in command.params)
