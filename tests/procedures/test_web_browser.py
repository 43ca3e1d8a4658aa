"""The web desk in a real browser (Debian's Chromium, driven by playwright): a two-day sick leave
applied for, signed, approved and seen by the applicant (已批准), the B post e-mailed; a complaint
entered, extended with an explanation and answered; a service case taken in at the window with one
written notice of both missing materials. Screenshots of each step go to test-output/web/."""
from __future__ import annotations

from datetime import timedelta

from models.core.calendar import load_calendar
from models.core.clock import local_now
from models.core.db import session_scope
from support import browser_desk
from support.browser_desk import Desk
from tasks.core.delivery import deliver_due

desk_url, browser = browser_desk.desk_url, browser_desk.browser  # the fixtures


def _leave_days():
    with session_scope() as session:
        first = load_calendar(session=session).add_working_days(local_now().date(), 5)
        second = load_calendar(session=session).add_working_days(first, 1)
    return first, second


def _decide_first_item(desk: Desk, ref: str, approve: bool, comment: str) -> None:
    desk.page.click(f"a[href='/cases/{ref}']")
    desk.page.check(f"form.decision input[name=approve][value={'true' if approve else 'false'}]")
    desk.page.fill("form.decision textarea[name=comment]", comment)
    desk.page.click("form.decision button[type=submit]")
    desk.page.wait_for_selector("p.flash")


def test_sick_leave_from_application_to_approval_in_the_browser(desk_url, browser, channels):
    smtp, _ = channels
    first, second = _leave_days()
    applicant = Desk(browser, desk_url, "S0102", phone=True)
    applicant.shot("leave-1-applicant-todo")
    applicant.page.goto("/new/leave")
    applicant.page.fill("#f-start_day", first.isoformat())
    applicant.page.fill("#f-end_day", second.isoformat())
    applicant.page.fill("#f-reason", "发烧，医院建议休息两天")
    applicant.page.set_input_files("#f-hospital_proofs", files=[
        {"name": "诊断证明.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 hospital proof"}])
    applicant.shot("leave-2-form")
    applicant.page.click("button:has-text('提交请假申请')")
    applicant.page.wait_for_selector("p.flash")
    ref = applicant.page.url.rsplit("/", 1)[1]
    assert "待窗口负责人审核签字" in applicant.text()
    applicant.shot("leave-3-submitted")

    head = Desk(browser, desk_url, "S0101")
    assert ref in head.text()
    head.shot("leave-4-head-todo")
    _decide_first_item(head, ref, True, "同意，由B岗张伟顶岗")
    assert "待窗口管理科审核" in head.text()
    head.shot("leave-5-head-signed")

    management = Desk(browser, desk_url, "G001")
    _decide_first_item(management, ref, True, "同意")
    management.shot("leave-6-management-approved")

    applicant.page.goto(f"/cases/{ref}")
    page_text = applicant.text()
    applicant.shot("leave-7-applicant-sees-approval")
    assert "已批准（待登记考勤）" in page_text and "窗口管理科审核" in page_text and "同意" in page_text
    applicant.page.goto("/")
    assert "已批准" in applicant.page.inner_text(f"tr:has(a[href='/cases/{ref}'])")
    applicant.shot("leave-8-applicant-my-cases")
    deliver_due()
    assert any(ref in smtp.text(m) for m in smtp.to("zhangwei@example.gov.cn"))  # S0101 is S0102's B post
    for desk in (applicant, head, management):
        desk.close()


def test_a_complaint_entered_extended_and_answered_in_the_browser(desk_url, browser, channels):
    _, sms = channels
    clerk = Desk(browser, desk_url, "G001")
    clerk.page.goto("/new/complaint")
    clerk.page.select_option("#f-channel", "phone")
    clerk.page.fill("#f-received_at", (local_now() - timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M"))
    clerk.page.select_option("#f-window_id", "W01")
    clerk.page.select_option("#f-staff_id", "S0103")
    clerk.page.select_option("#f-category", "3")
    clerk.page.fill("#f-content", "办理社保转移时工作人员态度生硬")
    clerk.page.fill("#f-complainant_name", "陈小明")
    clerk.page.fill("#f-complainant_contact", "13912345678")
    clerk.shot("complaint-1-intake")
    clerk.page.click("button:has-text('登记并交窗口核实')")
    clerk.page.wait_for_selector("p.flash")
    ref = clerk.page.url.rsplit("/", 1)[1]
    assert "139****5678" in clerk.text()  # the registering section does not handle it: masked
    clerk.shot("complaint-2-registered")

    head = Desk(browser, desk_url, "S0101")
    head.page.goto(f"/cases/{ref}")
    head.page.click("a:has-text('延期并向投诉人说明')")
    head.page.fill("#f-reason", "需调取窗口监控并约谈当事人，预计下周答复")
    head.shot("complaint-3-extension")
    head.page.click("button:has-text('延期并发送说明')")
    head.page.wait_for_selector("p.flash")
    head.page.fill("form.decision textarea[name=findings]", "经调取监控核实，态度生硬属实")
    head.page.select_option("form.decision select[name=verdict]", "substantiated")
    head.page.fill("form.decision textarea[name=reply]", "已对当事人批评教育，向您致歉")
    head.page.click("form.decision button[type=submit]")
    head.page.wait_for_selector("p.flash")
    assert "已办结" in head.text()
    head.shot("complaint-4-answered")
    deliver_due()
    assert any("监控" in m["message"] for m in sms.to("13912345678"))  # the explanation reached them
    for desk in (clerk, head):
        desk.close()


def test_a_service_case_taken_in_with_one_written_notice_in_the_browser(desk_url, browser):
    from support.matters import sample, through

    through(sample())
    clerk = Desk(browser, desk_url, "S0102", phone=True)
    clerk.page.goto("/new")
    clerk.page.click("a[href='/new/service']")
    clerk.page.select_option("#f-matter_code", "QP-RSJ-001")
    clerk.page.fill("#f-applicant", "李明")
    clerk.page.fill("#f-phone", "13912340099")
    clerk.shot("service-1-intake")
    clerk.page.click("button:has-text('接件')")
    clerk.page.wait_for_selector("p.flash")
    ref = clerk.page.url.split("/")[-3]
    clerk.page.check("input[name=m-0][value=have]")
    clerk.page.check("input[name=m-1][value=missing]")
    clerk.page.check("input[name=m-2][value=missing]")
    clerk.shot("service-2-materials")
    clerk.page.click("button:has-text('提交核验')")
    clerk.page.wait_for_selector("p.flash")
    assert "待补正材料" in clerk.text() and "失业登记申请表、解除或终止劳动合同证明" in clerk.text()
    clerk.shot("service-3-notice-issued")
    clerk.page.click("a:has-text('一次性告知书（第1份）')")
    frame = clerk.page.frame_locator("#document-frame")
    assert "加盖原单位公章" in frame.locator("body").inner_text() and ref in clerk.text()
    clerk.shot("service-4-notice-document")
    clerk.close()
