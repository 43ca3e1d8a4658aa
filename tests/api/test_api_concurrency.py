"""The source system retries: the same order posted 10 times at once to a real HTTP server on
127.0.0.1 opens one complaint, and every answer names it — on SQLite and on PostgreSQL (where the
racing inserts meet the unique indexes and the losers find the winner's row)."""
from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import uvicorn
from sqlmodel import func, select

from api.payloads import BAD_RATING, ORDER, bearer, issue
from models.api.tables import ApiCall, HotlineOrder, SourceRating
from models.core.cases import Case, WorkItem
from models.complaint.tables import Complaint
from models.core.db import session_scope
from models.core.org_import import import_org
from support.cli import ROOT
from support.servers import free_port
from web.web_desk import desk_app

RETRIES = 10


@pytest.fixture
def server(any_db):
    with session_scope() as session:
        import_org(session=session, path=ROOT / "examples" / "org.yaml")
    port = free_port()
    running = uvicorn.Server(uvicorn.Config(desk_app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=30)


def _at_once(url: str, body: dict, token: str) -> list[httpx.Response]:
    start = threading.Barrier(RETRIES)

    def post(_):
        with httpx.Client(timeout=120) as client:
            start.wait()
            return client.post(url, json=body, headers=bearer(token))

    with ThreadPoolExecutor(max_workers=RETRIES) as pool:
        return list(pool.map(post, range(RETRIES)))


def _count(model) -> int:
    with session_scope() as session:
        return session.exec(select(func.count()).select_from(model)).one()


def test_ten_concurrent_retries_of_an_order_open_one_complaint_with_one_reference(server):
    answers = _at_once(f"{server}/api/v1/hotline-orders", ORDER, issue("12345"))
    assert sorted(a.status_code for a in answers) == [200] * (RETRIES - 1) + [201], [a.text for a in answers]
    assert len({a.json()["ref"] for a in answers}) == 1
    assert (_count(Case), _count(Complaint), _count(HotlineOrder), _count(WorkItem), _count(ApiCall)) == (
        1, 1, 1, 1, RETRIES)


def test_ten_concurrent_retries_of_a_bad_rating_open_one_complaint(server):
    answers = _at_once(f"{server}/api/v1/ratings", BAD_RATING, issue("rating"))
    assert sorted(a.status_code for a in answers) == [200] * (RETRIES - 1) + [201], [a.text for a in answers]
    assert len({a.json()["ref"] for a in answers}) == 1
    assert (_count(Complaint), _count(SourceRating)) == (1, 1)


def test_ten_racing_transactions_of_one_order_leave_one_complaint(any_db):
    """Below HTTP, so all ten reach the store together: on PostgreSQL the losers' inserts violate the
    unique indexes, roll back and find the winner's row on their retry."""
    from models.api.inputs import HotlineOrderIn
    from tasks.api.intake import receive_hotline_order

    with session_scope() as session:
        import_org(session=session, path=ROOT / "examples" / "org.yaml")
    start = threading.Barrier(RETRIES)

    def receive(_):
        start.wait()
        return receive_hotline_order(order=HotlineOrderIn(**ORDER), key_name="12345", path="/api/v1/hotline-orders")

    with ThreadPoolExecutor(max_workers=RETRIES) as pool:
        receipts = list(pool.map(receive, range(RETRIES)))
    assert sorted(r.created for r in receipts) == [False] * (RETRIES - 1) + [True]
    assert len({r.ref for r in receipts}) == 1
    assert (_count(Case), _count(Complaint), _count(HotlineOrder)) == (1, 1, 1)
