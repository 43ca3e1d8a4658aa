"""The foundation flows against a real Prefect API: flush, decide → advance, the sweep."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import select

import support.sample_procedure  # noqa: F401
from flows.core.decide import decide_work_item
from flows.core.outbox import flush_outbox
from flows.core.sweeps import deadline_sweep
from models.core.cases import WorkItem, open_case
from models.core.db import session_scope
from models.core.errors import Conflict
from models.core.outbox import OutboxMessage
from support.cli import run_cli
from support.sample_procedure import advance_sample
from tasks.core.message_ids import message_id

pytestmark = pytest.mark.usefixtures("org")


def _sample_case() -> tuple[str, int]:
    with session_scope() as session:
        case, _ = open_case(session=session, kind="sample", actor="S0102", title="测试", policy={},
                            window_id="W01", at=datetime(2026, 10, 9, 10))
    advance_sample(case.ref, "S0102")
    with session_scope() as session:
        return case.ref, session.exec(select(WorkItem.id).where(WorkItem.case_ref == case.ref)).one()


def test_flush_outbox_delivers_the_email_to_the_smtp_server(channels):
    smtp, _ = channels
    ref, _ = _sample_case()
    with session_scope() as session:
        [key] = session.exec(select(OutboxMessage.key).where(OutboxMessage.case_ref == ref,
                                                             OutboxMessage.channel == "email")).all()
    before = len(smtp.messages)
    counts = flush_outbox()
    # This case's e-mail, by its stable Message-ID, among what arrived during this flush: the session's
    # `center serve` processes (tests/e2e/conftest.py `cluster`) keep sending their own store's notices to
    # the same SMTP server, under the same keys when their sample case has the same reference.
    mine = message_id(key, None).split("@")[0]
    arrived = [m for m in smtp.messages[before:]
               if "zhangwei@example.gov.cn" in m["X-Rcpt"] and m["Message-ID"].startswith(mine)]
    assert counts["sent"] == 2 and len(arrived) == 1


def test_deciding_a_work_item_advances_its_case():
    ref, item_id = _sample_case()
    assert decide_work_item(item_id=item_id, actor="S0101", decision={"approve": True}) == "approved"


def test_a_second_decision_on_the_same_item_is_a_conflict():
    ref, item_id = _sample_case()
    decide_work_item(item_id=item_id, actor="S0101", decision={"approve": True})
    with pytest.raises(Conflict):
        decide_work_item(item_id=item_id, actor="S0101", decision={"approve": False, "comment": "再议"})


def test_the_decide_command_refuses_a_stranger_with_exit_2(capsys):
    ref, item_id = _sample_case()
    result = run_cli(capsys, "decide", str(item_id), "--approve", "--as", "S0201")
    assert result.code == 2 and "只能处理本窗口的事项" in result.err


def test_the_decide_command_records_the_rejection_with_its_reason(capsys):
    ref, item_id = _sample_case()
    result = run_cli(capsys, "decide", str(item_id), "--reject", "--comment", "材料不全", "--as", "S0101")
    shown = run_cli(capsys, "case", "show", ref).out
    assert result.code == 0 and "已驳回" in shown and "材料不全" in shown


def test_the_sweep_flow_reports_overdue_items_as_an_artifact():
    _sample_case()
    with session_scope() as session:
        item = session.exec(select(WorkItem)).one()
        item.due_at = datetime(2026, 10, 9, 17)
    report = deadline_sweep(as_of=datetime(2026, 10, 12, 9))
    assert report["by_procedure"] == {"sample:overdue": 2} and report["overdue"][0][0].startswith("CS-2026-")
