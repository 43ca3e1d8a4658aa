"""学习培训 on the desk: arranged by a section, leave asked in advance, the roll call with tick boxes
(the same decision as `center training roll-call`), another section's deductions confirmed by the
management section on the case page (`center training review --confirm`), cancel, the attendance
figures; refusals and bad input write nothing."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlmodel import select, update

from models.core.cases import Case, WorkItem
from models.core.clock import local_now
from models.core.db import session_scope
from models.core.ledger import LedgerEntry
from models.core.outbox import OutboxMessage
from models.training.tables import TrainingSession
from support.snapshot import snapshot
from web.web_desk import post_form, token_of

ISSUE_28_DEFECTS = (7,)  # counted in the reliability summary when these tests pass

pytestmark = pytest.mark.usefixtures("prefect_api")


def _start():
    return (local_now() + timedelta(days=1)).replace(hour=14, minute=0, second=0, microsecond=0)


def _arrange(client, **changes):
    start = _start()
    data = {"topic": "服务礼仪", "category": "etiquette", "organiser": "management", "place": "三楼会议室",
            "starts_at": f"{start:%Y-%m-%dT%H:%M}", "ends_at": f"{start + timedelta(hours=1):%Y-%m-%dT%H:%M}",
            "windows": ["W02"], **changes}
    return post_form(client, "/trainings/new", "/trainings/new", data)


def _ref(response) -> str:
    assert response.status_code == 303, response.text
    return response.headers["location"].removeprefix("/cases/")


def _begun(ref: str) -> None:
    """Time passes: the session arranged for tomorrow has begun (the roll call is taken once it has, 三.1)."""
    with session_scope() as session:
        session.exec(update(TrainingSession).where(TrainingSession.case_ref == ref).values(
            starts_at=local_now() - timedelta(hours=1), ends_at=local_now()))


def _deducted(ref: str) -> dict:
    with session_scope() as session:
        return dict(session.exec(select(LedgerEntry.subject_id, LedgerEntry.points)
                                 .where(LedgerEntry.case_ref == ref)).all())


def test_the_roll_call_with_one_excused_and_one_absent_deducts_the_absent_one(as_):
    client = as_("G001")
    ref = _ref(_arrange(client))
    excused = post_form(client, f"/trainings/{ref}/excuse", f"/trainings/{ref}/excuse",
                        {"staff_id": "S0202", "reason": "外出办事"})
    assert excused.status_code == 303
    _begun(ref)
    page = client.get(f"/trainings/{ref}/roll-call").text
    assert 'name="present" value="S0203"' in page and "已请假" in page
    called = post_form(client, f"/trainings/{ref}/roll-call", f"/trainings/{ref}/roll-call", {"present": ["S0201"]})
    assert called.status_code == 303 and _deducted(ref) == {"S0203": 1.0}
    html = as_("S0201").get(f"/cases/{ref}").text  # the head of the window expected sees the result
    assert "孙悦（S0202）" in html and "请假（" in html and "无故缺席" in html and "已点名" in html


def test_another_sections_roll_call_is_confirmed_by_the_management_section_on_the_case_page(as_):
    it = as_("T001")
    ref = _ref(_arrange(it, organiser="complaint_window", topic="投诉处置规定"))
    _begun(ref)
    post_form(it, f"/trainings/{ref}/roll-call", f"/trainings/{ref}/roll-call", {"present": ["S0201", "S0202"]})
    assert _deducted(ref) == {}
    with session_scope() as session:
        item = session.exec(select(WorkItem).where(WorkItem.case_ref == ref, WorkItem.step == "review")).one()
    management = as_("G001")
    assert f'action="/items/{item.id}/decide"' in management.get(f"/cases/{ref}").text
    confirmed = post_form(management, f"/cases/{ref}", f"/items/{item.id}/decide", {"approve": "true"})
    assert confirmed.status_code == 303 and _deducted(ref) == {"S0203": 1.0}


def test_a_window_head_may_not_arrange_nor_call_the_roll_and_nothing_is_written(as_):
    ref = _ref(_arrange(as_("G001")))
    head = as_("S0201")
    token = token_of(head.get(f"/cases/{ref}").text)
    assert head.get("/trainings/new").status_code == 403 and head.get(f"/trainings/{ref}/roll-call").status_code == 403
    before = snapshot()
    posted = [head.post("/trainings/new", data={"topic": "x", "csrf_token": token}, follow_redirects=False),
              head.post(f"/trainings/{ref}/roll-call", data={"present": "S0201", "csrf_token": token},
                        follow_redirects=False),
              head.post(f"/trainings/{ref}/cancel", data={"reason": "x", "csrf_token": token}, follow_redirects=False),
              head.post(f"/trainings/{ref}/excuse", data={"staff_id": "S0202", "reason": "x", "csrf_token": token},
                        follow_redirects=False)]
    assert [r.status_code for r in posted] == [403, 403, 403, 403] and snapshot() == before


def test_another_section_may_not_call_the_roll_of_the_management_sections_session(as_):
    ref = _ref(_arrange(as_("G001")))
    assert as_("T001").get(f"/trainings/{ref}/roll-call").status_code == 403


def test_bad_arrangement_is_shown_next_to_its_fields_and_nothing_is_written(as_):
    before = snapshot()
    past = local_now() - timedelta(hours=2)
    response = _arrange(as_("G001"), topic="", windows=[], starts_at=f"{past:%Y-%m-%dT%H:%M}",
                        ends_at=f"{past - timedelta(hours=1):%Y-%m-%dT%H:%M}")
    assert response.status_code == 400 and snapshot() == before
    assert re.search(r'id="f-topic".*?<div class="error">', response.text, re.S)


def test_the_arrangement_rules_are_shown_next_to_their_fields(as_):
    before = snapshot()
    past = local_now() - timedelta(hours=2)
    response = _arrange(as_("G001"), windows=[], starts_at=f"{past:%Y-%m-%dT%H:%M}",
                        ends_at=f"{past - timedelta(hours=1):%Y-%m-%dT%H:%M}")
    assert response.status_code == 400 and snapshot() == before
    assert re.search(r'id="f-starts_at".*?<div class="error">[^<]*已过：培训应事先安排', response.text, re.S)
    assert re.search(r'id="f-ends_at".*?<div class="error">应晚于开始时间', response.text, re.S)
    assert "没有应参加的窗口工作人员" in response.text


def test_an_excuse_without_reason_or_of_someone_not_expected_is_refused(as_):
    client = as_("G001")
    ref = _ref(_arrange(client))
    before = snapshot()
    no_reason = post_form(client, f"/trainings/{ref}/excuse", f"/trainings/{ref}/excuse", {"staff_id": "S0202"})
    stranger = post_form(client, f"/trainings/{ref}/excuse", f"/trainings/{ref}/excuse",
                         {"staff_id": "S0101", "reason": "外出"})
    assert (no_reason.status_code, stranger.status_code) == (400, 400) and snapshot() == before
    assert "必填：请假原因" in no_reason.text and "不在本次培训的应参加人员名单中" in stranger.text


def test_a_roll_call_naming_someone_not_expected_is_refused_and_nothing_is_written(as_):
    client = as_("G001")
    ref = _ref(_arrange(client))
    _begun(ref)
    before = snapshot()
    response = post_form(client, f"/trainings/{ref}/roll-call", f"/trainings/{ref}/roll-call",
                         {"present": ["S0201", "S0101"]})
    assert response.status_code == 400 and "S0101 不在本次培训的应参加人员名单中" in response.text
    assert snapshot() == before


def test_a_roll_call_before_the_session_starts_is_refused_and_nothing_is_written(as_):
    """Issue 28 defect 7 (学习培训制度 三.1): a roll call two days early deducted the absentee on the session
    day and told them by SMS; before the session nobody can be present or absent."""
    client = as_("G001")
    ref = _ref(_arrange(client))
    before = snapshot()
    response = post_form(client, f"/trainings/{ref}/roll-call", f"/trainings/{ref}/roll-call", {"present": ["S0201"]})
    assert response.status_code == 400 and "开始后才能点名" in response.text and "学习培训制度 三.1" in response.text
    assert snapshot() == before and _deducted(ref) == {}
    with session_scope() as session:
        assert not session.exec(select(OutboxMessage).where(OutboxMessage.case_ref == ref,
                                                            OutboxMessage.template == "training_absent")).all()


def test_cancel_needs_a_reason_and_then_closes_the_session(as_):
    client = as_("G001")
    ref = _ref(_arrange(client))
    before = snapshot()
    refused = post_form(client, f"/trainings/{ref}/cancel", f"/trainings/{ref}/cancel", {"reason": " "})
    assert refused.status_code == 400 and "取消培训须写明原因" in refused.text and snapshot() == before
    post_form(client, f"/trainings/{ref}/cancel", f"/trainings/{ref}/cancel", {"reason": "讲师临时有事"})
    with session_scope() as session:
        assert session.get(Case, ref).status == "cancelled"


def test_the_attendance_figures_by_staff_and_by_window(as_):
    client = as_("G001")
    ref = _ref(_arrange(client))
    _begun(ref)
    post_form(client, f"/trainings/{ref}/roll-call", f"/trainings/{ref}/roll-call", {"present": ["S0201", "S0202"]})
    year = _start().year
    by_staff = client.get(f"/trainings/stats?year={year}&by=staff").text
    by_window = client.get(f"/trainings/stats?year={year}&by=window").text
    assert "马超（S0203）</td><td data-label=\"应到\">1</td>" in by_staff.replace("\n", "")
    assert re.search(r"企业登记窗口（W02）</td>\s*<td[^>]*>3</td>\s*<td[^>]*>2</td>\s*<td[^>]*>0</td>\s*<td[^>]*>1</td>"
                     r"\s*<td[^>]*>67%", by_window)
    assert client.get(f"/trainings/stats?year={year}&by=x").status_code == 400
    listing = client.get(f"/trainings?year={year}").text
    assert ref in listing and "服务礼仪" in listing
