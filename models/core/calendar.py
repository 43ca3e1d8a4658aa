"""The working-day calendar's data: chinesecalendar as the base, administrator overrides and
the years someone has covered (docs/architecture.md). `load_calendar` builds the pure index once per
change of the overrides.
"""
from __future__ import annotations

from datetime import date

from functools import lru_cache

import chinese_calendar
from sqlmodel import Field, Session, SQLModel, select

from models.rules.workdays import WorkdayCalendar


class CalendarOverride(SQLModel, table=True):
    """A day declared worked or off by a notice (e.g. the State Council's arrangement)."""

    day: date = Field(primary_key=True)
    is_workday: bool
    name: str = Field(default="", max_length=60)
    source: str = Field(default="", max_length=200)


class CoveredYear(SQLModel, table=True):
    """A year whose arrangement has been entered (beyond chinesecalendar's own data)."""

    year: int = Field(primary_key=True)
    source: str = Field(default="", max_length=200)


@lru_cache(maxsize=1)
def base_years() -> frozenset[int]:
    """The years chinesecalendar has data for (it raises for later ones)."""
    years = {d.year for d in chinese_calendar.constants.holidays}
    return frozenset(range(min(years), max(years) + 1))


_cache: dict[tuple, WorkdayCalendar] = {}


def load_calendar(*, session: Session) -> WorkdayCalendar:
    """The calendar as the database says now; the index is rebuilt only when overrides change."""
    overrides = tuple(session.exec(select(CalendarOverride.day, CalendarOverride.is_workday)
                                   .order_by(CalendarOverride.day)).all())
    years = tuple(session.exec(select(CoveredYear.year).order_by(CoveredYear.year)).all())
    key = (overrides, years)
    if key not in _cache:
        days_off = set(chinese_calendar.constants.holidays)
        makeup = set(chinese_calendar.constants.workdays)
        for day, is_workday in overrides:
            (makeup if is_workday else days_off).add(day)
            (days_off if is_workday else makeup).discard(day)
        _cache.clear()
        _cache[key] = WorkdayCalendar(days_off=days_off, makeup_workdays=makeup,
                                      covered_years=base_years() | set(years))
    return _cache[key]
