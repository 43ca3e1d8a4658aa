"""The join of two procedures, on SQLite and PostgreSQL (考勤办法 二(一)4): a window with lunch service files
and registers November's 延时服务人员安排表; the clock records imported afterwards are computed against it
through the list's hook `lunch_service` — a server on their day may clock out 30 minutes early (16:30),
not a minute more; a colleague not serving, or the server on another day, is due at 17:00."""
from __future__ import annotations

from datetime import date, datetime

from sqlmodel import select

from models.attendance.tables import AttendanceException
from models.core.db import session_scope
from support.leaves import org_any  # noqa: F401 (fixture: SQLite and PostgreSQL)
from support.lunch_roster import file, review, roster
from tasks.attendance import import_clock_records

W02 = ["S0201", "S0202", "S0203"]
TUE, WED = date(2026, 11, 3), date(2026, 11, 4)


def punches(day: date, staff_id: str, *times: str) -> list[dict]:
    return [{"工号": staff_id, "日期": day.isoformat(), "时间": t} for t in times]


def test_a_server_may_leave_by_the_lunch_service_on_their_roster_day_only(org_any):
    # S0202 every day, S0201 beside them on Tuesday, S0201 alone on Wednesday; S0203 never
    ref = file(roster(people=("S0202",), d2026_11_03=["S0201", "S0202"], d2026_11_04=["S0201"]))
    assert review(ref) == "registered"
    rows = [*punches(TUE, "S0201", "08:20:00", "16:31:00"),  # serving: due out from 16:30
            *punches(TUE, "S0202", "08:20:00", "16:29:00"),  # serving, but a minute before 16:30: 早退
            *punches(TUE, "S0203", "08:20:00", "16:31:00"),  # not serving: 早退
            *punches(WED, "S0201", "08:20:00", "16:30:00"),  # serving: 16:30:00 is on time
            *punches(WED, "S0202", "08:20:00", "16:31:00"),  # not their day: 早退
            *punches(WED, "S0203", "08:20:00", "17:00:00")]
    import_clock_records(rows=rows, source="2026-11.csv", actor="G001", now=datetime(2026, 11, 5, 9, 0))
    with session_scope() as session:
        found = session.exec(select(AttendanceException).where(AttendanceException.staff_id.in_(W02))
                             .order_by(AttendanceException.day, AttendanceException.staff_id)).all()
        computed = [(r.day, r.staff_id, r.kind.value, r.due_at.time().isoformat(), r.punch_at.time().isoformat())
                    for r in found]
        lunch_check = {(r.day, r.staff_id): dict(r.checks)["延时服务（安排表）"] for r in found}
    assert computed == [(TUE, "S0202", "early", "16:30:00", "16:29:00"),
                        (TUE, "S0203", "early", "17:00:00", "16:31:00"),
                        (WED, "S0202", "early", "17:00:00", "16:31:00")]
    assert lunch_check == {(TUE, "S0202"): "是：可提前下班", (TUE, "S0203"): "否", (WED, "S0202"): "否"}
