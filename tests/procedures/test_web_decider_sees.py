"""Every decider sees what they decide (issue 28): the case page, opened as each open step's assignee
in turn, shows every field the submitter filled in, the rule checks with their clauses and verdicts,
and what the earlier deciders decided and wrote — walked step by step through the desk until the
case waits on nobody."""
from __future__ import annotations

import html
from datetime import timedelta

import pytest
from sqlmodel import select

from models.core.calendar import load_calendar
from models.core.cases import WorkItem, WorkItemStatus
from models.core.clock import local_now
from models.core.db import session_scope
from models.core.org import Staff
from models.core.workitems import actor_of, assignment_of
from models.rules.masking import mask_name, mask_phone
from models.rules.permissions import may_act
from web.web_desk import PEOPLE, client_for, desk_app, post_form, set_passwords

# What each form's decider writes in the walk; the free text is checked on every later page.
DECISIONS = {
    "approve": {"approve": "true", "comment": "材料齐全，同意（审核意见甲）"},
    "rotation_review": {"approve": "true", "exception": "true", "comment": "二月轮换确有必要，例外批准（审核意见乙）"},
    "acknowledge": {"comment": "已在好差评系统发布（发布备注丙）"},
    "complaint_investigation": {"findings": "调取录像，等候时间较长属实（核实情况丁）", "verdict": "partly",
                      "reply": "已调整窗口排班，感谢监督（答复内容戊）"},
}


@pytest.fixture
def desk(org):
    with session_scope() as session:
        everyone = session.exec(select(Staff.id)).all()
    set_passwords(*everyone)
    app, clients = desk_app(), {}

    def as_(staff_id: str):
        if staff_id not in clients:
            clients[staff_id] = client_for(app, staff_id)
        return clients[staff_id]
    return as_


def _assignees(item: WorkItem) -> list[str]:
    with session_scope() as session:
        people = session.exec(select(Staff.id).order_by(Staff.id)).all()
        return [p for p in people if may_act(actor_of(session=session, staff_id=p), assignment_of(item))[0]]


def _open_items(ref: str) -> list[WorkItem]:
    with session_scope() as session:
        return list(session.exec(select(WorkItem).where(WorkItem.case_ref == ref,
                                                        WorkItem.status == WorkItemStatus.open)).all())


def walk(as_, ref: str, shown: list[str], steps: int = 6) -> list[str]:
    """Decide every open step of `ref` on the desk, each as its first assignee, after checking that
    every one of its assignees sees `shown` and what was written before: the forms walked."""
    written, walked = list(shown), []
    for _ in range(steps):
        items = _open_items(ref)
        if not items:
            return walked
        item = items[0]
        people = _assignees(item)
        assert people, f"nobody may act on {item.step}"
        for person in people:
            page = as_(person).get(f"/cases/{ref}").text
            missing = [value for value in written if html.escape(value, quote=False) not in page]
            assert not missing, f"{person} at {item.step} does not see {missing}"
            assert page.index("办理步骤") < page.index(f'action="/items/{item.id}/decide"') or item.form not in DECISIONS
        decision = DECISIONS[item.form]
        response = post_form(as_(people[0]), f"/cases/{ref}", f"/items/{item.id}/decide", decision)
        assert response.status_code == 303, response.text
        written += [v for k, v in decision.items() if k in ("comment", "findings", "reply")]
        walked.append(item.form)
    return walked


def _rotation(**extra) -> dict:
    return {"window_id": "W01", "notice_ref": "青人社函〔2027〕12号", "notice_received": "2026-12-01T10:00",
            "effective_date": "2027-02-10", "leaving": ["S0109"], "arriving-0-staff_id": "S0111",
            "arriving-0-name": "钱进", "arriving-0-employment": "civil_servant",
            "arriving-0-political_status": "party_member", "arriving-0-phone": "13800001111",
            "arriving-0-email": "qianjin@example.org", "arriving-0-qualification": "社会保障经办资格",
            "note": "窗口业务调整（公函说明）", **extra}


def test_a_rotation_is_decided_with_its_people_dates_and_every_rule_check_in_sight(desk):
    response = post_form(desk("D-rsj"), "/new/rotation", "/new/rotation", _rotation())
    assert response.status_code == 303, response.text
    ref = response.headers["location"].removeprefix("/cases/")
    shown = ["青人社函〔2027〕12号", "2026-12-01 10:00", "2027-02-10", "2027Q1", "S0109", "钱进", "S0111",
             "中共党员", "在编公务员", "13800001111", "qianjin@example.org", "社会保障经办资格",
             "窗口业务调整（公函说明）",
             "规定检查：每季度第一月集中轮换", "未通过 — 生效日 2027-02-10 在 2 月", "进出管理制度 二.2",
             "规定检查：轮换人数不超过30%", "已批准调离 0 人，本次调离 1 人", "规定检查：派驻满2年",
             "规定检查：提前10个工作日书面告知"]
    assert "rotation_review" in walk(desk, ref, shown)
    decided = desk("G001").get(f"/cases/{ref}").text
    assert "例外批准</dt><dd>是" in decided and "意见或理由</dt><dd>二月轮换确有必要" in decided


def _onboarding(**extra) -> dict:
    return {"request": "onboard", "code": "QP-RSJ-009", "name": "失业登记", "window": "W01", "kind": "promised",
            "scope": ["咨询", "受理"], "reason": "进驻中心办理", "guide-subject": "青浦区人力资源和社会保障局",
            "guide-basis": "《就业服务与就业管理规定》", "guide-conditions": "处于无业状态的本区户籍人员",
            "guide-steps": "窗口受理，3个工作日内办结", "guide-supervision": "监督电话 021-59700000",
            "guide-approval_authority": "窗口受理并审核", "limit-statutory_days": "15", "limit-promised_days": "3",
            "material-0-name": "居民身份证", "material-0-form": "第二代居民身份证", "material-0-copies": "1",
            "material-0-original": "original", "fees-basis": "依规定不收费", **extra}


def _guide_shown(values: dict) -> list[str]:
    return [values[k] for k in ("name", "reason", "guide-subject", "guide-basis", "guide-conditions", "guide-steps",
                                "guide-supervision", "guide-approval_authority", "material-0-name", "material-0-form", "fees-basis")]


def test_a_matter_request_is_decided_with_its_whole_guide_and_a_change_with_what_it_changes(desk):
    response = post_form(desk("D-rsj"), "/new/matter", "/new/matter", _onboarding())
    assert response.status_code == 303, response.text
    ref = response.headers["location"].removeprefix("/cases/")
    shown = _guide_shown(_onboarding()) + ["承诺件", "原件", "咨询、受理", "规定检查：办事指南完整"]
    assert walk(desk, ref, shown) == ["approve", "approve"]

    change = _onboarding(request="change", reason="办理条件调整", **{"guide-conditions": "处于失业状态的本区常住人员"})
    response = post_form(desk("D-rsj"), "/new/matter", "/new/matter", change)
    assert response.status_code == 303, response.text
    ref = response.headers["location"].removeprefix("/cases/")
    marked = "【变更】处于失业状态的本区常住人员（现行：处于无业状态的本区户籍人员）"
    assert walk(desk, ref, _guide_shown(change) + [marked]) == ["approve", "approve"]


RATING = {"channel": "rating", "window_id": "W02", "staff_id": "S0202", "content": "等了很久，态度冷淡",
          "rating_id": "HCP-2027-0007", "stars": "1", "category": ""}


def test_a_ratings_reply_is_seen_by_its_reviewer_and_its_publisher_before_the_case_closes(desk):
    response = post_form(desk("T001"), "/new/complaint", "/new/complaint", RATING)
    assert response.status_code == 303, response.text
    ref = response.headers["location"].removeprefix("/cases/")
    shown = ["等了很久，态度冷淡", "HCP-2027-0007", "S0202"]
    assert walk(desk, ref, shown) == ["complaint_investigation", "approve", "acknowledge"]


def test_a_plain_approval_of_a_february_rotation_is_refused_in_words_a_desk_user_can_follow(desk):
    response = post_form(desk("D-rsj"), "/new/rotation", "/new/rotation", _rotation())
    ref = response.headers["location"].removeprefix("/cases/")
    [item] = _open_items(ref)
    refused = post_form(desk("G001"), f"/cases/{ref}", f"/items/{item.id}/decide", {"approve": "true"})
    assert refused.status_code == 400 and "每季度第一月集中轮换" in refused.text
    assert "请选择「例外批准」并填写理由" in refused.text and "exception=true" not in refused.text


def test_a_phone_complaint_is_decided_with_everything_its_registrar_wrote_masked_for_whoever_does_not_handle_it(desk):
    received = (local_now() - timedelta(minutes=5)).replace(second=0, microsecond=0)
    phone = {"channel": "phone", "received_at": f"{received:%Y-%m-%dT%H:%M}", "window_id": "W01", "staff_id": "S0103",
             "category": "3", "content": "办事时态度生硬，反复让我排队（投诉内容己）", "complainant_name": "陈小明",
             "complainant_contact": "13912345678"}
    response = post_form(desk("G001"), "/new/complaint", "/new/complaint", phone)
    assert response.status_code == 303, response.text
    ref = response.headers["location"].removeprefix("/cases/")
    shown = [phone["content"], "服务态度不佳", "S0103", f"{received:%Y-%m-%d %H:%M}"]
    handler, overseer = desk("S0101").get(f"/cases/{ref}").text, desk("G002").get(f"/cases/{ref}").text
    assert "陈小明" in handler and "13912345678" in handler  # models/rules/masking.py: the handler sees them
    assert mask_name("陈小明") in overseer and mask_phone("13912345678") in overseer and "13912345678" not in overseer
    assert walk(desk, ref, shown)[0] == "complaint_investigation"


def test_a_leave_is_signed_reviewed_and_registered_with_its_dates_and_reason_in_sight(desk):
    with session_scope() as session:
        start = load_calendar(session=session).add_working_days(local_now().date(), 5)
    leave = {"staff_id": "S0102", "kind": "personal", "start_day": start.isoformat(), "start_half": "am",
             "end_day": start.isoformat(), "end_half": "pm", "reason": "家中老人就医陪护（请假事由庚）"}
    response = post_form(desk("S0102"), "/new/leave", "/new/leave", leave)
    assert response.status_code == 303, response.text
    ref = response.headers["location"].removeprefix("/cases/")
    shown = [leave["reason"], f"{start:%Y-%m-%d}", "王芳"]
    assert len(walk(desk, ref, shown)) >= 2
