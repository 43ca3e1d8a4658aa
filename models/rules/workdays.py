"""Working-day arithmetic (工作日), O(log n) from a cumulative index (docs/architecture.md).

Every deadline of the regulations is in working days. Pure: the base data (statutory days off,
make-up working days 调休, covered years) is passed in; nothing here reads a clock or a database.

Conventions, written once:
- `add_working_days(d, n)` is the n-th working day after d (d itself is not counted);
  n < 0 counts backwards; n == 0 returns d.
- `working_days_between(a, b)` counts the working days in (a, b], so that
  `working_days_between(d, add_working_days(d, n)) == n`.
- Office hours (考勤办法 二(一)1): something received after the close of office hours, or on a
  day off, counts from the next working day; "within N working days" ends at the close of
  office hours of the N-th working day after that.
- A result in a year nobody has covered is computed on weekends only and flagged provisional.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import accumulate


# The span the working-day index covers (chinesecalendar's data begins in 2004; later years are
# entered by the management section or computed provisionally). A date outside it is a typo.
FIRST_YEAR, LAST_YEAR = 2004, 2060


def in_calendar_range(day: date) -> bool:
    """考勤办法 二(一)1 counts working days; this index can count them only within FIRST_YEAR–LAST_YEAR."""
    return FIRST_YEAR <= day.year <= LAST_YEAR


def out_of_range_message(day: date | str) -> str:
    return f"日期 {day} 超出工作日历范围 {FIRST_YEAR}-01-01–{LAST_YEAR}-12-31，请检查年份"


@dataclass(frozen=True)
class Deadline:
    at: datetime
    provisional: bool


class WorkdayCalendar:
    def __init__(self, *, days_off: set[date], makeup_workdays: set[date], covered_years: set[int],
                 first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR):
        self.covered_years = frozenset(covered_years)
        self._first = date(first_year, 1, 1)
        self._base = self._first.toordinal()
        count = date(last_year, 12, 31).toordinal() - self._base + 1
        flags = []
        for i in range(count):
            day = date.fromordinal(self._base + i)
            if day in makeup_workdays:
                flags.append(1)
            elif day in days_off:
                flags.append(0)
            else:
                flags.append(1 if day.isoweekday() <= 5 else 0)
        self._flags = flags
        self._cum = list(accumulate(flags))  # _cum[i]: working days in [first, first+i]
        self._last = date(last_year, 12, 31)

    def _index(self, day: date) -> int:
        i = day.toordinal() - self._base
        if not 0 <= i < len(self._flags):
            raise ValueError(f"日期 {day} 超出工作日历范围 {self._first}–{self._last}")
        return i

    def is_working_day(self, day: date) -> bool:
        return self._flags[self._index(day)] == 1

    def add_working_days(self, day: date, n: int) -> date:
        i = self._index(day)
        if n > 0:
            j = bisect_left(self._cum, self._cum[i] + n, i + 1)
        elif n < 0:
            before = self._cum[i - 1] if i else 0  # working days in [first, day)
            if before < -n:
                raise ValueError(f"日期 {day} 减 {-n} 个工作日超出工作日历范围（最早 {self._first}）")
            j = bisect_left(self._cum, before + n + 1)
        else:
            return day
        if j >= len(self._cum):
            raise ValueError(f"日期 {day} 加 {n} 个工作日超出工作日历范围")
        return date.fromordinal(self._base + j)

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        return self.add_working_days(day, 1)

    def working_days_between(self, a: date, b: date) -> int:
        """Working days in (a, b]; negative when b < a."""
        return self._cum[self._index(b)] - self._cum[self._index(a)]

    def is_provisional(self, a: date, b: date) -> bool:
        """True when any year between a and b has no published arrangement (weekends only)."""
        low, high = sorted((a.year, b.year))
        return any(year not in self.covered_years for year in range(low, high + 1))

    def start_day(self, received_at: datetime, office_close: time) -> date:
        """The day a thing received at `received_at` counts from (office-hours convention)."""
        day = received_at.date()
        if self.is_working_day(day) and received_at.time() < office_close:
            return day
        return self.next_working_day(day)

    def deadline(self, received_at: datetime, n: int, office_close: time) -> Deadline:
        """'Within n working days' of receipt: close of office hours of the n-th working day."""
        start = self.start_day(received_at, office_close)
        end = self.add_working_days(start, n)
        return Deadline(datetime.combine(end, office_close),
                        self.is_provisional(received_at.date(), end))

    def remind_at(self, due: datetime, days_before: int, office_open: time) -> datetime:
        """Opening of office hours `days_before` working days before the due day."""
        day = self.add_working_days(due.date(), -days_before) if days_before else due.date()
        return datetime.combine(day, office_open)
