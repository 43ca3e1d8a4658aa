"""In headless Chromium: the management section corrects a person's phone number and B post on the
organisation page (the wrong number refused next to its field first), the change is in the person's
history with its actor, and a window head sees it; then a case found through 案件查询. Screenshots in
test-output/web/."""
from __future__ import annotations

from support import browser_desk
from support.browser_desk import Desk
from web.web_desk import sample_case

desk_url, browser = browser_desk.desk_url, browser_desk.browser  # the fixtures


def test_the_management_section_edits_a_contact_and_b_post_in_the_browser(desk_url, browser):
    manager = Desk(browser, desk_url, "G001")
    manager.page.goto("/org")
    manager.shot("org-1-organisation")
    manager.page.click("a[href='/org/staff/S0103']")
    manager.page.fill("#f-phone", "1371111")
    manager.page.click("button:has-text('保存')")
    manager.page.wait_for_selector(".field.invalid")
    assert "「1371111」不是有效的手机号码：应为11位手机号码" in manager.text()
    manager.shot("org-2-bad-phone")
    manager.page.fill("#f-phone", "13711112222")
    manager.page.select_option("#f-b_post", "S0105")
    manager.page.click("button:has-text('保存')")
    manager.page.wait_for_selector("p.flash")
    history = manager.page.inner_text("table")
    assert "G001" in history and "指定B岗" in history and "13711112222" in history
    manager.shot("org-3-saved-with-history")

    head = Desk(browser, desk_url, "S0101", phone=True)
    head.page.goto("/org")
    row = head.page.inner_text("tr:has-text('S0103')")
    assert "13711112222" in row and "陈静（S0105）" in row and "修改" not in row
    head.shot("org-4-head-reads-organisation")
    for desk in (manager, head):
        desk.close()


def test_a_window_head_finds_a_case_in_the_browser(desk_url, browser):
    ref, _ = sample_case("W01", opened_by="S0103")
    sample_case("W02", opened_by="S0202")
    head = Desk(browser, desk_url, "S0101")
    head.page.click("nav.main a[href='/search']")
    head.page.fill("#f-person", "李娜")
    head.page.click("button:has-text('查询')")
    head.page.wait_for_selector("table.results")
    assert head.page.locator("table.results tbody tr").count() == 1 and ref in head.text()
    head.shot("search-1-results")
    head.page.click(f"table.results a[href='/cases/{ref}']")
    head.page.wait_for_url(f"{desk_url}/cases/{ref}")
    head.close()
