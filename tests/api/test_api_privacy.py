"""The citizen's name and contact sent by a source system appear in no SMS to staff, no log record
(Python logging and Prefect's run logs), no Prefect flow run's name or parameters, and not in the
result sent back — after the order and a bad rating are received, handled, swept and answered."""
from __future__ import annotations

import json
import logging
from datetime import datetime

from sqlmodel import select

from api.payloads import BAD_RATING, CITIZEN, CONTACT, ORDER, bearer
from flows.core.decide import decide
from flows.core.sweeps import deadline_sweep
from models.core.cases import WorkItem, WorkItemStatus
from models.core.db import session_scope
from reliability.test_privacy import _prefect_texts
from tasks.core.delivery import deliver_due

RATER = BAD_RATING["contact"]
SECRETS = (CITIZEN, CONTACT, CONTACT[3:], RATER, RATER[3:])
FOUND = {"verdict": "substantiated", "findings": f"经核实{CITIZEN}反映属实", "reply": "已整改，感谢监督。"}


def _leaks(texts) -> list[str]:
    return [t for t in texts if any(secret in t for secret in SECRETS)]


def test_no_citizen_data_in_staff_sms_logs_prefect_or_the_result(api, keys, channels, caplog, monkeypatch):
    caplog.set_level(logging.DEBUG)
    _, sms = channels
    monkeypatch.setenv("CENTER_RESULTS_HOTLINE", f"127.0.0.1:{sms.port}/results")
    since = len(sms.received)
    ref = api.post("/api/v1/hotline-orders", json=ORDER, headers=bearer(keys["12345"])).json()["ref"]
    rating = api.post("/api/v1/ratings", json=BAD_RATING, headers=bearer(keys["rating"])).json()["ref"]
    deadline_sweep(as_of=datetime(2026, 11, 30, 9, 0))  # both overdue: reminders and escalations
    with session_scope() as session:
        item = session.exec(select(WorkItem).where(WorkItem.case_ref == ref, WorkItem.status == WorkItemStatus.open)).one()
    decide(item_id=item.id, actor="S0101", decision=FOUND, at=datetime(2026, 11, 30, 10, 0))
    deliver_due()
    posted = [json.dumps(m, ensure_ascii=False) for m in sms.received[since:]]
    results = [p for p in posted if "投诉办理结果" in p]
    to_staff = [p for p in posted if p not in results]
    prefect = _prefect_texts()
    # The scan saw the scenario: staff were texted about both cases, the result went back, the runs exist.
    assert [p for p in to_staff if ref in p] and [p for p in to_staff if rating in p] and results
    assert [r for r in prefect["flow_runs"] if ref in r]
    logged = [record.getMessage() for record in caplog.records]
    assert {"sms": _leaks(to_staff), "result": _leaks(results), "logs": _leaks(logged),
            **{f"prefect {kind}": _leaks(found) for kind, found in prefect.items()}} == {
        "sms": [], "result": [], "logs": [], "prefect logs": [], "prefect artifacts": [], "prefect flow_runs": []}
