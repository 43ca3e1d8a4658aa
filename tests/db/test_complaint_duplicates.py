"""Issue 19, defects 2 and 3: what makes two complaints different (window, staff, category, ticket,
rating) is part of the duplicate check; a duplicate names the case it matched; a re-run of the same
submission without a received time finds the first case, whatever the minute. SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlmodel import func, select

from models.core.cases import Case
from models.complaint.store import registered_complaint
from models.complaint.inputs import ComplaintIntake
from models.core.db import session_scope
from models.core.errors import InvalidInput
from models.core.org_import import import_org
from support.cli import ROOT
from support.complaint_cases import EVE, PHONE, RATING
from support.snapshot import snapshot
from tasks.complaint.entry import register_complaint

ISSUE_19_DEFECTS = (2, 3)  # counted in the reliability summary when these tests pass

NOW = datetime(2026, 10, 20, 9)
HOTLINE = {"channel": "hotline", "received_at": EVE, "window_id": "W01", "staff_id": "S0102", "category": 3,
           "content": "12345转办：态度生硬", "ticket_no": "12345-2026-0930-001",
           "external_due_at": datetime(2026, 10, 15, 17)}
pytestmark = pytest.mark.usefixtures("org_any")


@pytest.fixture
def org_any(any_db):
    with session_scope() as session:
        import_org(session=session, path=ROOT / "examples" / "org.yaml")


def cases() -> int:
    with session_scope() as session:
        return session.exec(select(func.count()).select_from(Case).where(Case.kind == "complaint")).one()


def register(intake: dict, now: datetime = NOW, actor: str = "G001") -> tuple[str, bool]:
    return register_complaint(intake=intake, actor=actor, now=now)


def test_the_same_person_about_two_windows_at_the_same_minute_gives_two_complaints():
    first, _ = register(PHONE)
    second, created = register({**PHONE, "window_id": "W02", "staff_id": None})
    assert (created, second != first, cases()) == (True, True, 2)


@pytest.mark.parametrize("change", [{"staff_id": "S0103"}, {"staff_id": None}, {"category": 4}],
                         ids=["other staff", "no staff", "other category"])
def test_a_complaint_differing_in_staff_or_category_is_registered_too(change):
    register(PHONE)
    _, created = register({**PHONE, **change})
    assert (created, cases()) == (True, 2)


def test_the_same_complaint_again_returns_the_case_it_matched():
    first, _ = register(PHONE)
    again, created = register({**PHONE, "content": " 窗口工作人员态度生硬，我的电话１３９１２３４５６７８ "})
    assert (again, created, cases()) == (first, False, 1)


def test_a_hotline_ticket_is_one_complaint_another_window_is_refused_naming_it_and_a_resubmission_matches():
    first, _ = register(HOTLINE)
    before = snapshot()
    with pytest.raises(InvalidInput) as refused:
        register({**HOTLINE, "window_id": "W02", "staff_id": None})
    assert (refused.value.field, first in str(refused.value), snapshot() == before) == ("ticket_no", True, True)
    again, created = register({**HOTLINE, "content": "12345转办（重发）"})
    assert (again, created, cases()) == (first, False, 1)


def test_a_rating_registered_for_another_person_is_refused_naming_the_case():
    first, _ = register(RATING)
    before = snapshot()
    with pytest.raises(InvalidInput) as refused:
        register({**RATING, "staff_id": "S0102"})
    assert (refused.value.field, first in str(refused.value), snapshot() == before) == ("rating_id", True, True)


def test_the_hotline_s_lookup_finds_a_complaint_by_its_distinguishing_fields():
    first, _ = register(HOTLINE)
    with session_scope() as session:
        found = registered_complaint(session=session, intake=ComplaintIntake(**HOTLINE), now=NOW)
        other = registered_complaint(session=session, now=NOW,
                                     intake=ComplaintIntake(**{**HOTLINE, "ticket_no": "12345-2026-0930-002"}))
    assert (found.ref, other) == (first, None)


def test_a_rerun_without_received_time_in_a_later_minute_returns_the_first_case():
    now = datetime(2026, 10, 20, 9, 59, 50)
    intake = {**PHONE, "received_at": None}
    first, _ = register(intake, now=now)
    again, created = register(intake, now=now + timedelta(minutes=3))
    assert (again, created, cases()) == (first, False, 1)


def test_a_rerun_by_another_clerk_or_days_later_is_a_new_complaint():
    intake = {**PHONE, "received_at": None}
    first, _ = register(intake)
    _, by_other = register(intake, actor="T001", now=NOW + timedelta(minutes=1))
    _, later = register(intake, now=NOW + timedelta(days=2))
    assert (by_other, later, cases()) == (True, True, 3)


def test_a_ticket_registered_under_the_key_of_before_is_still_found():
    first, _ = register(HOTLINE)
    with session_scope() as session:
        session.get(Case, first).idempotency_key = f"complaint:hotline:{HOTLINE['ticket_no']}"
    again, created = register(HOTLINE)
    assert (again, created, cases()) == (first, False, 1)
