"""A leave case through its steps: half days registered with their proof, a day or more signed by the
window head then reviewed by the management section, sick leave waiting for the hospital's proof,
rejections, withdrawals, permissions (考勤办法 二(一)6, 二(二); AB岗工作制度)."""
from __future__ import annotations

from datetime import date

import pytest

from models.core.cases import AuditEvent, WorkItemStatus
from models.core.db import session_scope
from models.core.documents import Document, documents_of
from models.core.errors import Conflict, InvalidTransition, PermissionDenied
from models.leave.inputs import LeaveProofs, LeaveWithdrawal
from support.leaves import NOW, addresses, apply, count, decide, items, org_any, proof_file, status  # noqa: F401
from support.snapshot import snapshot
from tasks.leave.entry import attach_proofs, withdraw_leave

SICK = dict(start=date(2026, 3, 4), end=date(2026, 3, 6))


def attach(ref: str, path: str, actor: str = "S0103", hospital: bool = True, now=NOW) -> list[str]:
    return attach_proofs(proofs=LeaveProofs(case_ref=ref, files=[path], hospital=hospital, actor=actor), now=now)


def signed_sick_leave(tmp_path) -> str:
    ref = apply(hospital_proofs=[proof_file(tmp_path)], **SICK)
    decide(ref, "head_review", "S0101", approve=True)
    return ref


def test_a_half_day_with_its_proof_goes_to_attendance_registration_by_the_window_head(org, tmp_path):
    ref = apply(kind="personal", start_half="pm", proofs=[proof_file(tmp_path)])
    [item] = items(ref)
    assert (status(ref), item.step, item.assignee_role, item.assignee_window_id) == (
        "registration", "register", "head", "W01")


def test_the_window_head_is_informed_of_a_half_day(org, tmp_path):
    ref = apply(kind="personal", start_half="pm", proofs=[proof_file(tmp_path)])
    assert addresses(ref, "leave_register") == {"13700000101", "zhangwei@example.gov.cn"}


def test_a_half_day_without_proof_waits_for_it_and_lists_it(org):
    ref = apply(kind="personal", start_half="pm")
    [item] = items(ref)
    assert (status(ref), item.assignee_staff_id, item.title) == ("materials", "S0103", "补交相关证明")


def test_the_proof_of_a_half_day_brings_it_to_registration(org, tmp_path):
    from support.leaves import advance

    ref = apply(kind="personal", start_half="pm")
    attach(ref, proof_file(tmp_path), hospital=False)
    assert advance(ref, "S0103") == "registration"


def test_an_outing_arranged_by_the_center_needs_no_form_and_no_proof(org):
    ref = apply(kind="outing", **SICK)
    assert (status(ref), count(Document, Document.case_ref == ref)) == ("registration", 0)


def test_a_day_or_more_renders_the_leave_form_and_asks_the_window_head_to_sign(org):
    ref = apply(kind="annual", **SICK)
    [document] = [d for d in _documents(ref) if d.kind == "leave_form"]
    [item] = items(ref, "head_review")
    assert (status(ref), document.title, item.assignee_role, item.assignee_window_id) == (
        "head_review", "请假报告单", "head", "W01")


def _documents(ref):
    with session_scope() as session:
        return documents_of(session=session, case_ref=ref)


def test_the_signature_is_due_the_working_day_before_the_leave(org):
    [item] = items(apply(kind="annual", **SICK), "head_review")
    assert str(item.due_at) == "2026-03-03 17:00:00"


def test_the_window_head_is_asked_by_sms_and_email(org):
    assert addresses(apply(kind="annual", **SICK), "leave_sign") == {"13700000101", "zhangwei@example.gov.cn"}


def test_after_the_head_signs_the_management_section_reviews(org):
    ref = apply(kind="annual", **SICK)
    assert decide(ref, "head_review", "S0101", approve=True) == "management_review"
    assert addresses(ref, "leave_review") == {"role:management"}


def test_the_management_approval_opens_the_registration_for_the_window_head(org_any):
    ref = apply(kind="annual", **SICK)
    decide(ref, "head_review", "S0101", approve=True)
    decide(ref, "management_review", "G002", approve=True)
    [item] = items(ref)
    assert (status(ref), item.step, str(item.due_at)) == ("registration", "register", "2026-03-06 17:00:00")


def test_approval_tells_the_substitute(org):
    ref = apply(kind="annual", **SICK)
    decide(ref, "head_review", "S0101", approve=True)
    decide(ref, "management_review", "G002", approve=True)
    assert addresses(ref, "leave_substitute") == {"13700000104", "liuyang@example.gov.cn"}


def test_the_applicant_is_told_of_every_decision(org):
    ref = apply(kind="annual", **SICK)
    decide(ref, "head_review", "S0101", approve=True)
    decide(ref, "management_review", "G002", approve=True)
    assert count_decided(ref) == 4  # two decisions, by SMS and by e-mail


def count_decided(ref: str) -> int:
    from support.leaves import messages

    return len([m for m in messages(ref, "leave_decided") if m.address in ("13700000103", "lina@example.gov.cn")])


def test_registration_by_the_window_head_closes_the_case(org, tmp_path):
    ref = apply(kind="personal", start_half="pm", proofs=[proof_file(tmp_path)])
    assert decide(ref, "register", "S0101", comment="已登记") == "registered"


def test_sick_leave_signed_without_the_hospital_proof_waits_for_it(org):
    ref = apply(**SICK)
    assert decide(ref, "head_review", "S0101", approve=True) == "materials"
    assert items(ref, "management_review") == []


def test_the_missing_hospital_proof_is_asked_for_at_once(org):
    ref = apply(**SICK)
    [item] = items(ref, "materials")
    assert (item.assignee_staff_id, item.title, str(item.due_at)) == ("S0103", "补交医院证明（复印件）",
                                                                      "2026-03-11 17:00:00")


def test_the_hospital_proof_brings_signed_sick_leave_to_the_management_section(org, tmp_path):
    from support.leaves import advance

    ref = apply(**SICK)
    decide(ref, "head_review", "S0101", approve=True)
    attach(ref, proof_file(tmp_path))
    assert advance(ref, "S0103") == "management_review"


def test_a_proof_handed_in_when_only_the_hospital_proof_is_missing_is_that_proof(org, tmp_path):
    # Issue 28 defect 9 (models.leave.rules.proof_kind): unticked, it still answers what is asked for.
    ref = apply(**SICK)
    assert attach(ref, proof_file(tmp_path), hospital=False) == []


def test_only_the_applicant_hands_in_proof(org, tmp_path):
    ref = apply(**SICK)
    with pytest.raises(PermissionDenied):
        attach(ref, proof_file(tmp_path), actor="S0101")


def test_a_rejection_by_the_window_head_closes_the_case_and_cancels_what_is_open(org):
    ref = apply(**SICK)
    assert decide(ref, "head_review", "S0101", approve=False, comment="窗口人手不足") == "rejected"
    assert items(ref) == []


def test_a_rejection_by_the_management_section_closes_the_case_with_the_reason(org, tmp_path):
    ref = signed_sick_leave(tmp_path)
    decide(ref, "management_review", "G001", approve=False, comment="与中心统一安排冲突")
    with session_scope() as session:
        event = session.query(AuditEvent).filter(AuditEvent.case_ref == ref, AuditEvent.action == "reject").one()
    assert (status(ref), event.actor) == ("rejected", "G001")


def test_a_window_head_may_not_sign_their_own_leave(org):
    ref = apply("S0101", "annual", **SICK, substitute_id="S0102")
    [item] = items(ref, "head_review")
    with pytest.raises(PermissionDenied):
        decide(ref, "head_review", "S0101", approve=True)
    assert (item.assignee_role, item.assignee_department_id) == ("department", "rsj")


def test_the_home_department_signs_the_window_heads_leave(org):
    ref = apply("S0101", "annual", **SICK, substitute_id="S0102")
    assert decide(ref, "head_review", "D-rsj", approve=True) == "management_review"


def test_the_head_of_another_window_may_not_sign(org):
    ref = apply(kind="annual", **SICK)
    with pytest.raises(PermissionDenied):
        decide(ref, "head_review", "S0201", approve=True)


def test_only_the_management_section_completes_the_review(org, tmp_path):
    ref = signed_sick_leave(tmp_path)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        decide(ref, "management_review", "S0101", approve=True)
    assert snapshot() == before


def test_the_applicant_may_withdraw_before_the_final_decision(org, tmp_path):
    ref = signed_sick_leave(tmp_path)
    assert withdraw_leave(withdrawal=LeaveWithdrawal(case_ref=ref, actor="S0103"), now=NOW) == "withdrawn"
    assert [i.status for i in items(ref, status=None) if i.step == "management_review"] == [WorkItemStatus.cancelled]


def test_no_withdrawal_after_the_management_section_approved(org, tmp_path):
    ref = signed_sick_leave(tmp_path)
    decide(ref, "management_review", "G001", approve=True)
    with pytest.raises(InvalidTransition):
        withdraw_leave(withdrawal=LeaveWithdrawal(case_ref=ref, actor="S0103"), now=NOW)


def test_only_the_applicant_withdraws(org):
    ref = apply(kind="annual", **SICK)
    with pytest.raises(PermissionDenied):
        withdraw_leave(withdrawal=LeaveWithdrawal(case_ref=ref, actor="S0101"), now=NOW)


def test_a_decision_taken_twice_is_refused_the_second_time(org):
    from tasks.core.workitems import record_decision

    ref = apply(kind="annual", **SICK)
    [item] = items(ref, "head_review")
    record_decision(item_id=item.id, actor="S0101", decision={"approve": True})
    with pytest.raises(Conflict):
        record_decision(item_id=item.id, actor="S0101", decision={"approve": False, "comment": "改主意"})


def test_the_materials_item_cannot_be_closed_without_handing_in_the_proof(org):
    from models.core.errors import PolicyViolation
    from tasks.core.workitems import record_decision

    [item] = items(apply(**SICK), "materials")
    before = snapshot()
    with pytest.raises(PolicyViolation, match="尚缺医院证明"):
        record_decision(item_id=item.id, actor="S0103", decision={"comment": "已交"})
    assert snapshot() == before
