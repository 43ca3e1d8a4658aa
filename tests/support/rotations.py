"""Rotations for the tests: a department's notice on the sample organisation, and the plain-function
path of the flow (propose → review → confirm departures → apply → B posts) for database tests."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlmodel import func, select

from models.core.cases import WorkItem, WorkItemStatus, get_case
from models.core.db import session_scope
from models.rotation.inputs import RotationProposalInput
from tasks.core.workitems import record_decision

ROOT = Path(__file__).resolve().parents[2]
RECEIVED = datetime(2026, 3, 31, 10, 0)  # ten working days before 15 April 2026 (Qingming: 4–6 April)
EFFECTIVE = date(2026, 4, 15)
NOW = datetime(2026, 3, 31, 11, 0)


@pytest.fixture
def org_any(any_db):
    """The sample organisation on SQLite and on PostgreSQL (import this fixture into a test module)."""
    from models.core.org_import import import_org

    with session_scope() as session:
        import_org(session=session, path=ROOT / "examples" / "org.yaml")


def arrival(staff_id: str, name: str, **extra) -> dict:
    return {"staff_id": staff_id, "name": name, "phone": "13700000999", **extra}


def notice(window: str = "W01", leaving: list[str] = (), arriving: list[dict] = (), *,
           ref: str = "青人社函〔2026〕12号", received: datetime = RECEIVED, effective: date = EFFECTIVE,
           note: str = "") -> RotationProposalInput:
    return RotationProposalInput(window_id=window, notice_ref=ref, notice_received=received,
                                 effective_date=effective, leaving=list(leaving), arriving=list(arriving), note=note)


def propose(*args, actor: str = "D-rsj", now: datetime = NOW, **kwargs) -> str:
    from tasks.rotation.steps import open_rotation

    return open_rotation(proposal=notice(*args, **kwargs), actor=actor, now=now)


def open_items(ref: str, step: str) -> list[WorkItem]:
    with session_scope() as session:
        return list(session.exec(select(WorkItem).where(WorkItem.case_ref == ref, WorkItem.step == step,
                                                        WorkItem.status == WorkItemStatus.open)
                                 .order_by(WorkItem.id)).all())


def decide(ref: str, step: str, actor: str, at: datetime = NOW, **decision) -> None:
    for item in open_items(ref, step):
        record_decision(item_id=item.id, actor=actor, decision=decision, at=at)


def review(ref: str, *, approve: bool = True, exception: bool = False, comment: str = "",
           actor: str = "G001") -> str:
    """The management section's review, then the case's one step that acts on it (tasks/core/advance.py)."""
    from tasks.core.advance import step_case

    decide(ref, "review", actor, approve=approve, exception=exception, comment=comment)
    return step_case(case_ref=ref, actor=actor)[1]


def apply_roster(*, case_ref: str, actor: str, as_of: datetime) -> str:
    """One step of the case at `as_of`: the roster changes when the date has come and every departure
    is confirmed (tasks/core/advance.py)."""
    from tasks.core.advance import step_case

    return step_case(case_ref=case_ref, actor=actor, now=as_of)[1]


def settle_posts(*, case_ref: str, actor: str) -> str:
    """What the advance flow does for a rotation in effect: closed when nothing is left open, else
    the B posts and the new head named so far recorded."""
    from tasks.core.advance import step_case
    from tasks.rotation.steps import record_posts

    status = step_case(case_ref=case_ref, actor=actor)[1]
    return record_posts(case_ref=case_ref, actor=actor) if status == "in_effect" else status


def approve_and_apply(ref: str, *, exception: bool = False, as_of: datetime | None = None) -> str:
    review(ref, exception=exception, comment="同意" if not exception else "确需例外")
    decide(ref, "departure", "G001")
    return apply_roster(case_ref=ref, actor="system", as_of=as_of or datetime(2026, 4, 15, 7, 30))


def status(ref: str) -> str:
    with session_scope() as session:
        return get_case(session=session, ref=ref).status


def count(model, *where) -> int:
    with session_scope() as session:
        return session.exec(select(func.count()).select_from(model).where(*where)).one()


def advance(ref: str, actor: str, now: datetime | None = None) -> str:
    """The case advanced by the generic step (tasks/core/advance.py) as its flow does, without Prefect."""
    from tasks.core.advance import advance_case
    from tasks.core.step_context import plain_calls

    with plain_calls():
        return advance_case(case_ref=ref, actor=actor, now=now)
