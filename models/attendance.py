"""Saturday cover at convenience windows (调休日程表): who works which Saturday, and the day off
that compensates it (考勤办法 二(一)5: 视作正常出勤 — the day off is attendance, not leave).
"""
from __future__ import annotations

from datetime import date

from pydantic import NaiveDatetime
from sqlalchemy import UniqueConstraint
from sqlmodel import Field, Session, SQLModel, select

from models.core.calendar import load_calendar
from models.core.clock import local_now
from models.core.errors import InvalidInput, NotFound, raise_all
from models.leave import leave_absences, person
from models.core.org import Window
from models.rules.leave import whole_days
from models.rules.leave_checks import Absence, CoverWindow, check_saturday_cover


class SaturdayCover(SQLModel, table=True):
    """One row of a window's 调休日程表."""

    __table_args__ = (UniqueConstraint("staff_id", "saturday", name="uq_saturday_cover_staff_saturday"),
                      UniqueConstraint("staff_id", "day_off", name="uq_saturday_cover_staff_day_off"))
    id: int | None = Field(default=None, primary_key=True)
    window_id: str = Field(foreign_key="window.id", index=True, max_length=40)
    staff_id: str = Field(foreign_key="staff.id", index=True, max_length=40)
    saturday: date = Field(index=True)
    day_off: date = Field(index=True)
    note: str = Field(default="", max_length=200)
    recorded_by: str = Field(max_length=40)
    recorded_at: NaiveDatetime


def days_in_lieu(*, session: Session, staff_id: str, start: date, end: date) -> frozenset[date]:
    rows = session.exec(select(SaturdayCover.day_off).where(
        SaturdayCover.staff_id == staff_id, SaturdayCover.day_off >= start, SaturdayCover.day_off <= end)).all()
    return frozenset(rows)


def lieu_absences(*, session: Session, staff_ids: set[str], start: date, end: date) -> list[Absence]:
    """Compensating days off as absences (the person is not at the window that day)."""
    rows = session.exec(select(SaturdayCover).where(
        SaturdayCover.staff_id.in_(staff_ids), SaturdayCover.day_off >= start, SaturdayCover.day_off <= end)).all()
    return [Absence(label=f"调休（{r.saturday}星期六上班）", staff_id=r.staff_id,
                    span=whole_days(r.day_off, r.day_off), is_leave=False) for r in rows]


def record_saturday_cover(*, session: Session, window_id: str, staff_id: str, saturday: date, day_off: date,
                          actor: str, note: str = "") -> tuple[SaturdayCover, bool]:
    """Record one row of the 调休日程表 (the head's own registration). Returns (row, created)."""
    window = session.get(Window, window_id)
    if window is None:
        raise NotFound("窗口", window_id)
    staff = person(session=session, staff_id=staff_id, field="工作人员")
    existing = session.exec(select(SaturdayCover).where(SaturdayCover.staff_id == staff_id,
                                                        SaturdayCover.saturday == saturday)).first()
    if existing and existing.day_off == day_off:
        return existing, False
    people = {staff_id} | ({staff.b_post_id} if staff.b_post_id else set())
    absences = (leave_absences(session=session, staff_ids=people, start=day_off, end=day_off)
                + lieu_absences(session=session, staff_ids=people, start=day_off, end=day_off))
    problems = check_saturday_cover(
        actor=person(session=session, staff_id=actor, field="办理人(--as)"),
        window=CoverWindow(window.id, window.name, window.head_id, window.saturday_service),
        staff=staff, saturday=saturday, day_off=day_off, absences=absences,
        calendar=load_calendar(session=session))
    if existing:
        problems.append(InvalidInput("星期六", f"{staff.name} 在 {saturday} 已安排调休日 {existing.day_off}",
                                     "attendance.saturday_once"))
    raise_all(problems)
    row = SaturdayCover(window_id=window_id, staff_id=staff_id, saturday=saturday, day_off=day_off,
                        note=note, recorded_by=actor, recorded_at=local_now())
    session.add(row)
    session.flush()
    return row, True


def schedule(*, session: Session, window_id: str, start: date, end: date) -> list[SaturdayCover]:
    """The window's 调休日程表 for Saturdays in [start, end]."""
    return list(session.exec(select(SaturdayCover).where(
        SaturdayCover.window_id == window_id, SaturdayCover.saturday >= start, SaturdayCover.saturday <= end)
        .order_by(SaturdayCover.saturday, SaturdayCover.staff_id)).all())
