"""Staff return (退回): opened by the third substantiated complaint or by the management section,
decided, taking effect (work items, B posts, award eligibility), the replacement posted once."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import func, select

from models.core.cases import AuditEvent, WorkItem, WorkItemStatus
from models.core.db import session_scope
from models.core.documents import documents_of
from models.core.errors import PermissionDenied, ValidationFailed
from models.core.ledger import SubjectKind, is_eligible
from models.core.org import Role, Staff
from models.core.outbox import OutboxMessage
from models.staff_return.store import get_return
from models.staff_return.tables import ReturnEvidence
from models.core.workitems import open_work_item
from support.complaint_cases import handled
from support.staff_returns import CONFIRM, NEWCOMER, advance, decide, open_items, open_manual, return_cases
from tasks.core.workitems import record_decision

pytestmark = pytest.mark.usefixtures("org")


def three_complaints() -> list[str]:
    return [handled(content=f"第{n + 1}次") for n in range(3)]


def staff(staff_id: str) -> Staff:
    with session_scope() as session:
        return session.get(Staff, staff_id)


def test_the_third_substantiated_complaint_opens_a_return_for_the_management_section_to_decide():
    complaints = three_complaints()
    [case] = return_cases()
    [item] = open_items(case.ref, "decide")
    with session_scope() as session:
        linked = session.exec(select(ReturnEvidence.reference).where(ReturnEvidence.case_ref == case.ref)).all()
    assert (case.subject_staff_id, case.opened_by, item.assignee_role, sorted(linked)) == (
        "S0102", "system", Role.management, sorted(complaints))


def test_the_second_substantiated_complaint_opens_no_return():
    handled(content="第一次")
    handled(content="第二次")
    assert return_cases() == []


def test_a_fourth_substantiated_complaint_opens_no_second_return():
    for n in range(4):
        handled(content=f"第{n + 1}次")
    assert len(return_cases()) == 1


def test_a_placeholder_of_the_complaint_procedure_is_replaced_by_a_return_case():
    from tasks.staff_return.entry import adopt_placeholders

    ref = handled()
    with session_scope() as session:
        placeholder = open_work_item(session=session, key="return_due:S0102:2020-04-01", case_ref=ref,
                                     step="return_due", title="退回：王芳", role=Role.management, form="acknowledge")
        placeholder_id = placeholder.id
    adopted = adopt_placeholders(now=datetime(2026, 10, 16, 9))
    with session_scope() as session:
        status = session.get(WorkItem, placeholder_id).status
    assert (adopted, status) == ({placeholder_id: return_cases()[0].ref}, WorkItemStatus.cancelled)


def test_confirming_sends_the_return_letter_to_the_department_leader_and_asks_for_a_replacement():
    [ref] = [three_complaints() and return_cases()[0].ref]
    assert decide(ref, "decide", "G001", CONFIRM) == "nominating"
    with session_scope() as session:
        letters = documents_of(session=session, case_ref=ref, kind="return_letter")
        mail = session.exec(select(OutboxMessage).where(OutboxMessage.case_ref == ref,
                                                        OutboxMessage.address == "rsj-leader@example.gov.cn")).one()
    [nomination] = open_items(ref, "nominate")
    assert len(letters) == 1 and "窗口工作人员退回函" in mail.title and "王芳" in mail.body
    assert (nomination.assignee_role, nomination.assignee_department_id) == (Role.department, "rsj")


def test_the_complainants_of_linked_complaints_are_told_nothing_about_the_return():
    three_complaints()
    ref = return_cases()[0].ref
    decide(ref, "decide", "G001", CONFIRM)
    with session_scope() as session:
        addresses = session.exec(select(OutboxMessage.address).where(OutboxMessage.case_ref == ref)).all()
    assert "13912345678" not in addresses and not any("张三丰" in a for a in addresses)


def test_on_the_effective_date_the_person_s_open_work_items_move_to_their_b_post():
    ref = open_manual()
    with session_scope() as session:
        item_id = open_work_item(session=session, key="x:handover", case_ref=ref, step="handover", title="交接",
                                 role=Role.staff, staff_id="S0102").id
    decide(ref, "decide", "G001", CONFIRM)
    with session_scope() as session:
        assert session.get(WorkItem, item_id).assignee_staff_id == "S0101"


def test_without_a_b_post_the_work_items_go_to_the_window_head():
    with session_scope() as session:
        session.get(Staff, "S0203").b_post_id = None
    ref = open_manual("S0203")
    with session_scope() as session:
        item_id = open_work_item(session=session, key="x:handover", case_ref=ref, step="handover", title="交接",
                                 role=Role.staff, staff_id="S0203").id
    decide(ref, "decide", "G001", CONFIRM)
    with session_scope() as session:
        item = session.get(WorkItem, item_id)
        assert (item.assignee_staff_id, item.assignee_role, item.assignee_window_id) == (None, Role.head, "W02")


def test_a_confirmed_return_makes_the_person_returned_and_withdraws_award_eligibility_for_the_year():
    ref = open_manual()
    decide(ref, "decide", "G001", CONFIRM)
    with session_scope() as session:
        eligible = is_eligible(session=session, subject_kind=SubjectKind.staff, subject_id="S0102", year=2026)
    assert (staff("S0102").status, eligible) == ("returned", False)


def test_the_partner_left_without_a_b_gets_a_b_post_item_for_the_window_head():
    ref = open_manual()
    decide(ref, "decide", "G001", CONFIRM)
    [item] = open_items(ref, "b_post")
    assert (item.assignee_role, item.assignee_window_id, "S0101" in item.title) == (Role.head, "W01", True)


def test_a_return_with_a_later_effective_date_changes_nothing_before_it():
    ref = open_manual()
    decide(ref, "decide", "G001", {**CONFIRM, "effective_date": "2026-10-30"})
    assert staff("S0102").status == "active"
    advance(ref, datetime(2026, 10, 30, 7, 35))
    assert staff("S0102").status == "returned"


def test_a_dismissed_return_changes_nothing_and_keeps_the_reason():
    ref = open_manual()
    before = staff("S0102")
    assert decide(ref, "decide", "G002", {"confirm": False, "reason": "情节较轻，批评教育"}) == "dismissed"
    with session_scope() as session:
        reason = session.exec(select(AuditEvent.details).where(AuditEvent.case_ref == ref,
                                                               AuditEvent.action == "dismiss")).one()["reason"]
        eligible = is_eligible(session=session, subject_kind=SubjectKind.staff, subject_id="S0102", year=2026)
        letters = documents_of(session=session, case_ref=ref)
    assert (staff("S0102"), eligible, letters, reason) == (before, True, [], "情节较轻，批评教育")


def test_the_replacement_s_arrival_creates_the_staff_record_once():
    ref = open_manual()
    decide(ref, "decide", "G001", CONFIRM)
    decide(ref, "nominate", "D-rsj", NEWCOMER, as_of=datetime(2026, 11, 2, 7, 35))
    advance(ref, datetime(2026, 11, 2, 8))
    with session_scope() as session:
        records = session.exec(select(func.count()).select_from(Staff).where(Staff.id == "S0111")).one()
        forms = documents_of(session=session, case_ref=ref, kind="registration_form")
    assert (records, len(forms), staff("S0111").window_id) == (1, 1, "W01")


def test_the_return_closes_when_accountability_is_reported_and_every_b_post_is_named():
    ref = open_manual()
    decide(ref, "decide", "G001", CONFIRM)
    decide(ref, "nominate", "D-rsj", NEWCOMER, as_of=datetime(2026, 11, 2, 7, 35))
    assert decide(ref, "accountability", "D-rsj", {"measures": "诫勉谈话，年度考核不得评优"}) == "reported"
    for item in open_items(ref, "b_post"):
        partner = "S0111" if "S0101" in item.title else "S0101"
        record_decision(item_id=item.id, actor="S0101", decision={"b_post": partner}, at=datetime(2026, 11, 3, 9))
    assert advance(ref, datetime(2026, 11, 3, 9)) == "closed"
    with session_scope() as session:
        assert get_return(session=session, ref=ref)[1].accountability == "诫勉谈话，年度考核不得评优"


def test_an_intern_or_a_staff_number_in_use_is_refused_as_replacement_with_both_reasons():
    ref = open_manual()
    decide(ref, "decide", "G001", CONFIRM)
    [item] = open_items(ref, "nominate")
    with pytest.raises(ValidationFailed) as refused:
        record_decision(item_id=item.id, actor="D-rsj", decision={**NEWCOMER, "staff_id": "S0103", "intern": True},
                        at=datetime(2026, 10, 20, 9))
    assert {p.field for p in refused.value.problems} == {"staff_id", "intern"} and open_items(ref, "nominate")


def test_another_department_may_not_nominate_the_replacement():
    ref = open_manual()
    decide(ref, "decide", "G001", CONFIRM)
    [item] = open_items(ref, "nominate")
    with pytest.raises(PermissionDenied):
        record_decision(item_id=item.id, actor="D-gaj", decision=NEWCOMER, at=datetime(2026, 10, 20, 9))


def test_only_the_management_section_opens_a_return_and_a_refusal_writes_nothing():
    with pytest.raises(PermissionDenied):
        open_manual(actor="D-rsj")
    assert return_cases() == []


def test_bad_input_names_every_problem_at_once_and_writes_nothing():
    with pytest.raises(ValidationFailed) as refused:
        open_manual("S9999", grounds=(), note="")
    assert {p.field for p in refused.value.problems} == {"staff_id", "grounds", "evidence"} and return_cases() == []


def test_the_complaints_ground_needs_a_linked_substantiated_complaint_about_the_person():
    other = handled(staff_id="S0103", content="另一人")
    with pytest.raises(Exception) as refused:
        open_manual(grounds=("complaints",), cases=[other])
    assert "不涉及 S0102" in str(refused.value) and "三.3" in str(refused.value)
