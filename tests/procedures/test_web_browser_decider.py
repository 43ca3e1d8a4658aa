"""Every decider sees what they decide, in headless Chromium (issue 28 items 1–3 and 16): a rotation's
people, effective date and rule checks (the quarter's count against the 30 % cap) above its decision
form; a matter request's whole guide, and for a 变更 the changed field marked; a rating's findings and
reply at the review and at the publishing step; a returned substitute replaced on a leave and the
window head told. Screenshots in test-output/web/ (readme-*.png are the README's docs/*.png)."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from models.core.clock import local_now
from models.core.db import session_scope
from models.core.outbox import OutboxMessage
from models.leave.tables import LeaveRequest
from support import browser_desk
from support.browser_desk import Desk
from web.test_web_stand_in import approved_leave, calendar
from web.web_desk import set_passwords

pytestmark = pytest.mark.usefixtures("prefect_api")
desk_url, browser = browser_desk.desk_url, browser_desk.browser  # the fixtures
ISSUE_28_DEFECTS = (1, 2, 3, 16)


def _ref(desk: Desk) -> str:
    return desk.page.url.rsplit("/", 1)[1]


def _before_the_form(desk: Desk, *texts: str) -> None:
    """Each text is on the case page, above its decision form."""
    page = desk.text()
    form = page.index("提交办理")
    for text in texts:
        assert text in page and page.index(text) < form, f"{text!r} is not above the decision form"


def _decide(desk: Desk, **fields) -> None:
    """Fill the case page's decision form (radio buttons, check boxes, selects, text) and submit it."""
    form = desk.page.locator("form.decision")
    for name, value in fields.items():
        if name in ("approve",):
            form.locator(f"input[name={name}][value={value}]").check()
        elif value is True:
            form.locator(f"input[name={name}]").check()
        elif form.locator(f"select[name={name}]").count():
            form.locator(f"select[name={name}]").select_option(value)
        else:
            form.locator(f"[name={name}]").fill(value)
    desk.submit("form.decision")


def test_the_approver_sees_a_rotations_people_dates_and_rule_checks_before_deciding(desk_url, browser):
    department = Desk(browser, desk_url, "D-rsj")
    department.page.goto("/new/rotation")
    department.page.select_option("#f-window_id", "W01")
    department.page.fill("#f-notice_ref", "青人社函〔2027〕12号")
    department.page.fill("#f-notice_received", "2026-12-01T10:00")
    department.page.fill("#f-effective_date", "2027-02-10")
    department.page.check("input[name=leaving][value=S0109]")
    for name, value in {"staff_id": "S0111", "name": "钱进", "phone": "13800001111",
                        "qualification": "社会保障经办资格"}.items():
        department.page.fill(f"#f-arriving-0-{name}", value)
    department.page.fill("#f-note", "窗口业务调整（公函说明）")
    department.shot("decider-rotation-1-form")
    department.submit()
    ref = _ref(department)
    department.close()

    approver = Desk(browser, desk_url, "G001")
    approver.page.click(f"a[href='/cases/{ref}']")  # from 我的待办
    _before_the_form(approver, "青人社函〔2027〕12号", "2027-02-10", "周婷（S0109）", "钱进", "S0111",
                     "未通过 — 生效日 2027-02-10 在 2 月", "2027Q1 已批准调离 0 人，本次调离 1 人，合计 1 人，上限 30% 即 3 人",
                     "规定检查：提前10个工作日书面告知", "规定检查：派驻满2年")
    approver.shot_until("readme-rotation-case", "section:has(form.decision)")
    _decide(approver, approve="true", exception=True, comment="二月轮换确有必要，例外批准")
    decided = approver.text()
    assert "二月轮换确有必要，例外批准" in decided and "例外批准\n是" in decided.replace("\t", "\n")
    approver.shot("decider-rotation-2-decided")
    approver.close()


GUIDE = {"guide-subject": "青浦区人力资源和社会保障局", "guide-basis": "《就业服务与就业管理规定》",
         "guide-conditions": "处于无业状态的本区户籍人员", "guide-steps": "窗口受理，3个工作日内办结",
         "guide-supervision": "监督电话 021-59700000", "guide-approval_authority": "窗口受理并审核"}


def _request_matter(desk: Desk, request: str, reason: str, guide: dict) -> str:
    desk.page.goto("/new/matter")
    desk.page.select_option("#f-request", request)
    desk.page.fill("#f-code", "QP-RSJ-009")
    desk.page.fill("#f-name", "失业登记")
    desk.page.fill("#f-reason", reason)
    desk.page.select_option("#f-window", "W01")
    desk.page.select_option("#f-kind", "promised")
    for scope in ("咨询", "受理"):
        desk.page.check(f"input[name=scope][value={scope}]")
    for name, value in guide.items():
        desk.page.fill(f"#f-{name}", value)
    desk.page.fill("#f-limit-statutory_days", "15")
    desk.page.fill("#f-limit-promised_days", "3")
    desk.page.fill("#f-fees-basis", "依规定不收费")
    desk.page.fill("#f-material-0-name", "居民身份证")
    desk.page.fill("#f-material-0-form", "第二代居民身份证")
    desk.page.select_option("#f-material-0-original", "original")
    desk.submit()
    return _ref(desk)


def test_the_approvers_see_a_matters_whole_guide_and_a_changes_marked_fields(desk_url, browser):
    set_passwords("Q001")
    department = Desk(browser, desk_url, "D-rsj")
    ref = _request_matter(department, "onboard", "进驻中心办理", GUIDE)
    office, section = Desk(browser, desk_url, "Q001"), Desk(browser, desk_url, "G001")
    whole = ("失业登记", "进驻中心办理", *GUIDE.values(), "居民身份证", "第二代居民身份证", "依规定不收费", "承诺件",
             "咨询、受理", "规定检查：办事指南完整")
    for approver in (office, section):
        approver.page.goto("/")
        approver.page.click(f"a[href='/cases/{ref}']")
        _before_the_form(approver, *whole)
        _decide(approver, approve="true", comment="同意")
    assert "已批准" in section.text()

    change = _request_matter(department, "change", "办理条件调整",
                             {**GUIDE, "guide-conditions": "处于失业状态的本区常住人员"})
    marked = "【变更】处于失业状态的本区常住人员（现行：处于无业状态的本区户籍人员）"
    office.page.goto(f"/cases/{change}")
    _before_the_form(office, marked, "办理条件调整", GUIDE["guide-steps"])
    office.shot("decider-matter-change")
    assert office.page.locator(f"text={GUIDE['guide-steps']}").count() and "【变更】" not in \
        office.page.inner_text(f"dd:has-text('{GUIDE['guide-steps']}')")  # unchanged fields are not marked
    _decide(office, approve="true", comment="同意转办")
    section.page.goto(f"/cases/{change}")
    _before_the_form(section, marked)
    for desk in (department, office, section):
        desk.close()


def test_a_ratings_findings_and_reply_are_seen_at_review_and_at_publishing(desk_url, browser):
    registrar = Desk(browser, desk_url, "T001")
    registrar.page.goto("/new/complaint")
    registrar.page.select_option("#f-channel", "rating")
    registrar.page.fill("#f-received_at", (local_now() - timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M"))
    registrar.page.select_option("#f-window_id", "W02")
    registrar.page.select_option("#f-staff_id", "S0202")
    registrar.page.fill("#f-content", "等了很久，态度冷淡")
    registrar.page.fill("#f-rating_id", "HCP-2027-0007")
    registrar.page.select_option("#f-stars", "1")
    registrar.submit()
    ref = _ref(registrar)

    head = Desk(browser, desk_url, "S0201")
    head.page.click(f"a[href='/cases/{ref}']")
    _before_the_form(head, "等了很久，态度冷淡", "HCP-2027-0007")
    findings, reply = "调取录像，等候时间较长属实（核实情况丁）", "已调整窗口排班，感谢监督（答复内容戊）"
    _decide(head, findings=findings, verdict="partly", reply=reply)
    head.close()

    section = Desk(browser, desk_url, "G001")
    section.page.click(f"a[href='/cases/{ref}']")
    _before_the_form(section, "部分属实", findings, reply, "等了很久，态度冷淡")
    section.shot_until("readme-case-diagram", "figure.diagram")
    _decide(section, approve="true", comment="同意答复")
    section.close()

    registrar.page.goto("/")
    registrar.page.click(f"a[href='/cases/{ref}']")
    _before_the_form(registrar, "部分属实", findings, reply, "同意答复")
    _decide(registrar, comment="已在好差评系统发布")
    assert "已办结" in registrar.page.inner_text("dl.facts")
    registrar.shot("decider-rating-published")
    registrar.close()


def test_a_returned_substitute_is_replaced_on_an_approved_leave_and_the_head_told(desk_url, browser):
    cal = calendar()
    start = cal.add_working_days(local_now().date(), 5)
    leave = approved_leave("S0104", start, cal.add_working_days(start, 1), applied_at=local_now() - timedelta(hours=1))
    head = Desk(browser, desk_url, "S0101")
    head.page.goto(f"/cases/{leave}")
    assert "李娜（S0103）" in head.page.inner_text("dl.facts")  # S0104's B post covers

    section = Desk(browser, desk_url, "G001")
    section.page.goto("/new/return")
    section.page.select_option("#f-staff_id", "S0103")
    section.page.check("input[name=grounds][value=discipline]")
    section.page.fill("#f-notes", "多次无故离岗，经提醒拒不改正")
    section.submit()
    _decide(section, confirm=True, reason="经核实，符合退回情形")
    section.close()

    with session_scope() as session:
        substitute = session.get(LeaveRequest, leave).substitute_id
        told = set(session.exec(select(OutboxMessage.address).where(
            OutboxMessage.case_ref == leave, OutboxMessage.template == "leave_substitute_replaced")).all())
    assert substitute not in (None, "S0103")
    assert told == {"13700000101", "zhangwei@example.gov.cn"}  # 张伟, the window head
    head.page.reload()
    facts = head.page.inner_text("dl.facts")
    assert f"（{substitute}）" in facts and "李娜（S0103）" not in facts
    told_row = head.page.inner_text("tr:has-text('李娜已离岗')")  # the SMS to the head, on the case page
    assert told_row.startswith("张伟") and "替岗人员改为" in told_row
    head.shot("decider-substitute-replaced")
    head.close()
