"""Lunch-service rosters in the store: the checks of a filing against the organisation and the
calendar, the facts of a case, who serves on a day (registered rosters only: `serving_on`, the hook
`lunch_service` of models/procedures.py), and the reminder the working day before a turn (the sweep).
考勤办法 二(一)1, 4, 6."""
from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, func, select

from models.core.calendar import load_calendar
from models.core.cases import Case
from models.core.errors import CenterError, InvalidInput, NotFound, raise_all
from models.core.org import Role, Staff, StaffStatus, Window
from models.core.recipients import staff_member
from models.core.settings import Policy
from models.core.sweep import Notice, SweepFailure, per_row
from models.core.workitems import decided_item
from models.lunch_roster.machine import REGISTERED, REVIEW, STEP_REVIEW, Facts
from models.lunch_roster.rules import RosterWindow, month_days, month_of, roster_problems, weekday
from models.lunch_roster.tables import LunchRoster, LunchRosterInput, LunchTurn
from models.rules.ab_posts import Post
from models.rules.workdays import WorkdayCalendar


def window_of(*, session: Session, window_id: str) -> Window:
    window = session.get(Window, window_id)
    if window is None:
        raise InvalidInput(field="window_id", message=f"窗口 {window_id} 不存在")
    return window


def window_people(*, session: Session, window_id: str) -> list[Staff]:
    """The window's people at work who may be on its roster: head, staff and interns (an intern never alone)."""
    return list(session.exec(select(Staff).where(
        Staff.window_id == window_id, Staff.role.in_([Role.head, Role.staff, Role.intern]),
        Staff.status == StaffStatus.active).order_by(Staff.id)).all())


def working_days(*, calendar: WorkdayCalendar, month: date) -> list[date]:
    """The month's working days by the calendar (调休 Saturdays worked, holidays off)."""
    return [d for d in month_days(month) if calendar.is_working_day(d)]


def check_roster(*, session: Session, request: LunchRosterInput, today: date) -> tuple[Window, date]:
    """Every rule of models/lunch_roster/rules.py against the organisation and the calendar; raises them
    all at once. Returns the window and the month's first day."""
    window = window_of(session=session, window_id=request.window_id)
    try:
        month = month_of(request.month)
    except ValueError:
        raise InvalidInput(field="month", message=f"月份「{request.month}」无效，应为 YYYY-MM，如 2026-11") from None
    named = {s for ids in request.days.values() for s in ids}
    staff = {s.id: s for s in session.exec(select(Staff).where(Staff.id.in_(named))).all()} if named else {}
    people = {s.id: Post(s.id, s.window_id, s.role, s.status == StaffStatus.active) for s in staff.values()}
    calendar = load_calendar(session=session)
    raise_all(roster_problems(
        window=RosterWindow(window.id, window.name, window.lunch_service), month=month, today=today,
        turns={d: list(ids) for d, ids in request.days.items()}, people=people,
        working_days=set(working_days(calendar=calendar, month=month)), names={s.id: s.name for s in staff.values()}))
    return window, month


def get_roster(*, session: Session, ref: str) -> tuple[Case, LunchRoster]:
    roster = session.get(LunchRoster, ref)
    if roster is None:
        raise NotFound(field="安排表编号", value=ref)
    return session.get(Case, ref), roster


def turns_of(*, session: Session, ref: str) -> dict[date, list[str]]:
    """Day → who serves, in day order."""
    turns: dict[date, list[str]] = {}
    for turn in session.exec(select(LunchTurn).where(LunchTurn.case_ref == ref)
                             .order_by(LunchTurn.day, LunchTurn.staff_id)).all():
        turns.setdefault(turn.day, []).append(turn.staff_id)
    return turns


def roster_table(*, session: Session, ref: str) -> tuple[Window, LunchRoster, list[dict]]:
    """The 安排表 as printed and shown: each working day with the names serving (names, not ids)."""
    _, roster = get_roster(session=session, ref=ref)
    window = session.get(Window, roster.window_id)
    turns = turns_of(session=session, ref=ref)
    names = dict(session.exec(select(Staff.id, Staff.name)
                              .where(Staff.id.in_({s for ids in turns.values() for s in ids}))).all()) if turns else {}
    rows = [{"day": day, "weekday": weekday(day), "names": [names.get(s, s) for s in ids], "staff_ids": ids}
            for day, ids in sorted(turns.items())]
    return window, roster, rows


def roster_checks(*, session: Session, ref: str, today: date) -> list[str]:
    """The rules checked again on the roster as filed, against the organisation and the calendar now
    (a person may have left since): what the management section sees before deciding; [] when all hold."""
    _, roster = get_roster(session=session, ref=ref)
    request = LunchRosterInput(window_id=roster.window_id, month=f"{roster.month:%Y-%m}",
                               days=turns_of(session=session, ref=ref))
    try:
        check_roster(session=session, request=request, today=today)
    except CenterError as error:
        return [getattr(problem, "message", str(problem)) for problem in getattr(error, "problems", [error])]
    return []


def earlier_rosters(*, session: Session, case: Case, roster: LunchRoster) -> list[Case]:
    """The other rosters of the same window and month, filed before this one and still in force or under
    review: a registered replacement supersedes them."""
    return list(session.exec(
        select(Case).join(LunchRoster, LunchRoster.case_ref == Case.ref)
        .where(LunchRoster.window_id == roster.window_id, LunchRoster.month == roster.month,
               Case.ref != case.ref, Case.opened_at <= case.opened_at, Case.status.in_([REVIEW, REGISTERED]))
        .order_by(Case.opened_at, Case.ref)).all())


def rosters(*, session: Session, window_id: str | None = None, month: date | None = None,
            limit: int = 50, offset: int = 0) -> tuple[list[tuple[Case, LunchRoster]], int]:
    """The rosters filed, newest month first, and how many in all (a page of them)."""
    query = select(Case, LunchRoster).join(LunchRoster, LunchRoster.case_ref == Case.ref)
    count = select(func.count()).select_from(LunchRoster)
    if window_id:
        query, count = query.where(LunchRoster.window_id == window_id), count.where(LunchRoster.window_id == window_id)
    if month:
        query, count = query.where(LunchRoster.month == month), count.where(LunchRoster.month == month)
    rows = session.exec(query.order_by(LunchRoster.month.desc(), Case.opened_at.desc())
                        .offset(offset).limit(limit)).all()
    return [tuple(row) for row in rows], session.exec(count).one()


def facts_of(*, session: Session, case: Case, now: datetime) -> Facts:
    """The management section's review (step "review"), once made."""
    item = decided_item(session=session, case_ref=case.ref, step=STEP_REVIEW)
    return Facts(case.status) if item is None else Facts(case.status, item.decision, item.decided_by)


def serving_on(*, session: Session, staff_ids: set[str], day: date) -> set[str]:
    """Who of `staff_ids` serves the lunch hour on `day` by a registered roster (考勤办法 二(一)4: 可按延时时间
    提前下班). A roster under review, refused or superseded counts for nothing."""
    if not staff_ids:
        return set()
    return set(session.exec(
        select(LunchTurn.staff_id).join(Case, Case.ref == LunchTurn.case_ref)
        .where(LunchTurn.day == day, LunchTurn.staff_id.in_(staff_ids), Case.status == REGISTERED)).all())


def turn_reminders(session: Session, as_of: datetime, calendar: WorkdayCalendar,
                   policy: Policy) -> list[Notice | SweepFailure]:
    """考勤办法 二(一)4 (落实相关工作人员): each person on a registered roster is told on the working day
    before their turn — on a Friday for the Monday — once (keyed by roster, day and person)."""
    today = as_of.date()
    if not calendar.is_working_day(today):
        return []
    turn_day = calendar.next_working_day(today)
    rows = session.exec(
        select(Case, LunchRoster, LunchTurn).join(LunchRoster, LunchRoster.case_ref == Case.ref)
        .join(LunchTurn, LunchTurn.case_ref == Case.ref)
        .where(LunchTurn.day == turn_day, Case.status == REGISTERED).order_by(Case.ref, LunchTurn.staff_id)).all()
    together: dict[str, list[str]] = {}
    for case, _, turn in rows:
        together.setdefault(case.ref, []).append(turn.staff_id)

    def notice(case: Case, roster: LunchRoster, turn: LunchTurn) -> list[Notice]:
        window = session.get(Window, roster.window_id)
        others = [session.get(Staff, s) for s in together[case.ref] if s != turn.staff_id]
        person = session.get(Staff, turn.staff_id)
        return [Notice(f"{case.ref}:turn:{turn.day.isoformat()}:{turn.staff_id}", "lunch_roster", case.ref, "remind",
                       "lunch_roster_turn", staff_member(session=session, staff_id=turn.staff_id),
                       {"name": person.name if person else turn.staff_id, "window_name": window.name,
                        "day": turn.day.isoformat(), "weekday": weekday(turn.day), "case_ref": case.ref,
                        "others": "、".join(o.name for o in others if o) or "无"})]

    return per_row(rows, kind="lunch_roster", ref_of=lambda row: row[0].ref, notices_of=lambda row: notice(*row))


# What the deadline sweep asks of this procedure (models/procedures.py).
SWEEP_RULES = [turn_reminders]
