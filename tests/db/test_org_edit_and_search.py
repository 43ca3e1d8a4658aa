"""Editing the organisation (models.core.org_edit) and finding cases (models.core.case_search) on SQLite and
PostgreSQL: the rules, the audit trail with the actor, all-or-nothing, and paging after visibility."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import select

from models.core.case_search import CaseQuery, parse_query, search_cases
from models.core.cases import AuditEvent, open_case
from models.core.db import session_scope
from models.core.errors import InvalidInput, PermissionDenied, ValidationFailed
from models.core.org import Staff
from models.core.org_edit import edit_person, org_changes, set_b_post, update_contact
from support.leaves import org_any  # noqa: F401  (fixture)
from support.snapshot import snapshot


def test_a_contact_change_is_audited_with_its_actor(org_any):
    with session_scope() as session:
        assert update_contact(session=session, staff_id="S0103", phone="13711112222", email="", actor="G001")
    with session_scope() as session:
        staff = session.get(Staff, "S0103")
        [event] = org_changes(session=session, staff_id="S0103")
    assert (staff.phone, staff.email) == ("13711112222", "")
    assert (event.actor, event.action, event.details["before"]["phone"]) == ("G001", "org:contact", "13700000103")


def test_the_b_post_rule_is_the_rosters(org_any):
    with session_scope() as session, pytest.raises(InvalidInput) as refused:
        set_b_post(session=session, staff_id="S0103", b_post_id="S0202", actor="G001")
    assert refused.value.field == "b_post" and "AB岗工作制度 2" in refused.value.message


def test_clearing_a_b_post_is_audited(org_any):
    with session_scope() as session:
        assert set_b_post(session=session, staff_id="S0103", b_post_id=None, actor="G002")
    with session_scope() as session:
        assert session.get(Staff, "S0103").b_post_id is None
        assert [e.action for e in org_changes(session=session)] == ["org:b_post_cleared"]


def test_only_the_management_section_edits(org_any):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        with session_scope() as session:
            update_contact(session=session, staff_id="S0103", phone="13711112222", email="", actor="S0101")
    assert snapshot() == before


def test_every_problem_at_once_and_nothing_written(org_any):
    before = snapshot()
    with pytest.raises(ValidationFailed) as refused:
        with session_scope() as session:
            edit_person(session=session, staff_id="S0103", phone="123", email="x", b_post_id="S0103", actor="G001")
    assert {p.field for p in refused.value.problems} == {"phone", "email", "b_post"} and snapshot() == before
    with session_scope() as session:
        assert session.exec(select(AuditEvent).where(AuditEvent.case_ref == "org")).all() == []


def _cases(count: int, window: str) -> list[str]:
    refs = []
    with session_scope() as session:
        for n in range(count):
            case, _ = open_case(session=session, kind="leave", actor="S0102", title=f"测试{n}", policy={},
                                window_id=window, at=datetime(2026, 10, 9, 10, n))
            refs.append(case.ref)
    return refs


def test_paging_applies_the_visibility_rule_first(org_any):
    w1, w2 = _cases(5, "W01"), _cases(5, "W02")
    visible = lambda _session, cases: [c for c in cases if c.window_id == "W01"]  # noqa: E731
    with session_scope() as session:
        first, more = search_cases(session=session, query=CaseQuery(), visible=visible, page=1, size=3)
        second, last = search_cases(session=session, query=CaseQuery(), visible=visible, page=2, size=3)
    assert [c.ref for c in first + second] == w1[::-1] and more and not last and not set(w2) & {c.ref for c in first}


def test_dates_are_checked_and_the_range_is_inclusive(org_any):
    refs = _cases(2, "W01")
    with pytest.raises(ValidationFailed):
        parse_query({"from": "2026-02-30", "to": "soon"})
    with session_scope() as session:
        found, _ = search_cases(session=session, query=parse_query({"from": "2026-10-09", "to": "2026-10-09"}),
                                visible=lambda _s, cases: cases)
    assert sorted(c.ref for c in found) == sorted(refs)
