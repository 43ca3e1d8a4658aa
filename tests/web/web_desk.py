"""Helpers for the web desk's tests: passwords for the sample organisation, logged-in test clients,
the CSRF token of a page, a case with an open work item (the foundations' sample procedure)."""
from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

from argon2 import PasswordHasher

from fastapi.testclient import TestClient
from sqlmodel import select

from deployments.web.core.app import create_app
from deployments.web.core.config import WebConfig
from deployments.web.core.throttle import Backoff
from models.core.cases import WorkItem, open_case
from models.core.db import session_scope
from models.core.users import UserCredential

PASSWORD = "desk-pass-2026"
# Quick backoff for the tests: 3 free failures per (address, account), then 0.4 s, 0.8 s, …; an account's
# failures from everywhere delay its next attempts by at most 1 s after 6.
TEST_CONFIG = dict(secret_key="test-secret-" + "x" * 32, pair_backoff=Backoff(free=3, base=0.4, cap=5.0),
                   address_backoff=Backoff(free=8, base=0.4, cap=5.0),
                   account_delay=Backoff(free=6, base=0.2, cap=1.0))
PEOPLE = ("G001", "G002", "S0101", "S0102", "S0103", "S0201", "T001", "D-rsj", "D-scjgj")


def desk_app(**overrides):
    return create_app(WebConfig(**{**TEST_CONFIG, **overrides}))


@lru_cache(maxsize=1)
def quick_hash() -> str:
    """A real argon2 hash of PASSWORD with small cost parameters (stored in the hash itself), so
    each test login verifies in milliseconds; `set_password` itself uses the library's defaults."""
    return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(PASSWORD)


def set_passwords(*staff_ids: str) -> None:
    with session_scope() as session:
        for staff_id in staff_ids:
            session.add(UserCredential(staff_id=staff_id, password_hash=quick_hash(), set_by="G001",
                                       set_at=datetime(2026, 10, 1, 9)))


def token_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "the page has no CSRF token"
    return match.group(1)


def log_in(client: TestClient, staff_id: str, password: str = PASSWORD):
    token = token_of(client.get("/login").text)
    return client.post("/login", data={"staff_id": staff_id, "password": password, "csrf_token": token,
                                       "next": "/"}, follow_redirects=False)


def client_for(app, staff_id: str) -> TestClient:
    client = TestClient(app)
    response = log_in(client, staff_id)
    assert response.status_code == 303, response.text
    return client


def post_form(client: TestClient, page: str, action: str, data: dict, **kwargs):
    """Submit a form the way a browser does: with the token of the page it is on."""
    token = token_of(client.get(page).text)
    return client.post(action, data={**data, "csrf_token": token}, follow_redirects=False, **kwargs)


def sample_case(window_id: str = "W01", opened_by: str = "S0102",
                due_at: datetime | None = None) -> tuple[str, int]:
    """A case of the foundations' sample procedure with an open item for the window's head."""
    import support.sample_procedure as sample

    with session_scope() as session:
        case, _ = open_case(session=session, kind="sample", actor=opened_by, title="测试案件", policy={},
                            window_id=window_id, subject_staff_id=opened_by, at=datetime(2026, 10, 9, 10))
        case.due_at = due_at
    sample.advance_sample(case.ref, opened_by)
    with session_scope() as session:
        item_id = session.exec(select(WorkItem.id).where(WorkItem.case_ref == case.ref)).one()
        if due_at is not None:
            session.get(WorkItem, item_id).due_at = due_at
    return case.ref, item_id
