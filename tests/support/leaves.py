"""Leave requests for the tests: applications on the sample organisation, and the plain-function
path of the flows (open → step until a person is needed → decide → step …) for database tests."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlmodel import func, select

from models.core.cases import WorkItem, WorkItemStatus, get_case
from models.core.db import session_scope
from models.leave.inputs import LeaveApplication
from models.core.outbox import OutboxMessage
from tasks.core.workitems import record_decision

NOW = datetime(2026, 3, 2, 10, 0)  # a Monday; the leaves below start later that week
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def org_any(any_db):
    """The sample organisation on SQLite and on PostgreSQL."""
    from models.core.org_import import import_org

    with session_scope() as session:
        import_org(session=session, path=ROOT / "examples" / "org.yaml")


def application(staff: str = "S0103", kind: str = "sick", start: date = date(2026, 3, 4),
                end: date | None = None, *, actor: str | None = None, **extra) -> LeaveApplication:
    return LeaveApplication(staff_id=staff, kind=kind, start_day=start, end_day=end or start,
                            reason=extra.pop("reason", "身体不适"), actor=actor or staff, **extra)


def proof_file(tmp_path: Path, name: str = "proof.pdf", content: bytes = b"%PDF proof") -> str:
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)


def advance(ref: str, actor: str = "system", now: datetime = NOW) -> str:
    """What the advance flow does, with the plain task functions."""
    from tasks.core.advance import step_case as step_leave

    while True:
        event, status = step_leave(case_ref=ref, actor=actor, now=now)
        if event is None:
            return status


def apply(*args, now: datetime = NOW, **kwargs) -> str:
    from tasks.leave.entry import open_leave_request

    form = application(*args, **kwargs)
    ref = open_leave_request(application=form, now=now)
    advance(ref, form.actor, now)
    return ref


def items(ref: str, step: str | None = None, status: WorkItemStatus | None = WorkItemStatus.open) -> list[WorkItem]:
    query = select(WorkItem).where(WorkItem.case_ref == ref)
    if step:
        query = query.where(WorkItem.step == step)
    if status:
        query = query.where(WorkItem.status == status)
    with session_scope() as session:
        return list(session.exec(query.order_by(WorkItem.id)).all())


def decide(ref: str, step: str, actor: str, now: datetime = NOW, **decision) -> str:
    """A person decides the open item of `step`, then the case advances as the flow would."""
    [item] = items(ref, step)
    record_decision(item_id=item.id, actor=actor, decision=decision, at=now)
    return advance(ref, actor, now)


def status(ref: str) -> str:
    with session_scope() as session:
        return get_case(session=session, ref=ref).status


def count(model, *where) -> int:
    with session_scope() as session:
        return session.exec(select(func.count()).select_from(model).where(*where)).one()


def messages(ref: str, template: str | None = None) -> list[OutboxMessage]:
    query = select(OutboxMessage).where(OutboxMessage.case_ref == ref)
    if template:
        query = query.where(OutboxMessage.template == template)
    with session_scope() as session:
        return list(session.exec(query.order_by(OutboxMessage.id)).all())


def addresses(ref: str, template: str) -> set[str]:
    return {m.address for m in messages(ref, template)}
