"""Complainants' names and phone numbers (issue 10 §5): after a whole complaint — registered at
the command line, handled by its flows against a real Prefect API, swept while overdue, answered,
counted in the monthly statistics and its messages delivered to the real SMS sink — neither the
name nor the number appears in any SMS to staff, in any log record (Python logging and the run
logs kept by Prefect), in any Prefect artifact, or in any flow run's name or parameters."""
from __future__ import annotations

import json
import logging
from datetime import datetime

import pytest
from sqlmodel import select

from flows.complaint import StatsPeriod, complaint_monthly_stats
from flows.core.outbox import flush_outbox
from flows.core.sweeps import deadline_sweep
from models.core.cases import WorkItem, WorkItemStatus
from models.core.db import session_scope
from reliability.delivery import mark
from support.cli import run_cli

pytestmark = pytest.mark.usefixtures("org", "prefect_api")
# Used by no other test: the one Prefect API of the session also holds every other test's runs.
NAME, PHONE = "司徒明远", "13700004321"
SECRETS = (NAME, PHONE, PHONE[3:])  # the bare tail of the number would leak it too


def _scenario(capsys, findings: str = "经调取录音，情况属实") -> tuple[str, list[str]]:
    """The complaint from registration to its outcome; returns its reference and the CLI's stderr."""
    opened = run_cli(capsys, "complaint", "open", "--channel", "phone", "--window", "W01", "--staff", "S0102",
                     "--category", "3", "--content", f"窗口工作人员态度生硬，我叫{NAME}，电话{PHONE}",
                     "--name", NAME, "--contact", PHONE, "--received", "2026-09-30 10:00", "--as", "G001")
    assert opened.code == 0, opened.err
    with session_scope() as session:
        item = session.exec(select(WorkItem).where(WorkItem.step == "investigate",
                                                   WorkItem.status == WorkItemStatus.open)).one()
    deadline_sweep(as_of=datetime(2026, 10, 13, 9, 0))  # overdue: reminders, escalation, the report
    decided = run_cli(capsys, "decide", item.id, "--field", "verdict=属实", "--field",
                      f"findings={findings}", "--field", "reply=已批评教育并整改，感谢监督。",
                      "--as", "S0101")
    assert decided.code == 0, decided.err
    complaint_monthly_stats(period=StatsPeriod(month="2026-09"))
    complaint_monthly_stats(period=StatsPeriod(month="2026-10"))
    flush_outbox()
    return item.case_ref, [opened.err, decided.err]


def _prefect_texts() -> dict[str, list[str]]:
    """Every run log, artifact and flow run (name and parameters) the Prefect API holds."""
    from prefect.client.orchestration import get_client
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=30)
    texts = {"logs": [], "artifacts": [], "flow_runs": []}
    with get_client(sync_client=True) as client:
        offset = 0
        while page := client.read_logs(limit=200, offset=offset):
            texts["logs"] += [log.message for log in page]
            offset += len(page)
        texts["artifacts"] = [json.dumps([a.key, a.description, a.data], ensure_ascii=False, default=str)
                              for a in client.read_artifacts()]
        texts["flow_runs"] = [json.dumps([r.name, r.parameters], ensure_ascii=False, default=str)
                              for r in client.read_flow_runs(limit=200)]
    return texts


def _leaks(texts: list[str]) -> list[str]:
    return [text for text in texts if any(secret in text for secret in SECRETS)]


def test_no_name_or_number_of_a_complainant_in_sms_to_staff_logs_or_prefect(channels, caplog, capsys):
    caplog.set_level(logging.DEBUG)
    since = mark(channels)
    ref, cli_errors = _scenario(capsys)
    _, sms = channels
    to_staff = [m["message"] for m in sms.received[since.sms:] if m["phone"] != PHONE]
    to_complainant = [m["message"] for m in sms.received[since.sms:] if m["phone"] == PHONE]
    logged = [record.getMessage() for record in caplog.records] + cli_errors
    prefect = _prefect_texts()
    # The scan saw the scenario: staff were texted about this case, the complainant was answered,
    # Prefect kept the runs' logs, the sweep and statistics reports and the runs themselves.
    assert [m for m in to_staff if ref in m] and to_complainant
    assert prefect["logs"] and prefect["flow_runs"]
    assert [a for a in prefect["artifacts"] if ref in a] and [a for a in prefect["artifacts"] if "2026-09" in a]
    assert {"sms to staff": _leaks(to_staff), "logs": _leaks(logged),
            **{f"prefect {kind}": _leaks(found) for kind, found in prefect.items()}} == {
        "sms to staff": [], "logs": [], "prefect logs": [], "prefect artifacts": [], "prefect flow_runs": []}


def test_a_complainant_named_in_the_findings_is_not_kept_by_prefect(channels, capsys):
    """What a clerk types into a decision is recorded outside Prefect (flows.core.decide.decide)."""
    _scenario(capsys, findings=f"经调取录音，{NAME}反映的情况属实")
    assert _leaks(_prefect_texts()["flow_runs"]) == []
