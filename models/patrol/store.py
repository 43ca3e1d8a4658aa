"""The patrol register in the store: a patrol's record checked against the roster and the leave
taken, the patrols counted per day, the month summarised (窗口巡查制度 一–五).
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import String, cast, func
from sqlmodel import Session, select

from models.core.calendar import load_calendar
from models.core.errors import raise_all
from models.core.org import Staff, Window
from models.core.settings import Policy
from models.patrol.inputs import PatrolInput
from models.patrol.rules import (CheckItem, Finding, FindingRow, MonthSummary, WindowSummary,
                                 last_working_day, month_bounds, month_of, patrol_errors, short_days, summarise)
from models.rules.absences import away_at
from models.patrol.tables import Patrol, PatrolFinding, PatrolMonthSummary
from models.procedures import absences as absences_of


def check_patrol(*, session: Session, patrol: PatrolInput, now: datetime) -> list[Finding]:
    findings = [f.finding() for f in patrol.findings]
    staff_ids = {f.staff_id for f in findings if f.staff_id}
    window_of = {s.id: s.window_id for s in session.exec(select(Staff).where(Staff.id.in_(staff_ids))).all()}
    known = set(session.exec(select(Window.id).where(Window.id.in_(patrol.windows))).all())
    device = {f.staff_id for f in findings if f.staff_id and f.item == CheckItem.rating_device}
    day = patrol.at.date()
    absences = absences_of(session=session, staff_ids=device, start=day, end=day) if device else []
    raise_all(patrol_errors(at=patrol.at, now=now, windows=patrol.windows, items=patrol.items, findings=findings,
                            known_windows=known, window_of=window_of, away=away_at(absences, patrol.at)))
    return findings


def patrol_counts(*, session: Session, start: date, end: date) -> dict[date, int]:
    """Patrols per day in [start, end)."""
    rows = session.exec(select(Patrol.day, func.count()).where(Patrol.day >= start, Patrol.day < end)
                        .group_by(Patrol.day)).all()
    return {day: count for day, count in rows}


def first_patrol_day(*, session: Session) -> date | None:
    return session.exec(select(func.min(Patrol.day))).one()


def summarised_months(*, session: Session) -> set[str]:
    return set(session.exec(select(PatrolMonthSummary.month)).all())


def first_month(*, session: Session) -> str | None:
    day = first_patrol_day(session=session)
    return month_of(day) if day else None


def month_patrols(*, session: Session, month: str) -> list[Patrol]:
    start, end = month_bounds(month)
    return list(session.exec(select(Patrol).where(Patrol.day >= start, Patrol.day < end)
                             .order_by(Patrol.at)).all())


def window_summaries(*, session: Session, month: str, patrols: list[Patrol]) -> list[WindowSummary]:
    """Every window with its visits and findings of the month (windows never visited included)."""
    start, end = month_bounds(month)
    summaries = {w.id: WindowSummary(w.id, w.name, sum(w.id in p.windows for p in patrols))
                 for w in session.exec(select(Window).order_by(Window.id)).all()}
    rows = session.exec(select(PatrolFinding, Staff).outerjoin(Staff, Staff.id == PatrolFinding.staff_id)
                        .where(PatrolFinding.at >= datetime.combine(start, datetime.min.time()),
                               PatrolFinding.at < datetime.combine(end, datetime.min.time()))
                        .order_by(PatrolFinding.at, PatrolFinding.id)).all()
    for finding, staff in rows:
        summaries[finding.window_id].findings.append(FindingRow(
            at=finding.at, case_ref=finding.case_ref, window_id=finding.window_id,
            staff_name=staff.name if staff else "", item=finding.item, description=finding.description,
            points=finding.points))
    return list(summaries.values())


def month_summary(*, session: Session, month: str, as_of: datetime, policy: Policy) -> tuple[MonthSummary, bool]:
    """巡查制度 二, 四: the month as it stands at `as_of` (working days short of patrols counted up to
    then), and whether it has ended (the close of office on its last working day)."""
    start, end = month_bounds(month)
    calendar = load_calendar(session=session)
    final = as_of >= datetime.combine(last_working_day(month, calendar), policy.office_close)
    first = max(start, first_patrol_day(session=session) or end)  # the register's first day
    last = min(end - timedelta(days=1), as_of.date())
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    patrols = month_patrols(session=session, month=month)
    short = short_days([d for d in days if calendar.is_working_day(d)],
                       patrol_counts(session=session, start=start, end=end), policy.patrols_per_day)
    return summarise(month=month, kinds=[p.kind for p in patrols], short=short,
                     windows=window_summaries(session=session, month=month, patrols=patrols)), final


def register_rows(*, session: Session, start: date, end: date) -> list[tuple[Patrol, list[tuple[PatrolFinding, str]]]]:
    """The patrol register (巡查记录) of [start, end): each patrol with its findings and the names of
    the people concerned ("" for a finding about the window)."""
    patrols = session.exec(register_query(start=start, end=end)).all()
    return with_findings(session=session, patrols=list(patrols))


def register_query(*, start: date, end: date, window_id: str | None = None):
    """窗口巡查制度 三: the patrols of [start, end) (that visited `window_id`), by time — the index on `at`.
    A patrol's windows are a JSON list of ids: matched as the quoted id in its text, alike on SQLite and
    PostgreSQL."""
    query = select(Patrol).where(Patrol.day >= start, Patrol.day < end).order_by(Patrol.at, Patrol.case_ref)
    if window_id is not None:
        query = query.where(cast(Patrol.windows, String).contains(f'"{window_id}"', autoescape=True))
    return query


def with_findings(*, session: Session, patrols: list[Patrol]) -> list[tuple[Patrol, list[tuple[PatrolFinding, str]]]]:
    """Each patrol with its findings and the names of the people concerned ("" for the window's)."""
    rows = session.exec(select(PatrolFinding, Staff).outerjoin(Staff, Staff.id == PatrolFinding.staff_id)
                        .where(PatrolFinding.case_ref.in_([p.case_ref for p in patrols]))
                        .order_by(PatrolFinding.id)).all()
    return [(p, [(f, s.name if s else "") for f, s in rows if f.case_ref == p.case_ref]) for p in patrols]
