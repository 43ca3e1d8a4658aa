"""Every state-changing `center` command has a page on the web desk (the CLI is for operators and
scripts): the command tree is walked, each command is read-only (listed below, checked to exist) or
state-changing — the default, so a new command cannot be forgotten — and each state-changing one
is mapped to a route the app really serves (matched by the app's own router), or is an operators'
command, or a scheduled job."""
from __future__ import annotations

import pytest

from support.cli_tree import center_commands
from web.web_desk import desk_app
from web.web_routes import serves

# Commands that only read, print or compute: no page is required (several have one all the same).
READ_ONLY = {
    "tasks", "case show", "org show", "calendar show", "calendar add", "outbox", "outbox check",
    "matters list", "matters show", "rotation show", "return show", "service show", "service stats",
    "assessment show", "patrol list", "training show", "training stats", "it configs", "complaint show",
    "complaints stats", "api-keys list", "leave show", "leave list", "leave saturday list", "ledger",
}
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
# State-changing command → (method, path) of the web route that performs it.
WEB_ROUTES = {
    "decide": ("POST", "/items/{item_id}/decide"),
    "outbox resend": ("POST", "/outbox/{message_id}/resend"),
    "calendar import": ("POST", "/calendar/import"),
    "leave apply": ("POST", "/new/leave"),
    "leave attach": ("POST", "/cases/{ref}/proofs"),
    "leave withdraw": ("POST", "/cases/{ref}/withdraw"),
    "complaint open": ("POST", "/new/complaint"),
    "complaint extend": ("POST", "/cases/{ref}/extend"),
    "rotation propose": ("POST", "/new/rotation"),
    "matters request": ("POST", "/new/matter"),
    "service open": ("POST", "/new/service"),
    "service check": ("POST", "/cases/{ref}/service/materials"),
    "service accept": ("POST", "/cases/{ref}/service/materials"),  # all materials present → accepted
    "service complete": ("POST", "/cases/{ref}/service/complete"),
    "service extend": ("POST", "/cases/{ref}/service/extend"),
    # oversight (deployments/web/core/oversight.py COMMANDS); "case page" steps are decided there
    "patrol record": ("POST", "/patrols/new"),
    "patrol summary": ("POST", "/patrols/summary"),
    "training open": ("POST", "/trainings/new"),
    "training excuse": ("POST", "/trainings/{ref}/excuse"),
    "training roll-call": ("POST", "/trainings/{ref}/roll-call"),
    "training review": ("POST", "/items/{item_id}/decide"),
    "training cancel": ("POST", "/trainings/{ref}/cancel"),
    "it request": ("POST", "/it/request"),
    "it decide": ("POST", "/items/{item_id}/decide"),
    "it violation": ("POST", "/it/violation"),
    "it review": ("POST", "/items/{item_id}/decide"),
    "assessment year": ("POST", "/assessment"),
    "assessment import": ("POST", "/assessment/import"),
    # leave, rotation, matters, return, users (deployments/web/<procedure>)
    "leave register": ("POST", "/items/{item_id}/decide"),  # the head's register step on the case page
    "leave saturday add": ("POST", "/leave/saturday"),
    "rotation second": ("POST", "/rotation/secondment"),
    "rotation intern": ("POST", "/rotation/intern"),
    "rotation require": ("POST", "/rotation/requirements"),
    "matters review": ("POST", "/matters/review"),
    "matters publish": ("POST", "/matters/publish"),
    "return open": ("POST", "/new/return"),
    "users set-password": ("POST", "/users/{staff_id}/password"),
    "users sign-out": ("POST", "/users/{staff_id}/sign-out"),
    "api-keys issue": ("POST", "/admin/api-keys"),
    "api-keys revoke": ("POST", "/admin/api-keys/{name}/revoke"),
}
# Read-only commands whose figures a page shows too (the same functions): checked like WEB_ROUTES.
READ_ONLY_PAGES = {
    "complaints stats": ("GET", "/stats/complaints"), "service stats": ("GET", "/stats/service"),
    "training stats": ("GET", "/stats/training"), "tasks": ("GET", "/"), "case show": ("GET", "/cases/{ref}"),
    "calendar show": ("GET", "/calendar"), "patrol list": ("GET", "/patrols"), "it configs": ("GET", "/it/configs"),
    "ledger": ("GET", "/ledger"),
}


def uncovered(commands: set[str], routes: dict) -> set[str]:
    """State-changing commands (every command not known read-only) with no page and no exemption."""
    return commands - READ_ONLY - OPERATORS - SCHEDULED - set(routes)


def missing_routes(app, routes: dict) -> dict:
    return {command: route for command, route in routes.items() if not serves(app, *route)}


@pytest.fixture(scope="module")
def commands() -> set[str]:
    return set(center_commands())


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
