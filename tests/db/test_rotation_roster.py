"""On the effective date the roster changes once: departures, arrivals with their 人员登记表, the
B posts re-checked, a new head named when the head leaves (进出管理制度 二.1, 二.4; AB岗工作制度 2)."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from models.core.cases import AuditEvent, WorkItem
from models.core.db import session_scope
from models.core.documents import Document
from models.core.errors import InvalidInput, PermissionDenied
from models.core.org import Staff, StaffStatus, Window
from models.core.outbox import OutboxMessage
from support.rotations import (apply_roster, approve_and_apply, arrival, count, decide, open_items,  # noqa: F401
                               org_any, propose, review, settle_posts, status)
from tasks.core.workitems import record_decision

ARRIVALS = [arrival("S0111", "钱进", political_status="party_member"), arrival("S0112", "孙浩")]
EFFECTIVE_MORNING = datetime(2026, 4, 15, 7, 30)


def staff(staff_id: str) -> Staff:
    with session_scope() as session:
        return session.get(Staff, staff_id)


def roster(window: str = "W01") -> set[str]:
    with session_scope() as session:
        return {s.id for s in session.query(Staff).filter(Staff.window_id == window,
                                                          Staff.status == StaffStatus.active)}


@pytest.fixture
def rotation(org) -> str:
    return propose("W01", ["S0102", "S0103", "S0105"], ARRIVALS)


def test_nothing_changes_before_the_effective_date(rotation):
    review(rotation, comment="同意")
    decide(rotation, "departure", "G001")
    assert apply_roster(case_ref=rotation, actor="system", as_of=datetime(2026, 4, 14, 16)) == "approved"
    assert staff("S0102").status == StaffStatus.active and staff("S0111") is None


def test_nothing_changes_until_every_departure_is_confirmed(rotation):
    review(rotation, comment="同意")
    assert apply_roster(case_ref=rotation, actor="system", as_of=EFFECTIVE_MORNING) == "approved"


def test_on_the_effective_date_the_leavers_leave_and_the_arrivals_are_posted(rotation):
    assert approve_and_apply(rotation) == "in_effect"
    assert roster() == {"S0101", "S0104", "S0106", "S0107", "S0108", "S0109", "S0110", "S0111", "S0112"}
    arrived = staff("S0111")
    assert (arrived.status, arrived.posted_since, arrived.department_id, arrived.role) == (
        StaffStatus.active, date(2026, 4, 15), "rsj", "staff")


def test_the_roster_change_is_applied_once(org_any):
    rotation = propose("W01", ["S0102", "S0103", "S0105"], ARRIVALS)
    approve_and_apply(rotation)
    before = (count(Staff), count(Document), count(OutboxMessage), count(WorkItem), count(AuditEvent))
    assert apply_roster(case_ref=rotation, actor="system", as_of=datetime(2026, 4, 16, 7, 30)) == "in_effect"
    assert (count(Staff), count(Document), count(OutboxMessage), count(WorkItem), count(AuditEvent)) == before


def test_each_arrival_gets_a_registration_form_with_the_membership_transfer_noted(rotation):
    approve_and_apply(rotation)
    with session_scope() as session:
        forms = session.query(Document).filter(Document.case_ref == rotation,
                                               Document.kind == "registration_form").all()
        noted = session.query(AuditEvent).filter(AuditEvent.case_ref == rotation,
                                                 AuditEvent.action == "membership_transfer").all()
    assert [f.title for f in forms] == ["青浦区行政服务中心人员登记表（钱进）", "青浦区行政服务中心人员登记表（孙浩）"]
    assert [e.details["staff"] for e in noted] == ["S0111"]


def test_every_post_left_without_a_b_becomes_a_work_item_for_the_window_head(rotation):
    approve_and_apply(rotation)
    items = open_items(rotation, "b_post")
    assert sorted(i.key.rsplit(":", 1)[1] for i in items) == ["S0101", "S0104", "S0106", "S0111", "S0112"]
    assert {(i.assignee_role, i.assignee_window_id, i.form) for i in items} == {("head", "W01", "b_post")}


def test_the_head_and_the_department_are_told_which_posts_need_a_b(rotation):
    approve_and_apply(rotation)
    with session_scope() as session:
        [sms] = session.query(OutboxMessage).filter(OutboxMessage.case_ref == rotation,
                                                    OutboxMessage.template == "rotation_effective",
                                                    OutboxMessage.address == "13700000101").all()
    assert "张伟（S0101）、刘洋（S0104）" in sms.body


def test_the_b_posts_named_by_the_head_are_recorded_and_the_case_closes(rotation):
    approve_and_apply(rotation)
    for a, b in (("S0101", "S0104"), ("S0104", "S0101"), ("S0106", "S0111"), ("S0111", "S0106"), ("S0112", "S0107")):
        [item] = [i for i in open_items(rotation, "b_post") if i.key.endswith(f":{a}")]
        record_decision(item_id=item.id, actor="S0101", decision={"b_post": b})
    assert settle_posts(case_ref=rotation, actor="S0101") == "closed"
    assert staff("S0112").b_post_id == "S0107" and staff("S0101").b_post_id == "S0104"


def test_a_b_post_outside_the_window_is_refused(rotation):
    approve_and_apply(rotation)
    with pytest.raises(InvalidInput, match="B岗 S0201 应为窗口 W01 的其他在岗正式人员"):
        decide(rotation, "b_post", "S0101", b_post="S0201")
    assert len(open_items(rotation, "b_post")) == 5


def test_only_the_windows_head_names_b_posts(rotation):
    approve_and_apply(rotation)
    with pytest.raises(PermissionDenied):
        decide(rotation, "b_post", "S0201", b_post="S0104")


def test_when_the_head_leaves_the_department_is_asked_for_a_new_one(org):
    ref = propose("W01", ["S0101"])
    approve_and_apply(ref)
    with session_scope() as session:
        assert session.get(Window, "W01").head_id is None
    [item] = open_items(ref, "head")
    assert (item.assignee_role, item.assignee_department_id, item.form) == ("department", "rsj", "head_nomination")


def test_the_new_head_named_by_the_department_takes_office(org):
    ref = propose("W01", ["S0101"])
    approve_and_apply(ref)
    decide(ref, "head", "D-rsj", new_head="S0102")
    settle_posts(case_ref=ref, actor="D-rsj")
    with session_scope() as session:
        assert session.get(Window, "W01").head_id == "S0102"
    assert staff("S0102").role == "head"


def test_a_one_person_window_has_no_b_post_to_name(org):
    ref = propose("W04", ["S0401"], [arrival("S0402", "何静")], actor="D-mzj", ref="青民函〔2026〕3号")
    review(ref, exception=True, comment="一人窗口整体轮换")
    decide(ref, "departure", "G001")
    apply_roster(case_ref=ref, actor="system", as_of=EFFECTIVE_MORNING)
    assert open_items(ref, "b_post") == [] and roster("W04") == {"S0402"}
    assert status(ref) == "in_effect"  # the department still names the new head


def test_an_arrival_whose_staff_number_was_taken_meanwhile_is_refused_on_the_effective_date(org):
    first = propose("W01", [], [arrival("S0111", "钱进")])
    second = propose("W01", [], [arrival("S0111", "李雷")], ref="青人社函〔2026〕13号")
    approve_and_apply(first)
    review(second, comment="同意")
    with pytest.raises(InvalidInput, match="工号 S0111 已被钱进使用，不能登记李雷"):
        apply_roster(case_ref=second, actor="system", as_of=EFFECTIVE_MORNING)
    assert status(second) == "approved" and staff("S0111").name == "钱进"
