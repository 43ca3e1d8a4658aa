"""Results sent back: a hotline complaint answered, or a bad rating's reply approved by the
management section, goes to the source system through the outbox (an Apprise json:// target
tagged source:hotline / source:rating) — retried after a 500, delivered exactly once, and listed among the
failed messages if it keeps failing (投诉处置规定 三(二)2, 三(二)3)."""
from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from sqlmodel import select

from api.payloads import BAD_RATING, ORDER, bearer
from flows.core.decide import decide
from models.core.cases import WorkItem, WorkItemStatus
from models.core.db import session_scope
from models.core.outbox import OutboxMessage, OutboxStatus
from models.core.settings import get_settings
from support.servers import SmsSink
from tasks.core.delivery import deliver_due
from web.web_desk import client_for, set_passwords

FOUND = {"verdict": "partly", "findings": "调取录像：语气较急", "reply": "经核实部分属实，已批评教育并整改，感谢监督。"}


@pytest.fixture
def source_sink(monkeypatch, channels):
    """The source systems' result endpoint: a real local HTTP server."""
    sink = SmsSink()
    sink.start()
    monkeypatch.setenv("CENTER_RESULTS_HOTLINE", f"127.0.0.1:{sink.port}/12345/results")
    monkeypatch.setenv("CENTER_RESULTS_RATING", f"127.0.0.1:{sink.port}/rating/results")
    yield sink
    sink.stop()


def _item(ref: str, step: str) -> WorkItem:
    with session_scope() as session:
        return session.exec(select(WorkItem).where(WorkItem.case_ref == ref, WorkItem.step == step,
                                                   WorkItem.status == WorkItemStatus.open)).one()


def _results() -> list[OutboxMessage]:
    with session_scope() as session:
        return session.exec(select(OutboxMessage).where(OutboxMessage.template == "source_result")).all()


def test_an_answered_order_goes_back_once_after_the_source_first_answers_500(api, keys, source_sink):
    ref = api.post("/api/v1/hotline-orders", json=ORDER, headers=bearer(keys["12345"])).json()["ref"]
    assert api.get(f"/api/v1/complaints/{ref}", headers=bearer(keys["12345"])).json()["answer"] is None
    answered = datetime(2026, 11, 24, 15, 0)
    decide(item_id=_item(ref, "investigate").id, actor="S0101", decision=FOUND, at=answered)
    [message] = _results()
    assert (message.address, message.status) == ("source:hotline", OutboxStatus.pending)

    source_sink.mode = "error"
    deliver_due(now=answered + timedelta(minutes=1))
    source_sink.mode = "ok"
    deliver_due(now=answered + timedelta(minutes=3))  # after the backoff
    deliver_due(now=answered + timedelta(hours=2))
    assert len(source_sink.received) == 1
    result = json.loads(source_sink.received[0]["message"])
    assert (result["ticket_no"], result["ref"], result["status"]) == (ORDER["ticket_no"], ref, "closed")
    assert (result["answer"]["verdict"], result["answer"]["reply"]) == ("partly", FOUND["reply"])
    assert _results()[0].status == OutboxStatus.sent and _results()[0].attempts == 2
    shown = api.get(f"/api/v1/complaints/{ref}", headers=bearer(keys["12345"])).json()
    assert shown["answer"]["verdict_label"] == "部分属实" and shown["status_label"] == "已办结"


def test_a_bad_ratings_reply_goes_back_when_the_management_section_approves_it(api, keys, source_sink):
    ref = api.post("/api/v1/ratings", json=BAD_RATING, headers=bearer(keys["rating"])).json()["ref"]
    decide(item_id=_item(ref, "investigate").id, actor="S0101", decision=FOUND, at=datetime(2026, 11, 24, 15))
    assert _results() == []  # not before the review (三(一)2)
    decide(item_id=_item(ref, "review").id, actor="G001", decision={"approve": True}, at=datetime(2026, 11, 25, 9))
    [message] = _results()
    assert message.address == "source:rating"
    deliver_due(now=datetime(2026, 11, 25, 9, 1))
    [posted] = source_sink.received
    result = json.loads(posted["message"])
    assert (result["rating_id"], result["status"], result["answer"]["reply"]) == (
        BAD_RATING["rating_id"], "posting", FOUND["reply"])
    assert api.get(f"/api/v1/complaints/{ref}", headers=bearer(keys["rating"])).json()["answer"]["verdict"] == "partly"


def test_a_result_that_keeps_failing_is_listed_among_the_failed_messages(api, keys, source_sink, monkeypatch):
    monkeypatch.setenv("CENTER_POLICY__OUTBOX_MAX_ATTEMPTS", "1")
    get_settings.cache_clear()
    ref = api.post("/api/v1/hotline-orders", json=ORDER, headers=bearer(keys["12345"])).json()["ref"]
    decide(item_id=_item(ref, "investigate").id, actor="S0101", decision=FOUND, at=datetime(2026, 11, 24, 15))
    source_sink.mode = "error"
    deliver_due(now=datetime(2026, 11, 24, 15, 1))
    assert _results()[0].status == OutboxStatus.failed
    set_passwords("G001")
    overview = client_for(api.app, "G001").get("/overview")
    assert "12345热线" in overview.text and "投诉办理结果" in overview.text and ref in overview.text

