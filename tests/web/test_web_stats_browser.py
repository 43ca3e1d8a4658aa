"""The statistics pages in a real browser (Debian's Chromium via playwright): every chart image is
decoded and drawn under the desk's Content-Security-Policy, and the browser reports no violation.
Screenshots go to test-output/web/ (the README's docs/stats.png is stats-readme.png)."""
from __future__ import annotations

from datetime import datetime

from support import browser_desk
from support.browser_desk import SHOTS, Desk
from support.stats_cases import october
from web.web_desk import sample_case

desk_url, browser = browser_desk.desk_url, browser_desk.browser  # the fixtures
PAGES = {"stats-complaints": "/stats/complaints?month=2026-10", "stats-service": "/stats/service?month=2026-10",
         "stats-training": "/stats/training?year=2026&by=window", "stats-overdue": "/stats/overdue"}


def test_every_chart_renders_under_the_content_security_policy(desk_url, browser):
    october()
    sample_case("W01", due_at=datetime(2026, 1, 5, 17))
    desk = Desk(browser, desk_url, "G001")
    console: list[str] = []
    desk.page.on("console", lambda message: console.append(message.text))
    for name, path in PAGES.items():
        desk.page.goto(path)
        charts = desk.page.locator("img.chart")
        assert charts.count() >= 1, name
        sizes = charts.evaluate_all("imgs => imgs.map(i => [i.complete, i.naturalWidth, i.naturalHeight])")
        assert all(done and width >= 600 and height >= 300 for done, width, height in sizes), (name, sizes)
        desk.shot(name)
    desk.page.goto(PAGES["stats-complaints"])
    desk.page.screenshot(path=str(SHOTS / "stats-readme.png"))  # the README's docs/stats.png is a copy of this
    assert not [m for m in console if "Content Security Policy" in m], console
    desk.close()


def test_the_menu_groups_the_pages_by_use(desk_url, browser):
    desk = Desk(browser, desk_url, "G001")
    assert desk.page.locator("nav.main .group-label").all_inner_texts() == ["我的待办", "新建", "查询", "统计", "管理"]
    desk.page.screenshot(path=str(SHOTS / "menu-management.png"))
    desk.close()
