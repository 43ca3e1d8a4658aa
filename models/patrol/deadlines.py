"""The patrol register's rule for the deadline sweep: a working day with fewer than two patrols
recorded is flagged to the management section (窗口巡查制度 二: 不定时巡查（每天两次巡查）).

Complete days only (today's patrols may still come); the sweep looks back as far as the generic
rule catches up, never before the register's first patrol; each day is flagged once.
"""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from models.core.org import Role
from models.patrol.store import first_patrol_day, patrol_counts
from models.core.recipients import role
from models.patrol.rules import days_to_check, short_days
from models.rules.workdays import WorkdayCalendar
from models.core.settings import Policy
from models.core.sweep import CATCH_UP_LEVELS, Notice


def patrol_shortfall(session: Session, as_of: datetime, calendar: WorkdayCalendar,
                     policy: Policy) -> list[Notice]:
    today = as_of.date()
    days = days_to_check(today=today, calendar=calendar, first_day=first_patrol_day(session=session),
                         back=CATCH_UP_LEVELS)
    if not days:
        return []
    counts = patrol_counts(session=session, start=days[0], end=today)
    return [Notice(key=f"patrol:{day}:short", procedure="patrol", case_ref=None, level="overdue",
                   template="patrol_shortfall", recipients=[role(Role.management)],
                   context={"day": day, "count": count, "required": policy.patrols_per_day,
                            "step": f"{day} 巡查 {count} 次，少于每天 {policy.patrols_per_day} 次"},
                   due_at=datetime.combine(day, policy.office_close))
            for day, count in short_days(days, counts, policy.patrols_per_day)]


# What the deadline sweep asks of this procedure (models/procedures.py).
SWEEP_RULES = [patrol_shortfall]
