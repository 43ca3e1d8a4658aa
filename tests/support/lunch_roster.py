"""Lunch-service rosters for the tests (考勤办法 二(一)4): W02 (企业登记窗口, lunch service) files November's
roster, the management section reviews it — the plain-function path of the flows."""
from __future__ import annotations

from datetime import date, datetime

from sqlmodel import select

from models.core.calendar import load_calendar
from models.core.cases import WorkItem
from models.core.db import session_scope
from models.lunch_roster.store import working_days
from models.lunch_roster.tables import LunchRosterInput
from tasks.core.advance import advance_case
from tasks.core.step_context import plain_calls
from tasks.core.workitems import record_decision
from tasks.lunch_roster import file_roster

NOW = datetime(2026, 10, 20, 10, 0)
NOV = date(2026, 11, 1)


def november() -> list[date]:
    with session_scope() as session:
        return working_days(calendar=load_calendar(session=session), month=NOV)


def roster(people=("S0202",), month="2026-11", **days) -> LunchRosterInput:
    """W02's roster: `people` every working day of November, days named `d2026_11_02=[…]` otherwise."""
    turns = {d: list(people) for d in (november() if month == "2026-11" else [])}
    turns.update({date.fromisoformat(d.replace("_", "-")[1:]): ids for d, ids in days.items()})
    return LunchRosterInput(window_id="W02", month=month, days=turns)


def file(request: LunchRosterInput | None = None, actor: str = "S0201", now: datetime = NOW) -> str:
    ref, _ = file_roster(request=request or roster(), actor=actor, now=now)
    with plain_calls():
        assert advance_case(case_ref=ref, actor=actor, now=now) == "review"
    return ref


def review(ref: str, approve: bool = True, comment: str = "") -> str:
    with session_scope() as session:
        item = session.exec(select(WorkItem).where(WorkItem.case_ref == ref, WorkItem.step == "review")).one()
    record_decision(item_id=item.id, actor="G001", decision={"approve": approve, "comment": comment}, at=NOW)
    with plain_calls():
        return advance_case(case_ref=ref, actor="G001", now=NOW)
