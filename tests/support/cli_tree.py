"""The `center` command tree, walked: every leaf command by its path ("leave saturday add"), the
lazily loaded groups too (deployments/cli/core/lazy.py). Used by the permission and web-coverage tests."""
from __future__ import annotations

import sys

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


def command_pages(commands: dict) -> dict:
    """path → the mark (deployments/cli/core/marks.py) its own module declares in COMMAND_PAGES."""
    return {path: mark for path, command in commands.items()
            if (mark := declared_pages(command).get(path)) is not None}


def declared_pages(command) -> dict:
    """The COMMAND_PAGES of the module defining `command`'s function."""
    return getattr(sys.modules.get(getattr(command.callback, "__module__", "")), "COMMAND_PAGES", {})


def stray_pages(commands: dict) -> set[str]:
    """Marks naming no command defined in the module that declares them."""
    modules = {getattr(c.callback, "__module__", None) for c in commands.values()} - {None}
    return {f"{module}: {path}" for module in modules
            for path in getattr(sys.modules[module], "COMMAND_PAGES", {})
            if path not in commands or commands[path].callback.__module__ != module}
