"""The pure statistics: periods, the on-time rate, the published table."""
from __future__ import annotations

from datetime import datetime

import pytest

from models.core.errors import InvalidInput
from models.complaint.rules import ComplaintChannel, ComplaintVerdict
from models.complaint.stats import StatRow, markdown, period_bounds, periods_due, summarize

AS_OF = datetime(2026, 11, 1, 9)


def row(channel=ComplaintChannel.phone, window="W01", verdict=ComplaintVerdict.substantiated, stars=None,
        due=datetime(2026, 10, 15, 17), answered=datetime(2026, 10, 14, 10)):
    return StatRow(channel=channel, window_id=window, verdict=verdict, stars=stars, due_at=due,
                   answered_at=answered, closed=answered is not None)


def test_a_month_runs_to_the_first_of_the_next_and_december_into_the_next_year():
    assert period_bounds("2026-12", None) == ("2026-12", datetime(2026, 12, 1), datetime(2027, 1, 1))


def test_a_year_is_its_twelve_months():
    assert period_bounds(None, 2026)[1:] == (datetime(2026, 1, 1), datetime(2027, 1, 1))


@pytest.mark.parametrize(("month", "year"), [("2026-13", None), ("10/2026", None), (None, None), ("2026-10", 2026)])
def test_a_bad_or_ambiguous_period_is_refused(month, year):
    with pytest.raises(InvalidInput):
        period_bounds(month, year)


def test_the_monthly_run_publishes_last_month():
    assert periods_due(datetime(2026, 11, 1, 9)) == [("2026-10", None)]


def test_the_january_run_also_publishes_last_year():
    assert periods_due(datetime(2027, 1, 1, 9)) == [("2026-12", None), (None, 2026)]


def test_open_cases_not_yet_due_do_not_lower_the_on_time_rate():
    stats = summarize([row(), row(answered=None, verdict=None, due=datetime(2026, 11, 3, 17))],
                      period="2026-10", as_of=AS_OF)
    assert (stats.on_time_rate, stats.by_verdict) == (1.0, {"substantiated": 1, "pending": 1})


def test_open_cases_past_due_count_as_late():
    stats = summarize([row(), row(answered=None, verdict=None)], period="2026-10", as_of=AS_OF)
    assert (stats.late, stats.on_time_rate) == (1, 0.5)


def test_an_empty_month_has_no_rate_and_still_publishes_a_table():
    stats = summarize([], period="2026-10", as_of=AS_OF)
    assert stats.on_time_rate is None and "按期办结率 —" in markdown(stats, {})


def test_stars_are_counted_for_ratings_only():
    stats = summarize([row(ComplaintChannel.rating, stars=1), row(ComplaintChannel.rating, stars=2), row(stars=None)],
                      period="2026-10", as_of=AS_OF)
    assert stats.by_stars == {1: 1, 2: 1}
