"""The web desk in headless Chromium for the browser tests: the desk served by uvicorn in a thread
(`serve_desk`), the browser (`chromium`), one person's tab (`Desk`), and the same two as fixtures
(`desk_url`, `browser`), shared by every browser test."""
from __future__ import annotations

import contextvars
import os
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from support.servers import free_port
from web.web_desk import PASSWORD, PEOPLE, desk_app, set_passwords

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "web"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def serve_desk():
    """Start the desk on a free port; yields its URL, stops it afterwards."""
    server = uvicorn.Server(uvicorn.Config(desk_app(), host="127.0.0.1", port=free_port(), log_level="warning",
                                           access_log=False))
    thread = threading.Thread(target=contextvars.copy_context().run, args=(server.run,), daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{server.config.port}"
    server.should_exit = True
    thread.join(timeout=10)


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


class Desk:
    """One person's browser tab on the desk."""

    def __init__(self, browser, url: str, staff_id: str, phone: bool = False):
        size = {"width": 390, "height": 844} if phone else {"width": 1100, "height": 800}
        self.context = browser.new_context(base_url=url, viewport=size, locale="zh-CN")
        self.page = self.context.new_page()
        self.page.set_default_timeout(120_000)  # a first flow run may start Prefect's client
        self.page.goto("/login")
        self.page.fill("#f-staff_id", staff_id)
        self.page.fill("#f-password", PASSWORD)
        self.page.click("button:has-text('登录')")
        self.page.wait_for_url(url + "/")

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    def shot_until(self, name: str, selector: str) -> None:
        """The page from its top down to the end of `selector`'s last match (the README's pictures)."""
        box = self.page.locator(selector).last.bounding_box()
        bottom = box["y"] + box["height"] + self.page.evaluate("window.scrollY") + 16
        width = self.page.viewport_size["width"]
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True,
                             clip={"x": 0, "y": 0, "width": width, "height": bottom})

    def text(self) -> str:
        return self.page.inner_text("main")

    def close(self) -> None:
        self.context.close()

    def submit(self, form: str = "main form.card") -> None:
        """Submit the page's form and wait for the notice of the next page."""
        self.page.click(f"{form} button[type=submit]")
        self.page.wait_for_selector("p.flash")


@pytest.fixture
def desk_url(org):
    """The desk on a free port (in this test's Prefect context), everybody with a password."""
    set_passwords(*PEOPLE)
    yield from serve_desk()


@pytest.fixture
def browser():
    yield from chromium()
