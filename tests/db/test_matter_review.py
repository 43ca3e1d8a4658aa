"""The quarterly review of the matter list: one item per window, chased by the generic sweep."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import select

from models.core.cases import WorkItem
from models.core.db import session_scope
from models.core.documents import documents_of
from models.core.org import Role
from models.core.outbox import OutboxMessage
from models.core.workitems import complete_work_item
from support.matters import sample, through
from tasks.core.advance import step_case
from tasks.matter.review import open_list_review
from tasks.core.sweep import collect_and_queue

pytestmark = pytest.mark.usefixtures("org")
OPENED = datetime(2026, 10, 8, 9)  # the first working day of the 4th quarter (after National Day)


def _items(ref: str) -> list[WorkItem]:
    with session_scope() as session:
        return list(session.exec(select(WorkItem).where(WorkItem.case_ref == ref).order_by(WorkItem.id)).all())


def _confirm(item: WorkItem, actor: str) -> None:
    with session_scope() as session:
        complete_work_item(session=session, item_id=item.id, actor_id=actor, decision={"comment": "清单无误"})


def test_the_review_opens_one_item_per_window_and_one_per_branch_department():
    through(sample())
    through(sample("branch-window"))
    report = open_list_review(as_of=OPENED)
    items = _items(report["case_ref"])
    assert [(i.assignee_window_id, i.assignee_department_id, i.assignee_role) for i in items] == [
        ("W01", None, Role.head), ("W02", None, Role.head), ("W03", None, Role.head), ("W04", None, Role.head),
        (None, "gaj", Role.department)]


def test_each_window_item_is_due_after_the_policy_working_days():
    report = open_list_review(as_of=OPENED)
    # 5 working days after Thu 8 October 2026: 9, 10 (a Saturday worked, 调休), 12, 13, 14.
    assert {i.due_at for i in _items(report["case_ref"])} == {datetime(2026, 10, 14, 17)}


def test_each_window_gets_its_list_as_a_document():
    through(sample())
    report = open_list_review(as_of=OPENED)
    with session_scope() as session:
        titles = [d.title for d in documents_of(session=session, case_ref=report["case_ref"])]
    assert titles[0] == "事项清单（W01 社保综合窗口）" and len(titles) == 4


def test_running_the_review_again_in_the_quarter_opens_nothing_more():
    first = open_list_review(as_of=OPENED)
    again = open_list_review(as_of=datetime(2026, 10, 9, 9))
    assert again == first and len(_items(first["case_ref"])) == 4


def test_no_review_is_opened_on_a_day_off():
    assert open_list_review(as_of=datetime(2026, 10, 1, 9)) == {"working_day": False, "case_ref": None, "items": 0}


def test_the_sweep_escalates_the_unconfirmed_windows_to_the_management_section():
    report = open_list_review(as_of=OPENED)
    first, *others = _items(report["case_ref"])
    _confirm(first, "S0101")
    swept = collect_and_queue(as_of=datetime(2026, 10, 15, 9), dry_run=False)
    assert swept["by_procedure"] == {"matter_review:overdue": 3}
    with session_scope() as session:
        management = session.exec(select(OutboxMessage.key).where(OutboxMessage.address == "role:management")).all()
    assert sorted(management) == sorted(f"{report['case_ref']}:wi{i.id}:overdue1:role:management:role" for i in others)


def test_the_sweep_reminds_the_windows_the_day_before():
    open_list_review(as_of=OPENED)
    swept = collect_and_queue(as_of=datetime(2026, 10, 13, 9), dry_run=False)
    assert swept["by_procedure"] == {"matter_review:remind": 4}


def test_the_review_closes_when_every_window_has_confirmed():
    report = open_list_review(as_of=OPENED)
    items = _items(report["case_ref"])
    for item, head in zip(items, ("S0101", "S0201", "S0301", "S0401")):
        _confirm(item, head)
    assert step_case(case_ref=report["case_ref"], actor="S0401")[1] == "closed"


def test_the_review_stays_open_while_a_window_has_not_confirmed():
    report = open_list_review(as_of=OPENED)
    _confirm(_items(report["case_ref"])[0], "S0101")
    assert step_case(case_ref=report["case_ref"], actor="S0101")[1] == "open"
