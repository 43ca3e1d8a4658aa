"""What a command corresponds to on the web desk, declared in the command's own module as
`COMMAND_PAGES = {"leave apply": Page("POST", "/new/leave"), "leave show": Reads(), …}`.

Every state-changing command has a page doing the same (tests/web/test_web_coverage.py); a command
that only reads needs none (nor an actor: tests/reliability/test_permissions.py), but may name the
page that shows the same figures.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """The desk route that does what the command does."""

    method: str
    path: str


@dataclass(frozen=True)
class Reads:
    """The command only reads, prints or computes; `path`: a page (GET) showing the same, if any."""

    path: str | None = None
