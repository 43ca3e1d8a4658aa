"""Service cases at the window on the plain-function path: intake and referral (首问负责), the materials
check and the one-time notice (一次性告知), acceptance with the promised due date (限时办结), the reminder
and escalation of the generic sweep, and refusals that write nothing."""
from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest
from sqlmodel import func, select

from models.core.cases import AuditEvent, Case
from models.core.db import session_scope
from models.core.documents import documents_of
from models.core.errors import InvalidInput, PermissionDenied, PolicyViolation
from models.core.outbox import OutboxMessage
from models.service_case.tables import OneTimeNotice, ServiceCase
from models.service_case.inputs import ServiceIntake
from support.matters import sample, through
from tasks.service_case import (check_materials, complete_service_case, extend_service_case,
                                open_service_case)
from tasks.core.sweep import collect_and_queue

ISSUE_28_DEFECTS = (15,)  # counted in the reliability summary when these tests pass

pytestmark = pytest.mark.usefixtures("org")
ID, FORM, PROOF = "居民身份证", "失业登记申请表", "解除或终止劳动合同证明"
ACCEPTED = datetime(2026, 9, 30, 10, 0)


def five_day_matter() -> str:
    through(sample(guide={"time_limit": {"statutory_days": 15, "promised_days": 5}}))
    return "QP-RSJ-001"


def open_at_w01(code: str = "QP-RSJ-001", actor: str = "S0102", now: datetime = ACCEPTED) -> str:
    return open_service_case(intake=ServiceIntake(applicant="李明", phone="13912345678", matter_code=code),
                                actor=actor, now=now)


def status_of(ref: str) -> str:
    with session_scope() as session:
        return session.get(Case, ref).status


def test_two_missing_materials_give_one_notice_listing_both_with_form_and_copies():
    ref = open_at_w01(five_day_matter())
    assert check_materials(case_ref=ref, have=[ID], missing=[FORM, PROOF], actor="S0102",
                              now=ACCEPTED) == "awaiting_materials"
    with session_scope() as session:
        [notice] = session.exec(select(OneTimeNotice).where(OneTimeNotice.case_ref == ref)).all()
        [document] = documents_of(session=session, case_ref=ref, kind="one_time_notice")
        html = (document_root() / document.path).read_text(encoding="utf-8")
    assert notice.items == [FORM, PROOF]
    assert FORM in html and PROOF in html and "加盖原单位公章" in html and "原件及复印件" in html


def document_root():
    from models.core.settings import get_settings

    return get_settings().data_dir


def test_the_return_visit_checks_only_the_items_of_the_notice():
    ref = open_at_w01(five_day_matter())
    check_materials(case_ref=ref, have=[ID], missing=[FORM, PROOF], actor="S0102", now=ACCEPTED)
    with pytest.raises(InvalidInput, match="已核验过"):
        check_materials(case_ref=ref, have=[ID, FORM, PROOF], missing=[], actor="S0103", now=ACCEPTED)
    assert check_materials(case_ref=ref, have=[FORM, PROOF], missing=[], actor="S0103",
                              now=ACCEPTED) == "accepted"


def test_a_second_notice_asking_for_an_item_the_first_did_not_list_is_refused_and_writes_nothing():
    ref = open_at_w01(five_day_matter())
    check_materials(case_ref=ref, have=[ID, PROOF], missing=[FORM], actor="S0102", now=ACCEPTED)
    with pytest.raises(PolicyViolation, match="未列明") as refused:
        check_materials(case_ref=ref, have=[], missing=[FORM, PROOF], actor="S0102", now=ACCEPTED)
    assert refused.value.rule == "一次性告知制度 2"
    with session_scope() as session:
        assert session.exec(select(func.count()).select_from(OneTimeNotice)).one() == 1


def test_a_second_notice_for_an_item_still_missing_from_the_first_is_allowed():
    ref = open_at_w01(five_day_matter())
    check_materials(case_ref=ref, have=[ID], missing=[FORM, PROOF], actor="S0102", now=ACCEPTED)
    check_materials(case_ref=ref, have=[FORM], missing=[PROOF], actor="S0102", now=ACCEPTED)
    with session_scope() as session:
        assert [n.items for n in session.exec(select(OneTimeNotice).order_by(OneTimeNotice.number))] == [
            [FORM, PROOF], [PROOF]]


def test_a_promised_matter_of_five_working_days_accepted_on_30_september_is_due_13_october_at_17():
    ref = open_at_w01(five_day_matter())
    check_materials(case_ref=ref, have=[ID, FORM, PROOF], missing=[], actor="S0102", now=ACCEPTED)
    with session_scope() as session:
        assert session.get(Case, ref).due_at == datetime(2026, 10, 13, 17, 0)


def test_an_immediate_matter_complete_at_the_window_is_completed_at_once():
    through(sample(code="QP-RSJ-009", name="社保卡挂失", kind="即办件",
                   guide={"time_limit": {"statutory_days": 1, "promised_days": 0}}))
    ref = open_at_w01("QP-RSJ-009")
    assert check_materials(case_ref=ref, have=[ID, FORM, PROOF], missing=[], actor="S0102",
                              now=ACCEPTED) == "completed"


def test_a_matter_of_another_window_is_referred_with_window_department_and_contact():
    """首问负责制度 二.3; issue 28 defect 15: the contact is the window's public line, not the leader's mobile."""
    ref = open_at_w01(five_day_matter(), actor="S0202")
    with session_scope() as session:
        record = session.get(ServiceCase, ref)
        assert (session.get(Case, ref).status, record.owner_id) == ("referred", "S0202")
        assert (record.referred_window, record.referred_department, record.referred_contact) == (
            "社保综合窗口", "区人力资源和社会保障局", "021-59730101")


def test_staff_of_another_window_may_not_check_the_materials():
    ref = open_at_w01(five_day_matter())
    with pytest.raises(PermissionDenied, match="只能办理本窗口"):
        check_materials(case_ref=ref, have=[ID, FORM, PROOF], missing=[], actor="S0202", now=ACCEPTED)
    assert status_of(ref) == "received"


def test_a_material_not_in_the_guide_is_refused():
    ref = open_at_w01(five_day_matter())
    with pytest.raises(InvalidInput, match="办事指南中没有：户口本"):
        check_materials(case_ref=ref, have=[ID, FORM, PROOF, "户口本"], missing=[], actor="S0102", now=ACCEPTED)


def test_a_matter_not_in_service_is_refused_at_intake_and_nothing_is_written():
    with pytest.raises(Exception, match="QP-XXX-404"):
        open_at_w01("QP-XXX-404")
    with session_scope() as session:
        assert session.exec(select(func.count()).select_from(Case)).one() == 0


def test_an_extension_without_the_applicants_consent_is_refused_and_the_due_date_kept():
    ref = open_at_w01(five_day_matter())
    check_materials(case_ref=ref, have=[ID, FORM, PROOF], missing=[], actor="S0102", now=ACCEPTED)
    with pytest.raises(PolicyViolation, match="同意"):
        extend_service_case(case_ref=ref, days=2, reason="需现场核查", consent=False, actor="S0102")
    with session_scope() as session:
        assert session.get(Case, ref).due_at == datetime(2026, 10, 13, 17, 0)


def test_an_extension_with_reason_and_consent_moves_the_due_date_by_working_days():
    ref = open_at_w01(five_day_matter())
    check_materials(case_ref=ref, have=[ID, FORM, PROOF], missing=[], actor="S0102", now=ACCEPTED)
    assert extend_service_case(case_ref=ref, days=2, reason="需现场核查", consent=True, actor="S0101",
                                  now=datetime(2026, 10, 12, 9)) == datetime(2026, 10, 15, 17, 0)


def test_an_extension_queues_the_reason_and_new_time_for_the_applicant_and_records_the_consent():
    ref = open_at_w01(five_day_matter())
    check_materials(case_ref=ref, have=[ID, FORM, PROOF], missing=[], actor="S0102", now=ACCEPTED)
    extend_service_case(case_ref=ref, days=2, reason="需现场核查", consent=True, actor="S0101",
                           now=datetime(2026, 10, 12, 9))
    with session_scope() as session:
        [message] = session.exec(select(OutboxMessage).where(OutboxMessage.case_ref == ref,
                                                             OutboxMessage.template == "service_extension")).all()
        event = session.exec(select(AuditEvent).where(AuditEvent.case_ref == ref, AuditEvent.action == "extend")).one()
    assert message.address == "13912345678" and "需现场核查" in message.body and "2026-10-15 17:00" in message.body
    assert (event.details["consent"], event.details["applicant_told"]) == (True, ["短信"])


def test_an_applicant_without_a_number_or_address_is_told_in_person_and_no_message_is_queued():
    code = five_day_matter()
    ref = open_service_case(intake=ServiceIntake(applicant="李明", matter_code=code), actor="S0102", now=ACCEPTED)
    check_materials(case_ref=ref, have=[ID, FORM, PROOF], missing=[], actor="S0102", now=ACCEPTED)
    extend_service_case(case_ref=ref, days=1, reason="需现场核查", consent=True, actor="S0102",
                           now=datetime(2026, 10, 12, 9))
    with session_scope() as session:
        event = session.exec(select(AuditEvent).where(AuditEvent.case_ref == ref, AuditEvent.action == "extend")).one()
        queued = session.exec(select(func.count()).select_from(OutboxMessage)
                               .where(OutboxMessage.template == "service_extension")).one()
    assert event.details["applicant_told"] == ["当面"] and queued == 0


@pytest.mark.parametrize("field, value", [("phone", "0215970"), ("email", "liming-at-example")])
def test_an_applicants_malformed_number_or_address_is_refused_by_name(field, value):
    from models.core.errors import validated

    with pytest.raises(InvalidInput) as refused:
        validated(ServiceIntake, {"applicant": "李明", "matter_code": "QP-RSJ-001", field: value})
    assert refused.value.field == field


def test_the_reminder_and_the_escalation_are_each_queued_once():
    ref = open_at_w01(five_day_matter())
    check_materials(case_ref=ref, have=[ID, FORM, PROOF], missing=[], actor="S0102", now=ACCEPTED)
    for moment in (datetime(2026, 10, 12, 8, 30), datetime(2026, 10, 12, 9), datetime(2026, 10, 14, 8, 30),
                   datetime(2026, 10, 14, 9)):
        collect_and_queue(as_of=moment, dry_run=False)
    with session_scope() as session:
        rows = session.exec(select(OutboxMessage.key, OutboxMessage.address)
                            .where(OutboxMessage.case_ref == ref)).all()
    sent = Counter((key.split(":")[2], address) for key, address in rows)
    owner, head = {"13700000102", "wangfang@example.gov.cn"}, {"13700000101", "zhangwei@example.gov.cn"}
    assert {a for (level, a) in sent if level == "remind"} == owner | head
    assert {a for (level, a) in sent if level == "overdue1"} == owner | head | {"role:management"}
    assert set(sent.values()) == {1} and {level for level, _ in sent} == {"remind", "overdue1"}


def test_completion_by_a_colleague_of_the_window_closes_the_case_and_its_work_item():
    ref = open_at_w01(five_day_matter())
    check_materials(case_ref=ref, have=[ID, FORM, PROOF], missing=[], actor="S0102", now=ACCEPTED)
    assert complete_service_case(case_ref=ref, actor="S0103", now=datetime(2026, 10, 9, 11)) == "completed"
    collect_and_queue(as_of=datetime(2026, 10, 14, 9), dry_run=False)
    with session_scope() as session:
        assert session.exec(select(func.count()).select_from(OutboxMessage)
                            .where(OutboxMessage.case_ref == ref)).one() == 0
        assert session.exec(select(AuditEvent).where(AuditEvent.case_ref == ref, AuditEvent.action == "complete")
                            ).one().actor == "S0103"
