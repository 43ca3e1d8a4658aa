"""The leave flows against a real Prefect API: a multi-day sick leave through both signatures with
the e-mails received by the local SMTP server; a flow killed between two steps and run again."""
from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from flows.core.decide import decide_work_item
from flows.leave import advance_leave, apply_for_leave, attach_leave_proofs, withdraw_leave_request
from models.core.cases import AuditEvent, WorkItem
from models.core.db import session_scope
from models.core.documents import Document
from models.leave.inputs import LeaveProofs, LeaveWithdrawal
from models.core.outbox import OutboxMessage
from support.leaves import NOW, application, count, items, proof_file, status
from tasks.core.delivery import deliver_due

pytestmark = pytest.mark.usefixtures("org")
SICK = dict(start=date(2026, 3, 4), end=date(2026, 3, 6))


def decide(ref: str, step: str, actor: str, **decision) -> str:
    [item] = items(ref, step)
    return decide_work_item(item_id=item.id, actor=actor, decision=decision, at=NOW)


def test_a_multi_day_sick_leave_goes_through_both_signatures_and_everyone_gets_the_email(channels, tmp_path):
    smtp, _ = channels
    before = len(smtp.messages)
    ref = apply_for_leave(application=application(**SICK, hospital_proofs=[proof_file(tmp_path)]), now=NOW)["case_ref"]
    decide(ref, "head_review", "S0101", approve=True, comment="同意，刘洋替岗")
    decide(ref, "management_review", "G001", approve=True)
    final = decide(ref, "register", "S0101", comment="已在考勤系统登记")
    deliver_due()
    subjects = {(m["X-Rcpt"], str(m["Subject"]).split("：")[0]) for m in smtp.messages[before:]}
    assert final == "registered" and subjects == {
        ("zhangwei@example.gov.cn", "请假报告单待审核签字"), ("glk@example.gov.cn", "请假报告单待审核"),
        ("lina@example.gov.cn", "窗口负责人审核签字同意"), ("lina@example.gov.cn", "窗口管理科审核同意"),
        ("liuyang@example.gov.cn", "替岗通知"),
        ("zhangwei@example.gov.cn", "请登记考勤")}


def _rows(ref: str) -> tuple[int, int, int, int]:
    return (count(WorkItem, WorkItem.case_ref == ref), count(Document, Document.case_ref == ref),
            count(OutboxMessage, OutboxMessage.case_ref == ref),
            count(AuditEvent, AuditEvent.case_ref == ref, AuditEvent.to_status.is_not(None)))


def test_a_flow_killed_after_opening_the_case_and_run_twice_converges_with_no_duplicates():
    from tasks.core.advance import step_case as step_leave
    from tasks.leave.entry import open_leave_request

    ref = open_leave_request(application=application(**SICK), now=NOW)  # killed here: the case is only opened
    advance_leave(case_ref=ref, actor="S0103", now=NOW)
    after_first = _rows(ref)
    advance_leave(case_ref=ref, actor="S0103", now=NOW)
    assert step_leave(case_ref=ref, actor="S0103", now=NOW) == (None, "head_review")
    # One head item and one materials item, the form, their SMS and e-mails; open + to_head.
    assert _rows(ref) == after_first == (2, 1, 4, 2)


def test_an_attached_proof_advances_signed_sick_leave_to_the_management_section(tmp_path):
    ref = apply_for_leave(application=application(**SICK), now=NOW)["case_ref"]
    decide(ref, "head_review", "S0101", approve=True)
    result = attach_leave_proofs(proofs=LeaveProofs(case_ref=ref, files=[proof_file(tmp_path)], hospital=True,
                                                    actor="S0103"), now=NOW)
    assert (result["status"], result["missing"]) == ("management_review", [])


def test_a_withdrawal_flow_closes_the_case():
    ref = apply_for_leave(application=application(kind="annual", **SICK), now=NOW)["case_ref"]
    withdraw_leave_request(withdrawal=LeaveWithdrawal(case_ref=ref, actor="S0103", comment="改期"), now=NOW)
    assert status(ref) == "withdrawn"


def test_each_flow_run_of_a_case_carries_its_reference_as_a_tag():
    from prefect import get_client

    ref = apply_for_leave(application=application(kind="annual", **SICK), now=NOW)["case_ref"]

    async def tagged():
        from prefect.client.schemas.filters import TaskRunFilter, TaskRunFilterTags

        async with get_client() as client:
            runs = await client.read_task_runs(task_run_filter=TaskRunFilter(tags=TaskRunFilterTags(all_=[ref])))
            return {r.name for r in runs}

    import asyncio

    assert f"{ref} 推进一步" in asyncio.run(tagged())  # the generic step (tasks/core/advance.py)
