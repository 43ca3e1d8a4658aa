"""The demo's web desk step: the printed logins work on the desk."""
from __future__ import annotations

from fastapi.testclient import TestClient
from rich.console import Console

from deployments.demo_web import DEMO_PASSWORD, describe
from web.web_desk import desk_app, log_in


def test_the_demo_login_opens_the_desk(org):
    console = Console(record=True, width=200)
    describe(console)
    client = TestClient(desk_app())
    assert "center web" in console.export_text() and log_in(client, "S0101", DEMO_PASSWORD).status_code == 303
