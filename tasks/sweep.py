"""The sweep's one side effect: queue the notices every procedure's rules find (or, dry, list them)."""
from __future__ import annotations

from collections import Counter
from datetime import datetime

from prefect import task

from models.calendar import load_calendar
from models.db import session_scope
from models.rules.masking import mask_text
from models.settings import get_settings
from models.sweep import notices_due
from tasks.messages import queue_notice


def collect_and_queue(*, as_of: datetime, dry_run: bool) -> dict:
    policy = get_settings().policy
    with session_scope() as session:
        calendar = load_calendar(session=session)
        if not calendar.is_working_day(as_of.date()):
            return {"working_day": False, "notices": 0, "queued": 0, "by_procedure": {}, "overdue": []}
        notices = notices_due(session, as_of, calendar, policy)
        queued = 0
        if not dry_run:
            for n in notices:
                queued += queue_notice(session=session, key=n.key, case_ref=n.case_ref,
                                       recipients=n.recipients, template=n.template, context=n.context)
        else:
            session.rollback()
    overdue = sorted({(n.case_ref or "—", n.procedure, mask_text(str(n.context.get("step", ""))),
                       n.due_at.strftime("%Y-%m-%d %H:%M") if n.due_at else "")
                      for n in notices if n.level == "overdue"})
    return {"working_day": True, "notices": len(notices), "queued": queued,
            "by_procedure": dict(Counter(f"{n.procedure}:{n.level}" for n in notices)),
            "overdue": [list(row) for row in overdue]}


queue_sweep_notices = task(name="期限检查：排队提醒", retries=2, retry_delay_seconds=5)(collect_and_queue)
