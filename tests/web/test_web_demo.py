"""The demo's web desk step: the printed logins work on the desk."""
from __future__ import annotations

from fastapi.testclient import TestClient
from rich.console import Console

from deployments.demo.web import DEMO_PASSWORD, describe
from web.web_desk import desk_app, log_in


def test_the_demo_login_opens_the_desk(org):
    console = Console(record=True, width=200)
    describe(console)
    client = TestClient(desk_app())
    assert "center web" in console.export_text() and log_in(client, "S0101", DEMO_PASSWORD).status_code == 303


def test_the_demo_lists_pages_the_desk_serves_and_they_open(org):
    from support.stats_cases import complaints

    from deployments.demo.web import pages_to_open, print_pages

    complaints()
    console = Console(record=True, width=200)
    describe(console)
    print_pages(console)
    printed = console.export_text()
    client = TestClient(desk_app())
    assert log_in(client, "G001", DEMO_PASSWORD).status_code == 303
    for path, what in pages_to_open():
        assert f"http://127.0.0.1:8000{path}" in printed and what in printed
        assert client.get(path, follow_redirects=False).status_code == 200, path
    assert "/stats/complaints?year=2026" in printed
