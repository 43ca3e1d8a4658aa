"""`center`'s sub-commands, imported when they are used.

Each procedure's command module imports its tables and rules; importing them all cost more than
the answer of a read-only command. The group below knows its sub-commands by name and imports a
module only when one of its commands runs (or for `center --help`), so `center tasks` loads the
case tables alone — and never Prefect (tests/unit/test_cli_imports.py).
"""
from __future__ import annotations

import importlib

import typer
from typer._click import Command, Context  # typer vendors click
from typer.core import TyperGroup
from typer.models import TyperInfo


def _attribute(path: str):
    module, name = path.split(":")
    return getattr(importlib.import_module(module), name)


class LazyGroup(TyperGroup):
    """`groups`: name → "module:attribute" of a Typer sub-app. `commands`: name → "module:function"
    that registers top-level commands on a Typer (every name it registers is listed)."""

    groups: dict[str, str] = {}
    commands_of: dict[str, str] = {}

    def list_commands(self, ctx: Context) -> list[str]:
        loaded = super().list_commands(ctx)
        return [*loaded, *(n for n in [*self.commands_of, *self.groups] if n not in loaded)]

    def get_command(self, ctx: Context, name: str) -> Command | None:
        if name not in self.commands:
            if name in self.groups:
                self.add_command(self._group(_attribute(self.groups[name]), name), name)
            elif name in self.commands_of:
                host = typer.Typer()
                _attribute(self.commands_of[name])(host)
                for registered, command in self._group(host).commands.items():
                    self.add_command(command, registered)
        return super().get_command(ctx, name)

    def _group(self, app: typer.Typer, name: str | None = None) -> TyperGroup:
        """`app` as `add_typer(app, name=name)` makes it: with this group's help format."""
        return typer.main.get_group_from_info(TyperInfo(app, name=name), pretty_exceptions_short=True,
                                              suggest_commands=self.suggest_commands,
                                              rich_markup_mode=self.rich_markup_mode)
