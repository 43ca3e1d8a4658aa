"""Every human step has a due date and a notice (issue 19, defect 10): the steps the regulations
give no time limit are due `Policy.section_review_days` working days after they open, and whoever
may act is told, like every other step. Called inside the caller's transaction."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from models.core.calendar import load_calendar
from models.core.cases import Case, WorkItem
from models.core.settings import Policy
from models.core.sweep import assignees
from models.core.workitems import open_work_item
from tasks.core.messages import queue_notice


def section_due(session: Session, case: Case, at: datetime) -> dict:
    """The due date of a section's step with no time limit of its own, as `open_work_item` takes it."""
    policy = Policy.model_validate(case.policy)
    due = load_calendar(session=session).deadline(at, policy.section_review_days, policy.office_close)
    return {"due_at": due.at, "due_from": at, "due_days": policy.section_review_days,
            "due_provisional": due.provisional}


def announce_work_item(session: Session, case: Case, item: WorkItem) -> None:
    """Tell whoever may act on `item` that it waits for them, and by when (once: keyed by the item)."""
    queue_notice(session=session, key=f"{item.key}:opened", case_ref=case.ref, recipients=assignees(session, item),
                 template="workitem_opened",
                 context={"case_ref": case.ref, "case_title": case.title, "step": item.title, "due_at": item.due_at,
                          "provisional": item.due_provisional})


def open_section_step(*, session: Session, case: Case, key: str, step: str, title: str, at: datetime,
                      **assignment) -> WorkItem:
    """Open a section's step due `section_review_days` working days on, and announce it."""
    item = open_work_item(session=session, key=key, case_ref=case.ref, step=step, title=title,
                          **section_due(session, case, at), at=at, **assignment)
    announce_work_item(session, case, item)
    return item
