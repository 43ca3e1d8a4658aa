"""The statistics pages in a real browser (Debian's Chromium via playwright): every chart image is
decoded and drawn under the desk's Content-Security-Policy, and the browser reports no violation.
Screenshots go to test-output/web/ (the README's docs/stats.png is taken the same way)."""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from support.servers import free_port
from support.stats_cases import october
from web.web_desk import PASSWORD, PEOPLE, desk_app, sample_case, set_passwords

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "web"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
PAGES = {"stats-complaints": "/stats/complaints?month=2026-10", "stats-service": "/stats/service?month=2026-10",
         "stats-training": "/stats/training?year=2026&by=window", "stats-overdue": "/stats/overdue"}


@pytest.fixture
def desk_url(org):
    set_passwords(*PEOPLE)
    server = uvicorn.Server(uvicorn.Config(desk_app(), host="127.0.0.1", port=free_port(), log_level="warning",
                                           access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{server.config.port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def chromium():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: run tests/e2e/install_browser.sh")
        pytest.skip("chromium is not installed (tests/e2e/install_browser.sh)")
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def logged_in(browser, url: str, staff_id: str):
    context = browser.new_context(base_url=url, viewport={"width": 1200, "height": 900}, locale="zh-CN")
    tab = context.new_page()
    console: list[str] = []
    tab.on("console", lambda message: console.append(message.text))
    tab.goto("/login")
    tab.fill("#f-staff_id", staff_id)
    tab.fill("#f-password", PASSWORD)
    tab.click("button:has-text('登录')")
    tab.wait_for_url(url + "/")
    return context, tab, console


def test_every_chart_renders_under_the_content_security_policy(desk_url, chromium):
    october()
    sample_case("W01", due_at=time_in_the_past())
    context, tab, console = logged_in(chromium, desk_url, "G001")
    for name, path in PAGES.items():
        tab.goto(path)
        charts = tab.locator("img.chart")
        assert charts.count() >= 1, name
        sizes = charts.evaluate_all("imgs => imgs.map(i => [i.complete, i.naturalWidth, i.naturalHeight])")
        assert all(done and width >= 600 and height >= 300 for done, width, height in sizes), (name, sizes)
        tab.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    tab.goto(PAGES["stats-complaints"])
    tab.screenshot(path=str(SHOTS / "stats-readme.png"))  # the README's docs/stats.png is a copy of this
    assert not [m for m in console if "Content Security Policy" in m], console
    context.close()


def test_the_menu_groups_the_pages_by_use(desk_url, chromium):
    context, tab, _ = logged_in(chromium, desk_url, "G001")
    groups = tab.locator("nav.main .group-label").all_inner_texts()
    assert groups == ["新建", "查询", "统计", "管理"]
    tab.screenshot(path=str(SHOTS / "menu-management.png"))
    context.close()


def time_in_the_past():
    from datetime import datetime

    return datetime(2026, 1, 5, 17)
