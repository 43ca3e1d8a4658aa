"""Every state-changing `center` command has a page on the web desk (the CLI is for operators and
scripts): the command tree is walked, each command is read-only (listed below, checked to exist) or
state-changing — the default, so a new command cannot be forgotten — and each state-changing one
is mapped to a route the app really serves (matched by the app's own router), or is an operators'
command, or a scheduled job."""
from __future__ import annotations

import pytest

from deployments.cli.core.marks import Page, Reads
from support.cli_tree import center_commands, command_pages, stray_pages
from web.web_desk import desk_app
from web.web_routes import serves

# The operators' commands: installing, running and keeping the system, never a clerk's action.
OPERATORS = {
    "init", "serve", "workers", "deploy", "setup-alerts", "web", "backup", "restore", "outbox flush",
    "org import",  # the organisation loaded at installation; later changes: rotation and the org page
    "return adopt-placeholders",  # one-time data migration of placeholder work items
    "leave advance",  # recovery: re-advance a case after an interruption (idempotent)
    "cases repair",  # recovery: what the sweep repairs, on demand (its 无人可办 list is on 管理总览)
}
# The center's scheduled jobs (deployments/schedules.py, run by `center serve`); by hand from the CLI.
SCHEDULED = {"sweep", "rotation apply", "return apply"}
# Each command's page, declared beside the command (COMMAND_PAGES, deployments/cli/core/marks.py):
# READ_ONLY commands only read, print or compute (no page required; READ_ONLY_PAGES: those whose figures
# a page shows too, checked like WEB_ROUTES); WEB_ROUTES: state-changing command → (method, path).
COMMANDS = center_commands()
MARKS = command_pages(COMMANDS)
READ_ONLY = {path for path, mark in MARKS.items() if isinstance(mark, Reads)}
READ_ONLY_PAGES = {path: ("GET", mark.path) for path, mark in MARKS.items() if isinstance(mark, Reads) and mark.path}
WEB_ROUTES = {path: (mark.method, mark.path) for path, mark in MARKS.items() if isinstance(mark, Page)}


def uncovered(commands: set[str], routes: dict) -> set[str]:
    """State-changing commands (every command not known read-only) with no page and no exemption."""
    return commands - READ_ONLY - OPERATORS - SCHEDULED - set(routes)


def missing_routes(app, routes: dict) -> dict:
    return {command: route for command, route in routes.items() if not serves(app, *route)}


@pytest.fixture(scope="module")
def commands() -> set[str]:
    return set(COMMANDS)


def test_every_state_changing_command_has_a_web_page(commands):
    assert uncovered(commands, WEB_ROUTES) == set(), (
        "state-changing commands without a web page: add the page and map it in WEB_ROUTES (or, if it only "
        "reads, list it in READ_ONLY)")


def test_every_mapped_route_is_served_by_the_app():
    app = desk_app()
    assert missing_routes(app, {**WEB_ROUTES, **READ_ONLY_PAGES}) == {}


def test_every_listed_command_exists(commands):
    listed = READ_ONLY | OPERATORS | SCHEDULED | set(WEB_ROUTES) | set(READ_ONLY_PAGES)
    assert listed - commands == set(), "listed commands that the CLI no longer has"


def test_a_command_s_page_is_declared_in_the_command_s_own_module():
    assert stray_pages(COMMANDS) == set(), "COMMAND_PAGES naming a command its module does not define"


def test_the_marks_are_read_from_the_commands_modules():
    assert READ_ONLY >= {"tasks", "leave show", "leave saturday list", "complaints stats"}
    assert WEB_ROUTES["leave apply"] == ("POST", "/new/leave") and READ_ONLY_PAGES["ledger"] == ("GET", "/ledger")


def test_a_command_is_in_one_list_only():
    lists = {"READ_ONLY": READ_ONLY, "OPERATORS": OPERATORS, "SCHEDULED": SCHEDULED, "WEB_ROUTES": set(WEB_ROUTES)}
    twice = {c for name, a in lists.items() for other, b in lists.items() if name < other for c in a & b}
    assert twice == set(), "no command is in two lists"


def test_the_check_fails_when_a_mapping_is_removed(commands):
    assert uncovered(commands, {k: v for k, v in WEB_ROUTES.items() if k != "complaint extend"}) == {"complaint extend"}
    assert uncovered(commands | {"leave cancel-all"}, WEB_ROUTES) == {"leave cancel-all"}  # a new command


def test_the_check_fails_for_a_route_the_app_does_not_serve():
    app = desk_app()
    assert missing_routes(app, {"complaint extend": ("POST", "/cases/{ref}/prolong"),
                                "leave apply": ("DELETE", "/new/leave")}) == {
        "complaint extend": ("POST", "/cases/{ref}/prolong"), "leave apply": ("DELETE", "/new/leave")}
