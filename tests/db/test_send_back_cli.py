"""`center decide ITEM --send-back --reason …` (issue 29 item 3): the same send-back as the desk's — the case
goes back to its submitter with the reason in its history and a notice; refused, nothing written, without a
reason, with a decision's options, on a step the machine does not declare, and for someone who may not
decide the item; and the store on SQLite and PostgreSQL."""
from __future__ import annotations

from sqlmodel import select

from models.core.cases import AuditEvent, WorkItem, WorkItemStatus
from models.core.db import session_scope
from models.core.org_import import import_org
from models.core.outbox import OutboxMessage
from support.cli import ROOT, run_cli
from support.leaves import apply, decide
from support.snapshot import snapshot
from tasks.core.workitems import record_decision

ISSUE_29_DEFECTS = (3,)


def _item(ref: str, step: str) -> WorkItem | None:
    with session_scope() as session:
        return session.exec(select(WorkItem).where(WorkItem.case_ref == ref, WorkItem.step == step,
                                                   WorkItem.status == WorkItemStatus.open)).first()


def test_the_head_sends_a_leave_back_from_the_command_line(org, capsys):
    ref = apply("S0103", kind="personal", reason="家中有事")
    item = _item(ref, "head_review")
    result = run_cli(capsys, "decide", str(item.id), "--as", "S0101", "--send-back", "--reason", "请写明具体事由")
    assert result.code == 0, result.err
    resubmission = _item(ref, "resubmit")
    assert f"待办 {item.id} 已退回修改；案件 {ref} 待 S0103 修改后重新提交（待办 {resubmission.id}）" in result.out
    with session_scope() as session:
        event = session.exec(select(AuditEvent).where(AuditEvent.case_ref == ref, AuditEvent.action == "send_back")).one()
        told = session.exec(select(OutboxMessage.address).where(OutboxMessage.template == "workitem_sent_back")).all()
    assert (event.actor, event.details["reason"], event.details["to"]) == ("S0101", "请写明具体事由", "S0103")
    assert set(told) == {"13700000103", "lina@example.gov.cn"}
    shown = run_cli(capsys, "case", "show", ref)
    assert "退回修改" in shown.out and "请写明具体事由" in shown.out
    # The applicant resubmits from the command line too; the head's step is open again.
    again = run_cli(capsys, "decide", str(resubmission.id), "--as", "S0103", "--comment", "已补充",
                    "--field", "content=陪同父亲就医")
    assert again.code == 0, again.err
    assert _item(ref, "head_review") is not None and _item(ref, "resubmit") is None


def test_refusals_name_the_rule_and_write_nothing(org, capsys):
    ref = apply("S0103", kind="personal", reason="家中有事")
    item = _item(ref, "head_review")
    before = snapshot()
    missing = run_cli(capsys, "decide", str(item.id), "--as", "S0101", "--send-back")
    assert missing.code == 2 and "退回原因（reason）必填" in missing.err and snapshot() == before
    mixed = run_cli(capsys, "decide", str(item.id), "--as", "S0101", "--send-back", "--approve", "--reason", "x")
    assert mixed.code == 2 and "退回修改不是办理决定" in mixed.err and snapshot() == before
    stray = run_cli(capsys, "decide", str(item.id), "--as", "S0101", "--approve", "--reason", "x")
    assert stray.code == 2 and "退回原因只用于 --send-back" in stray.err and snapshot() == before
    outsider = run_cli(capsys, "decide", str(item.id), "--as", "S0201", "--send-back", "--reason", "请补充")
    assert outsider.code != 0 and snapshot() == before
    decide(ref, "head_review", "S0101", approve=True)
    decide(ref, "management_review", "G001", approve=True)
    register = _item(ref, "register")
    before = snapshot()
    undeclared = run_cli(capsys, "decide", str(register.id), "--as", "S0101", "--send-back", "--reason", "请补充")
    assert undeclared.code == 2 and "流程未规定此步骤可退回" in undeclared.err and snapshot() == before


def test_send_back_and_resubmission_on_sqlite_and_postgresql(any_db):
    with session_scope() as session:
        import_org(session=session, path=ROOT / "examples" / "org.yaml")
    ref = apply("S0103", kind="personal", reason="家中有事")
    item = _item(ref, "head_review")
    record_decision(item_id=item.id, actor="S0101", decision={"send_back": True, "reason": "请写明具体事由"})
    resubmission = _item(ref, "resubmit")
    record_decision(item_id=resubmission.id, actor="S0103", decision={"comment": "已补充", "content": "陪同就医"})
    from models.leave.tables import LeaveRequest

    with session_scope() as session:
        assert session.get(LeaveRequest, ref).reason == "陪同就医"
    again = _item(ref, "head_review")
    assert again is not None and again.id != item.id
