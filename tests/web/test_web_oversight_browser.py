"""The oversight pages in a real browser (Debian's Chromium, driven by playwright): the management
section records a patrol with a deduction and the window head finds it in the month's summary and on
the case page; a training roll call with one person excused and one absent, the deduction confirmed
by the management section; the annual assessment run and its report opened. Screenshots go to
test-output/web/oversight-*.png."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select, update

from models.core.clock import local_now
from models.core.db import session_scope
from models.core.ledger import LedgerEntry
from models.training.tables import TrainingSession
from support import browser_desk
from support.browser_desk import SHOTS, Desk

pytestmark = pytest.mark.usefixtures("prefect_api")
desk_url, browser = browser_desk.desk_url, browser_desk.browser  # the fixtures


def _points(ref: str) -> dict:
    with session_scope() as session:
        return dict(session.exec(select(LedgerEntry.subject_id, LedgerEntry.points)
                                 .where(LedgerEntry.case_ref == ref)).all())


def _record_patrol(management: Desk, item: str = "dress", description: str = "未佩戴胸牌") -> str:
    management.page.goto("/new")
    management.page.click("a[href='/patrols/new']")
    management.page.check("input[name=windows][value=W01]")
    management.page.check("input[name=windows][value=W02]")
    management.page.select_option("select[name=f1-window]", "W01")
    management.page.select_option("select[name=f1-staff]", "S0103")
    management.page.select_option("select[name=f1-item]", item)
    management.page.fill("input[name=f1-description]", description)
    management.page.check("input[name=f1-deduct]")
    management.shot("oversight-patrol-1-form")
    management.submit()
    return management.page.url.rsplit("/", 1)[1]


def test_a_patrol_with_a_deduction_reaches_the_window_heads_summary_and_case_page(desk_url, browser):
    management = Desk(browser, desk_url, "G001")
    ref = _record_patrol(management)
    assert "未佩戴胸牌，扣 1 分" in management.text() and _points(ref) == {"S0103": 0.5, "W01": 0.5}
    management.shot("oversight-patrol-2-recorded")

    head = Desk(browser, desk_url, "S0101")
    head.page.click("nav.main a[href='/oversight']")
    head.page.click("a[href='/patrols/summary']")
    summary = head.text()
    assert "未佩戴胸牌" in summary and "社保综合窗口" in summary and "企业登记窗口" not in summary
    head.shot("oversight-patrol-3-head-summary")
    head.page.click(f"a[href='/cases/{ref}']")
    case = head.text()
    assert "李娜（S0103）：着装及胸牌——未佩戴胸牌，扣 1 分" in case and "孙丽华（G001）" in case
    head.shot("oversight-patrol-4-head-case")
    for desk in (management, head):
        desk.close()


def test_a_roll_call_with_one_excused_and_one_absent_and_the_deduction_confirmed(desk_url, browser):
    start = (local_now() + timedelta(days=1)).replace(hour=14, minute=0, second=0, microsecond=0)
    section = Desk(browser, desk_url, "T001")  # the complaint window organises; the management section confirms
    section.page.goto("/trainings/new")
    section.page.fill("#f-topic", "投诉处置规定解读")
    section.page.select_option("#f-category", "regulations")
    section.page.fill("#f-starts_at", f"{start:%Y-%m-%dT%H:%M}")
    section.page.fill("#f-ends_at", f"{start + timedelta(hours=1):%Y-%m-%dT%H:%M}")
    section.page.fill("#f-place", "三楼会议室")
    section.page.check("input[name=windows][value=W02]")
    section.shot("oversight-training-1-arrange")
    section.submit()
    ref = section.page.url.rsplit("/", 1)[1]

    section.page.click("a:has-text('登记请假')")
    section.page.select_option("#f-staff_id", "S0202")
    section.page.fill("#f-reason", "赴市局参加业务培训")
    section.submit()
    with session_scope() as session:  # time passes: the session has begun, the roll call may be taken (三.1)
        session.exec(update(TrainingSession).where(TrainingSession.case_ref == ref).values(
            starts_at=local_now() - timedelta(hours=1), ends_at=local_now()))
    section.page.click("a.button:has-text('点名')")
    section.page.check("input[name=present][value=S0201]")
    section.shot("oversight-training-2-roll-call")
    section.submit()
    assert "已点名，待窗口管理科确认扣分" in section.text() and _points(ref) == {}

    management = Desk(browser, desk_url, "G001")
    assert ref in management.text()  # on 我的待办
    management.page.goto(f"/cases/{ref}")
    page = management.text()
    assert "孙悦（S0202）" in page and "事先请假：赴市局参加业务培训" in page and "无故缺席" in page
    management.page.check("form.decision input[name=approve][value=true]")
    management.shot("oversight-training-3-confirm")
    management.submit("form.decision")
    assert _points(ref) == {"S0203": 1.0}
    management.page.goto(f"/ledger?person=S0203&year={start.year}")
    assert "无故不参加学习培训「投诉处置规定解读」" in management.text()
    management.shot("oversight-training-4-ledger")
    for desk in (section, management):
        desk.close()


def test_the_annual_assessment_is_run_and_its_report_opened(desk_url, browser):
    management = Desk(browser, desk_url, "G001")
    smoking = _record_patrol(management, "smoking", "楼梯间吸烟")  # deducted, and the eligibility withdrawn
    management.page.click("nav.main a[href='/oversight']")
    management.page.click("a[href='/assessment']")
    management.page.fill("#f-year", str(local_now().year))
    management.submit("form.filter")
    result = management.text()
    assert "年度考核已完成" in result and "取消评优资格 1 项" in result and "服务明星" in result
    lost = management.page.inner_text("table.lost-eligibility")
    assert "李娜（S0103）" in lost and "在禁烟区域内吸烟" in lost and smoking in lost
    assert management.page.locator(f"table.lost-eligibility a[href='/cases/{smoking}']").count() == 1
    management.shot("oversight-assessment-1-rankings")
    management.page.click("a:has-text('打开考核报告')")  # a desk page with the menu, the report framed in it
    management.page.wait_for_load_state()
    assert management.page.locator("nav.main").count() == 1
    text = management.page.frame_locator("#report-frame").locator("body").inner_text()
    assert f"青浦区行政服务中心 {local_now().year} 年度考核" in text and "在禁烟区域内吸烟" in text and smoking in text
    management.page.screenshot(path=str(SHOTS / "oversight-assessment-2-report.png"), full_page=True)
    management.close()
