"""Stand-in (顶岗) in headless Chromium (issue 29, AB岗工作制度 1, 4, 6): while the window head S0101 is
on an approved leave, S0105 applies for a day of that leave; S0101's B post S0102 finds the signature
item in 我的待办 marked 代张伟(S0101) and signs it; the history reads 王芳（代 张伟）; back at work,
S0101 finds the 代行情况 item listing it (with its link) and confirms it as read. Screenshots in
test-output/web/ (readme-web-desk.png is the README's docs/web-desk.png)."""
from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from models.core.clock import local_now
from models.core.handover import HANDOVER_STEP
from support import browser_desk, leaves
from support.browser_desk import Desk
from tasks.core.sweep import collect_and_queue
from web.test_web_stand_in import approved_leave, calendar
from web.web_desk import set_passwords

pytestmark = pytest.mark.usefixtures("prefect_api")
desk_url, browser = browser_desk.desk_url, browser_desk.browser  # the fixtures
ISSUE_29_DEFECTS = (1,)


def test_the_b_post_signs_for_the_head_on_leave_and_he_gets_the_handover_on_return(desk_url, browser):
    today, cal = local_now().date(), calendar()
    end = cal.add_working_days(today, 2)  # like 2026-11-09 to 11-11: the head is away from today
    head_leave = approved_leave("S0101", today, end, applied_at=datetime.combine(today - timedelta(days=1), time(10)))
    day = cal.add_working_days(today, 1)  # like 11-10, while the head is away

    set_passwords("S0105")
    applicant = Desk(browser, desk_url, "S0105")
    applicant.page.goto("/new/leave")
    applicant.page.select_option("#f-kind", "personal")
    applicant.page.fill("#f-start_day", day.isoformat())
    applicant.page.fill("#f-end_day", day.isoformat())
    applicant.page.fill("#f-reason", "家中老人就医陪护")
    applicant.submit()
    ref = applicant.page.url.rsplit("/", 1)[1]
    assert "待窗口负责人审核签字" in applicant.text()
    applicant.close()

    b_post = Desk(browser, desk_url, "S0102")
    row = b_post.page.inner_text(f"tr:has(a[href='/cases/{ref}'])")
    assert "代张伟(S0101)" in row  # in 王芳's 我的待办, for 张伟
    b_post.shot_until("readme-web-desk", "main")
    [item_id] = [i.id for i in leaves.items(ref, "head_review")]
    b_post.page.click(f"a[href='/cases/{ref}']")
    b_post.page.check("form.decision input[name=approve][value=true]")
    b_post.page.fill("form.decision textarea[name=comment]", "同意，代张伟签字")
    b_post.submit("form.decision")
    history = b_post.page.inner_text("ol.timeline")
    assert "王芳（代 张伟）" in history and "待窗口管理科审核" in b_post.text()
    b_post.shot("standin-1-signed-for-the-head")
    b_post.close()

    back = cal.next_working_day(end)
    collect_and_queue(as_of=datetime.combine(back, time(8, 30)), dry_run=False)  # the morning sweep
    [handover] = leaves.items(head_leave, HANDOVER_STEP)
    head = Desk(browser, desk_url, "S0101")
    assert "代行情况" in head.page.inner_text(f"tr:has(a[href*='/cases/{head_leave}'])")
    head.page.click(f"a[href*='/cases/{head_leave}']")
    item = head.page.locator(f"#item-{handover.id}")
    assert "王芳代为办理 1 项" in item.inner_text() and ref in item.inner_text()
    head.shot("standin-2-handover")
    [link] = head.page.locator(f"#item-{handover.id} ul.handover a").all()  # the decided item, linked
    assert link.get_attribute("href") == f"/cases/{ref}#item-{item_id}" and "审核签字" in link.inner_text()
    link.click()
    head.page.wait_for_url(f"{desk_url}/cases/{ref}#item-{item_id}")
    assert "王芳（代 张伟）" in head.page.inner_text("ol.timeline")
    head.page.go_back()
    head.submit(f"#item-{handover.id} form.decision")
    assert leaves.items(head_leave, HANDOVER_STEP) == []  # confirmed as read: closed
    assert "代行情况" in head.page.inner_text("ol.timeline")
    head.close()
