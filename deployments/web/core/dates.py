"""Dates typed into the desk's forms, checked against the working-day calendar's range before a
procedure runs (issue 19 §7): 0001-01-01 or 9999-12-31 is a typo named next to its field (400), not
an error deep inside a deadline computation (500)."""
from __future__ import annotations

from datetime import date, datetime

from models.core.errors import CenterError, InvalidInput, raise_all
from models.rules.workdays import in_calendar_range, out_of_range_message


def _day(text: str) -> date | None:
    """The day of a date (YYYY-MM-DD) or date-and-time input; None when it is not one (the
    procedure's own model then says what is wrong with it)."""
    try:
        return datetime.fromisoformat(text).date() if "T" in text or " " in text else date.fromisoformat(text)
    except ValueError:
        return None


def date_problems(values: dict[str, str], fields: tuple[str, ...]) -> list[CenterError]:
    problems: list[CenterError] = []
    for name in fields:
        day = _day((values.get(name) or "").strip())
        if day is not None and not in_calendar_range(day):
            problems.append(InvalidInput(field=name, message=out_of_range_message(values[name].strip())))
    return problems


def check_dates(values: dict[str, str], *fields: str) -> None:
    """Raise every date of `fields` outside the calendar's range at once (InvalidInput per field)."""
    raise_all(date_problems(values, fields))
