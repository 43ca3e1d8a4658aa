"""Complaint handling in the case store: registering, the window's answer, the rating review,
extensions, outcomes and the third-complaint trigger (窗口投诉(差评)处置规定)."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import func, select

from models.core.cases import Case, WorkItem
from models.complaint.tables import Complaint
from models.core.db import session_scope
from models.core.documents import documents_of
from models.core.errors import InvalidInput, PermissionDenied, PolicyViolation, ValidationFailed
from models.core.ledger import SubjectKind, entries, is_eligible, total_points
from models.core.outbox import OutboxMessage
from support.complaint_cases import FOUND, PHONE, RATING, advance, decide, handled, open_item, register
from support.snapshot import snapshot
from tasks.complaint.entry import extend_complaint

pytestmark = pytest.mark.usefixtures("org")


def case(ref: str) -> Case:
    with session_scope() as session:
        return session.get(Case, ref)


def test_phone_complaint_on_national_day_eve_is_due_on_the_make_up_saturday():
    assert case(register()).due_at == datetime(2026, 10, 10, 17, 0)


def test_phone_complaint_at_six_in_the_evening_is_due_on_the_monday_after():
    assert case(register(received_at=datetime(2026, 9, 30, 18, 0))).due_at == datetime(2026, 10, 12, 17, 0)


def test_the_same_complaint_registered_twice_is_one_case():
    assert register() == register()


def test_a_refused_complaint_writes_nothing():
    before = snapshot()
    with pytest.raises(ValidationFailed) as refused:
        register(channel="rating", stars=4, window_id="W99", complainant_contact="")
    assert {p.field for p in refused.value.problems} >= {"stars", "window_id", "rating_id"}
    assert snapshot() == before


def test_a_window_head_may_not_register_a_complaint():
    with pytest.raises(PermissionDenied, match="只有窗口管理科或投诉窗口可以登记投诉"):
        register(actor="S0101")


def test_registering_hands_the_complaint_to_the_window_head_with_the_case_due_date():
    ref = register()
    assert advance(ref) == "investigating"
    item = open_item(ref, "investigate")
    assert (item.assignee_window_id, item.assignee_role, item.due_at) == ("W01", "head", datetime(2026, 10, 10, 17))


def test_advancing_twice_opens_one_item_and_queues_each_message_once():
    ref = register()
    advance(ref)
    with session_scope() as session:
        counts = (session.exec(select(func.count()).select_from(WorkItem)).one(),
                  session.exec(select(func.count()).select_from(OutboxMessage)).one())
    advance(ref)
    with session_scope() as session:
        assert (session.exec(select(func.count()).select_from(WorkItem)).one(),
                session.exec(select(func.count()).select_from(OutboxMessage)).one()) == counts


def test_the_window_s_answer_closes_a_phone_complaint_in_time_and_keeps_the_register_entry():
    ref = handled()
    with session_scope() as session:
        complaint = session.get(Complaint, ref)
        documents = documents_of(session=session, case_ref=ref, kind="complaint_record")
    assert (case(ref).status, complaint.on_time, len(documents)) == ("closed", True, 1)


def test_a_substantiated_complaint_deducts_points_and_withdraws_award_eligibility():
    handled()
    with session_scope() as session:
        assert total_points(session=session, subject_kind=SubjectKind.staff, subject_id="S0102", year=2026) == 2.0
        assert total_points(session=session, subject_kind=SubjectKind.window, subject_id="W01", year=2026) == 1.0
        assert not is_eligible(session=session, subject_kind=SubjectKind.staff, subject_id="S0102", year=2026)
        assert not is_eligible(session=session, subject_kind=SubjectKind.window, subject_id="W01", year=2026)


def test_an_unsubstantiated_complaint_deducts_nothing():
    ref = handled(verdict="unsubstantiated")
    with session_scope() as session:
        assert entries(session=session, case_ref=ref) == []


def return_items() -> list[WorkItem]:
    """The management section's decision on a staff return (退回) opened by the trigger."""
    with session_scope() as session:
        return list(session.exec(select(WorkItem).join(Case, Case.ref == WorkItem.case_ref)
                                 .where(Case.kind == "staff_return", WorkItem.step == "decide")).all())


def test_the_second_substantiated_complaint_does_not_make_a_return_due():
    handled(content="第一次")
    handled(content="第二次")
    assert return_items() == []


def test_the_third_substantiated_complaint_opens_one_return_item_for_the_management_section():
    for n in range(4):
        handled(content=f"第{n + 1}次")
    items = return_items()
    assert [(i.assignee_role, "S0102" in i.title) for i in items] == [("management", True)]


def test_a_partly_substantiated_complaint_does_not_count_towards_a_return():
    for n in range(3):
        handled(content=f"第{n + 1}次", verdict="partly")
    assert return_items() == []


def rating_replied() -> str:
    ref = register(RATING, actor="T001")
    advance(ref)
    assert decide(ref, "investigate", "S0101", FOUND, datetime(2026, 10, 9, 10)) == "reviewing"
    return ref


def test_a_rating_reply_is_reviewed_by_the_management_section_then_posted_by_the_complaint_window():
    ref = rating_replied()
    assert decide(ref, "review", "G001", {"approve": True}, datetime(2026, 10, 9, 11)) == "posting"
    assert decide(ref, "post", "T001", {}, datetime(2026, 10, 9, 14)) == "closed"


def test_a_refused_rating_reply_goes_back_to_the_window_for_a_new_answer():
    ref = rating_replied()
    assert decide(ref, "review", "G001", {"approve": False, "comment": "答复过于简单"},
                  datetime(2026, 10, 9, 11)) == "investigating"
    assert open_item(ref, "investigate").key == f"{ref}:investigate:2"


def test_no_deduction_before_the_rating_reply_is_posted():
    ref = rating_replied()
    with session_scope() as session:
        assert entries(session=session, case_ref=ref) == []


def test_the_window_head_may_not_review_the_rating_reply():
    ref = rating_replied()
    with pytest.raises(PermissionDenied):
        decide(ref, "review", "S0101", {"approve": True}, datetime(2026, 10, 9, 11))


def extended() -> str:
    ref = register()
    advance(ref)
    extend_complaint(case_ref=ref, actor="S0101", reason="需调取监控录像核实", now=datetime(2026, 10, 9, 9))
    return ref


def test_an_extension_moves_the_case_and_its_open_item_to_the_tenth_working_day():
    ref = extended()
    assert (case(ref).due_at, open_item(ref, "investigate").due_at) == (datetime(2026, 10, 20, 17),) * 2


def test_an_extension_sends_the_explanation_to_the_complainant():
    ref = extended()
    with session_scope() as session:
        message = session.exec(select(OutboxMessage).where(OutboxMessage.case_ref == ref,
                                                           OutboxMessage.address == "13912345678")).one()
    assert "需调取监控录像核实" in message.body and "2026-10-20 17:00" in message.body


def test_a_second_extension_is_refused_and_writes_nothing():
    ref = extended()
    before = snapshot()
    with pytest.raises(PolicyViolation, match="已延期过"):
        extend_complaint(case_ref=ref, actor="S0101", reason="再延", now=datetime(2026, 10, 12, 9))
    assert snapshot() == before


def test_an_extension_beyond_ten_working_days_is_refused():
    ref = register()
    advance(ref)
    with pytest.raises(PolicyViolation, match="最长应在收到后10个工作日内"):
        extend_complaint(case_ref=ref, actor="G001", reason="复杂", until=date(2026, 10, 21),
                         now=datetime(2026, 10, 9, 9))


def test_an_extension_without_explanation_is_refused():
    ref = register()
    advance(ref)
    with pytest.raises(InvalidInput, match="reason"):
        extend_complaint(case_ref=ref, actor="S0101", reason="", now=datetime(2026, 10, 9, 9))


def test_the_head_of_another_window_may_not_extend():
    ref = register()
    advance(ref)
    with pytest.raises(PermissionDenied):
        extend_complaint(case_ref=ref, actor="S0201", reason="复杂", now=datetime(2026, 10, 9, 9))


def test_answered_after_the_extended_date_is_late():
    ref = extended()
    decide(ref, "investigate", "S0101", FOUND, datetime(2026, 10, 21, 9))
    with session_scope() as session:
        assert session.get(Complaint, ref).on_time is False


def test_a_hotline_transfer_keeps_the_hotline_deadline():
    ref = register({**PHONE, "channel": "hotline", "ticket_no": "12345-2026-0001",
                    "external_due_at": datetime(2026, 10, 15)})
    assert case(ref).due_at == datetime(2026, 10, 15, 17)
