"""Issue 19, defect 10: every human step (work item) has a due date, so the sweep can remind and
escalate it, and a notice that reaches someone who may act on it — checked over every work item the
demo's scenarios open (every procedure)."""
from __future__ import annotations

import importlib
import io

import pytest
from rich.console import Console
from sqlmodel import select

from deployments.demo.run import SCENARIOS
from models.core.cases import WorkItem
from models.core.db import session_scope
from models.core.org import Staff
from models.core.outbox import OutboxMessage
from models.rules.permissions import may_act
from models.core.workitems import actor_of, assignment_of

ISSUE_19_DEFECTS = (10,)  # counted in the reliability summary when these tests pass


def who_may_act(session, item: WorkItem) -> set[str]:
    """The recipient keys of an outbox row that reach someone who may act on the item."""
    staff = [s.id for s in session.exec(select(Staff)).all()
             if may_act(actor_of(session=session, staff_id=s.id), assignment_of(item))[0]]
    return {*staff, f"role:{item.assignee_role.value}", f"dept:{item.assignee_department_id}"}


def notified(keys: list[str], item: WorkItem, reach: set[str]) -> bool:
    return any(part in reach for key in keys for part in key.split(":")[1:-1]) or any(
        f":{r}:" in key for key in keys for r in reach if r.startswith(("role:", "dept:")))


@pytest.fixture
def demo_store(org):
    """The demo's scenarios on the test's store. No `channels`: its mails would reach the session's
    SMTP server, where other tests look for mails by case reference."""
    console = Console(file=io.StringIO())
    for _, module, moment in SCENARIOS:
        importlib.import_module(module).demo(console, moment)


@pytest.mark.usefixtures("demo_store")
def test_every_human_step_of_every_procedure_has_a_due_date_and_a_notice():
    with session_scope() as session:
        items = session.exec(select(WorkItem).order_by(WorkItem.id)).all()
        undated = sorted({(i.case_ref.split("-")[0], i.step) for i in items if i.due_at is None})
        silent = []
        for item in items:
            keys = session.exec(select(OutboxMessage.key).where(OutboxMessage.case_ref == item.case_ref)).all()
            if not notified(keys, item, who_may_act(session, item)):
                silent.append((item.case_ref.split("-")[0], item.step))
    kinds = {i.case_ref.split("-")[0] for i in items}
    assert (len(kinds) >= 8, undated, sorted(set(silent))) == (True, [], [])
