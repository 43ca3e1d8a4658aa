"""The statistics counted by SQL GROUP BY (issue 30) give the very figures the rows give when counted one by
one in Python (models.service_case.rules.month_summary, models.training.rules.figures), on SQLite and
PostgreSQL: a small store of service cases over a year — every status, at once and promised, on time and
late, a case of no window and one of a window no longer in the organisation — and a year of roll calls."""
from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert
from sqlmodel import select

from deployments.web.core import stats_data
from models.core.cases import Case
from models.core.db import session_scope
from models.core.org import Window
from models.service_case.rules import month_summary
from models.service_case.store import month_figures
from models.service_case.tables import OneTimeNotice, ServiceCase
from models.training.rules import Attendance, figures
from models.training.store import attendance_figures
from models.training.tables import TrainingAttendee, TrainingSession

ORG = Path(__file__).resolve().parents[2] / "examples" / "org.yaml"
STATUSES = ("received", "referred", "awaiting_materials", "accepted", "completed", "completed", "completed")
MATTERS = ("失业登记", "社保转移", "营业执照")


def _store() -> None:
    from models.core.org_import import import_org

    rng = random.Random(30)
    with session_scope() as session:
        import_org(session=session, path=ORG)
        windows = [w.id for w in session.exec(select(Window)).all()] + [None, "W99"]  # none; one no longer there
    cases, records, notices = [], [], []
    for n in range(600):
        opened = datetime(2026, 1, 1, 9) + timedelta(hours=rng.randrange(365 * 24))
        status, promised = rng.choice(STATUSES), rng.random() < 0.6
        due = opened + timedelta(days=5) if promised else None
        accepted = opened + timedelta(hours=rng.choice((0, 0, 2)))
        completed = (accepted if not promised and rng.random() < 0.7 else opened + timedelta(days=rng.choice((1, 4, 5, 9)))
                     ) if status == "completed" else None
        if completed is not None and due is not None and rng.random() < 0.1:
            completed = due  # on the due minute: on time
        ref = f"BJ-2026-{n:06d}"
        cases.append(dict(ref=ref, kind="service", status=status, title=f"办件 {n}", window_id=rng.choice(windows),
                          opened_by="S0102", opened_at=opened, updated_at=opened, policy={}, due_at=due,
                          due_provisional=False))
        records.append(dict(case_ref=ref, applicant="李明", channel="window", owner_id="S0102", matter_code=f"M{n % 3}",
                            matter_name=rng.choice(MATTERS), matter_version=1, matter_kind="promised", outstanding=[],
                            accepted_at=accepted if status in ("accepted", "completed") else None,
                            completed_at=completed))
        if rng.random() < 0.2:
            notices.append(dict(case_ref=ref, number=1, items=["居民身份证"], issued_by="S0102",
                                issued_at=opened + timedelta(hours=1)))
    with session_scope() as session:
        for model, rows in ((Case, cases), (ServiceCase, records), (OneTimeNotice, notices)):
            session.execute(insert(model), rows)


def _month_facts(session, start: datetime, end: datetime) -> tuple[list[dict], int]:
    """The rows of the month, one by one, as the statistics read them before issue 30."""
    rows = session.exec(select(Case, ServiceCase).join(ServiceCase, ServiceCase.case_ref == Case.ref)
                        .where(Case.opened_at >= start, Case.opened_at < end)).all()
    names = {w.id: w.name for w in session.exec(select(Window)).all()}
    cases = [{"window": names.get(c.window_id, c.window_id or ""), "matter": r.matter_name, "status": c.status,
              "due_at": c.due_at, "completed_at": r.completed_at,
              "at_once": r.completed_at is not None and r.completed_at == r.accepted_at} for c, r in rows]
    issued = len(session.exec(select(OneTimeNotice).where(OneTimeNotice.issued_at >= start,
                                                          OneTimeNotice.issued_at < end)).all())
    return cases, issued


def _months():
    return [(datetime(2026, m, 1), datetime(2026 + m // 12, m % 12 + 1, 1)) for m in range(1, 13)]


def test_a_month_of_service_cases_counted_by_sql_is_the_month_counted_row_by_row(any_db):
    _store()
    with session_scope() as session:
        for start, end in _months():
            assert month_figures(session=session, start=start, end=end) == month_summary(
                *_month_facts(session, start, end)), start


@pytest.mark.parametrize("windows", [None, {"W02"}])
def test_the_service_statistics_page_is_the_rows_counted_one_by_one(any_db, windows):
    """办件统计: each window's on-time rate month by month, the month's detail, as the rows give them."""
    _store()
    with session_scope() as session:
        page = stats_data.service(session=session, year=2026, month=5, windows=windows)
        names = {w.id: w.name for w in session.exec(select(Window).order_by(Window.id)).all()
                 if windows is None or w.id in windows}
        facts = [_month_facts(session, start, end) for start, end in _months()]
    assert len(names) > 1 or windows
    pct = stats_data.percent
    rates = {name: [pct(month_summary([c for c in cases if c["window"] == name], 0)["on_time_rate"])
                    for cases, _ in facts] for name in names.values()}
    tables = {t.key: t for t in page.tables}
    assert {row[0]: row[1:] for row in tables["on-time"].rows} == rates
    assert any(r != "—" for values in rates.values() for r in values)  # the store has rates to compare
    may = [c for c in facts[4][0] if c["window"] in names.values()]
    mine = month_summary(may, facts[4][1] if windows is None else 0)
    assert [list(r) for r in mine["by_window_matter"]] == tables["matters"].rows
    assert f"共 {mine['total']} 件，办结 {mine['completed']} 件" in page.summary[0]
    assert f"按时办结率 {pct(mine['on_time_rate'])}" in page.summary[0]
    assert (f"一次性告知书 {mine['notices']} 份" in page.summary[0]) == (windows is None)
    for row in tables["windows"].rows:
        s = month_summary([c for c in may if c["window"] == row[0]], 0)
        assert row[1:] == [s["total"], s["completed"], pct(s["at_once_share"]), pct(s["on_time_rate"]), s["referrals"]]


def test_training_attendance_counted_by_sql_is_the_roll_calls_counted_one_by_one(any_db):
    from models.core.org_import import import_org

    rng = random.Random(28)
    with session_scope() as session:
        import_org(session=session, path=ORG)
    cases, sessions, attendees = [], [], []
    for n in range(24):
        ref, at = f"PX-2026-{n:06d}", datetime(2025 + n // 20, 1 + n % 12, 10, 14)  # four of them in 2027
        cases.append(dict(ref=ref, kind="training", status="closed", title=f"培训 {n}", opened_by="G001",
                          opened_at=at, updated_at=at, policy={}, due_provisional=False))
        sessions.append(dict(case_ref=ref, topic=f"培训 {n}", category="regulations", organiser="management",
                             starts_at=at, ends_at=at + timedelta(hours=2)))
        for k in range(12):
            attendees.append(dict(case_ref=ref, staff_id=f"S0{k % 4 + 1}0{k // 4 + 1}",
                                  window_id=None if k == 11 else f"W0{k % 4 + 1}",
                                  attendance=rng.choice([None, *Attendance])))
    with session_scope() as session:
        for model, rows in ((Case, cases), (TrainingSession, sessions), (TrainingAttendee, attendees)):
            session.execute(insert(model), rows)
    with session_scope() as session:
        for by in ("staff", "window"):
            column = TrainingAttendee.staff_id if by == "staff" else TrainingAttendee.window_id
            rows = session.exec(select(column, TrainingAttendee.attendance)
                                .join(TrainingSession, TrainingSession.case_ref == TrainingAttendee.case_ref)
                                .where(TrainingAttendee.attendance.is_not(None),
                                       TrainingSession.starts_at >= datetime(2026, 1, 1),
                                       TrainingSession.starts_at < datetime(2027, 1, 1))).all()
            expected = figures([(key or "—", Attendance(a)) for key, a in rows])
            assert attendance_figures(session=session, year=2026, by=by) == expected and len(expected) > 3, by
