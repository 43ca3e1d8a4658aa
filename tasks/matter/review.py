"""The quarterly review of the matter list: one work item per window to confirm its list, with the
list attached and the window told (事项进驻、退出、调整规定 2: 定期进行梳理汇总，确保事项清晰、信息准确).

Unconfirmed items are chased by the generic work-item sweep (reminder, then escalation to the
management section): their due date is `matter_review_days` working days after the review opens.
"""
from __future__ import annotations

from datetime import datetime

from tasks.core.plain_calls import task
from sqlmodel import select

from models.core.calendar import load_calendar
from models.core.cases import WorkItem, open_case
from models.core.db import session_scope
from models.core.documents import store_rendered
from models.core.procedures import Steps
from models.matter.machine import REVIEW_OPEN, next_review_event
from models.matter.review import review_units
from models.matter.rules import quarter_of
from models.matter.store import review_facts_of
from models.core.settings import get_settings
from models.core.workitems import open_work_item
from tasks.core.messages import queue_notice
from tasks.core.render import render


def open_list_review(*, as_of: datetime, actor: str = "system") -> dict:
    """Open this quarter's review (once: keyed by the quarter), on a working day only; `actor`: the
    schedule ("system") or the management section's member who started it on the desk."""
    policy = get_settings().policy
    with session_scope() as session:
        calendar = load_calendar(session=session)
        if not calendar.is_working_day(as_of.date()):
            return {"working_day": False, "case_ref": None, "items": 0}
        year, quarter = quarter_of(as_of.date())
        title = f"{year}年第{quarter}季度事项清单梳理"
        case, _ = open_case(session=session, kind="matter_review", actor=actor, title=title, at=as_of,
                            policy=policy.model_dump(mode="json"), idempotency_key=f"matter-review:{year}Q{quarter}")
        if case.status == REVIEW_OPEN:
            due = calendar.deadline(case.opened_at, case.policy["matter_review_days"], policy.office_close)
            for unit in review_units(session=session):
                item = open_work_item(
                    session=session, key=f"{case.ref}:confirm:{unit.key}", case_ref=case.ref, step="confirm",
                    title=f"确认事项清单：{unit.title}（{len(unit.matters)}项）", role=unit.role, form="acknowledge",
                    window_id=unit.window_id, department_id=unit.department_id, at=as_of,
                    due_at=due.at, due_from=case.opened_at, due_days=case.policy["matter_review_days"],
                    due_provisional=due.provisional)
                context = {"case_ref": case.ref, "review_title": title, "unit": unit.title,
                           "matters": unit.matters, "count": len(unit.matters), "due_at": item.due_at}
                store_rendered(session=session, key=f"{case.ref}:list:{unit.key}", case_ref=case.ref,
                               kind="matter_list", title=f"事项清单（{unit.title}）", actor="system",
                               html=render("documents/matter_list.html", **context), at=as_of)
                queue_notice(session=session, key=f"{case.ref}:review:{unit.key}", case_ref=case.ref,
                             recipients=unit.recipients(session), template="matter_review", context=context)
        items = session.exec(select(WorkItem).where(WorkItem.case_ref == case.ref)).all()
        return {"working_day": True, "case_ref": case.ref, "items": len(items)}


# The generic step's declaration of the review (models/procedures.py: steps=): open → closed once every
# window has confirmed; nothing else happens on closing.
STEPS = Steps(facts=review_facts_of, next_event=next_review_event)

open_list_review_task = task(name="发起事项清单梳理")(open_list_review)
