"""Cases and work items on SQLite and PostgreSQL: idempotent opening, atomic completion, audit."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import pytest
from sqlmodel import func, select

import support.sample_procedure  # noqa: F401  (registers the sample procedure)
from models.core.cases import AuditEvent, Case, WorkItem, open_case, transition
from models.core.db import session_scope
from models.core.errors import Conflict, InvalidTransition, PermissionDenied
from models.core.org import Role
from models.core.workitems import complete_work_item, items_for_actor, actor_of, open_work_item
from support.sample_procedure import advance_sample

pytestmark = pytest.mark.usefixtures("any_db")


@pytest.fixture
def case_with_item(any_db):
    from models.core.org_import import import_org
    from support.cli import ROOT

    with session_scope() as session:
        import_org(session=session, path=ROOT / "examples" / "org.yaml")
        case, _ = open_case(session=session, kind="sample", actor="S0102", title="测试", policy={},
                            window_id="W01", at=datetime(2026, 10, 9, 10))
    advance_sample(case.ref, "S0102")
    with session_scope() as session:
        item = session.exec(select(WorkItem).where(WorkItem.case_ref == case.ref)).one()
    return case.ref, item.id


def test_refs_are_numbered_per_kind_and_year():
    with session_scope() as session:
        first, _ = open_case(session=session, kind="sample", actor="x", title="a", policy={}, at=datetime(2026, 1, 5))
        second, _ = open_case(session=session, kind="sample", actor="x", title="b", policy={}, at=datetime(2026, 1, 5))
    assert (first.ref, second.ref) == ("CS-2026-000001", "CS-2026-000002")


def test_a_repeated_submission_with_the_same_key_returns_the_first_case():
    with session_scope() as session:
        first, created = open_case(session=session, kind="sample", actor="x", title="a", policy={}, idempotency_key="k1")
    with session_scope() as session:
        again, created_again = open_case(session=session, kind="sample", actor="x", title="a", policy={}, idempotency_key="k1")
        count = session.exec(select(func.count()).select_from(Case)).one()
    assert (created, created_again, again.ref, count) == (True, False, first.ref, 1)


def test_an_illegal_transition_writes_nothing():
    with session_scope() as session:
        case, _ = open_case(session=session, kind="sample", actor="x", title="a", policy={})
    with pytest.raises(InvalidTransition), session_scope() as session:
        transition(session=session, case=session.get(Case, case.ref), event="approve", actor="x")
    with session_scope() as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.case_ref == case.ref)).all()
        assert [e.action for e in events] == ["open"] and session.get(Case, case.ref).status == "opened"


def test_opening_the_same_step_twice_gives_one_item(case_with_item):
    ref, item_id = case_with_item
    with session_scope() as session:
        again = open_work_item(session=session, key=f"{ref}:review", case_ref=ref, step="review",
                               title="x", role=Role.head, window_id="W01")
        assert again.id == item_id
        assert session.exec(select(func.count()).select_from(WorkItem)).one() == 1


def test_the_head_of_another_window_may_not_decide(case_with_item):
    ref, item_id = case_with_item
    with pytest.raises(PermissionDenied, match="只能处理本窗口"), session_scope() as session:
        complete_work_item(session=session, item_id=item_id, actor_id="S0201", decision={"approve": True})
    with session_scope() as session:
        assert session.get(WorkItem, item_id).status == "open"


def test_twenty_clerks_completing_one_item_exactly_one_wins(case_with_item):
    ref, item_id = case_with_item

    def attempt(_):
        try:
            with session_scope() as session:
                complete_work_item(session=session, item_id=item_id, actor_id="S0101", decision={"approve": True})
            return "won"
        except Conflict:
            return "conflict"

    with ThreadPoolExecutor(max_workers=20) as pool:
        outcomes = list(pool.map(attempt, range(20)))
    with session_scope() as session:
        decisions = session.exec(select(func.count()).select_from(AuditEvent)
                                 .where(AuditEvent.action == "decide:review")).one()
    assert (outcomes.count("won"), outcomes.count("conflict"), decisions) == (1, 19, 1)


def test_a_decision_advances_the_case_and_is_audited_with_its_actor(case_with_item):
    ref, item_id = case_with_item
    with session_scope() as session:
        complete_work_item(session=session, item_id=item_id, actor_id="S0101", decision={"approve": True})
    assert advance_sample(ref, "S0101") == "approved"
    with session_scope() as session:
        last = session.exec(select(AuditEvent).where(AuditEvent.case_ref == ref).order_by(AuditEvent.id.desc())).first()
    assert (last.actor, last.from_status, last.to_status) == ("S0101", "review", "approved")


def test_the_head_sees_the_item_in_their_list(case_with_item):
    ref, item_id = case_with_item
    with session_scope() as session:
        head = [i.id for i in items_for_actor(session=session, actor=actor_of(session=session, staff_id="S0101"))]
        other = [i.id for i in items_for_actor(session=session, actor=actor_of(session=session, staff_id="S0201"))]
    assert (head, other) == ([item_id], [])
