"""Cross-check of chinesecalendar (our base data) against the `holidays` package, 2020–2026.

The two agree on every working day of these years except where `holidays` does not model
make-up working days (调休上班: it lists days off only). We therefore compare days OFF on weekdays:
a weekday that is a statutory day off in one source must be one in the other.
"""
from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import holidays


def test_weekday_days_off_agree_2020_to_2026():
    cn = holidays.China(years=range(2020, 2027))
    differences = []
    day = date(2020, 1, 1)
    while day <= date(2026, 12, 31):
        if day.isoweekday() <= 5:
            ours_off = not chinese_calendar.is_workday(day)
            theirs_off = day in cn
            if ours_off != theirs_off:
                differences.append(day)
        day += timedelta(days=1)
    assert differences == []
