"""Benchmark: 1,000,000 `add_working_days` calls on 2020–2026 dates with offsets 0–30, against a
day-by-day loop over `chinese_calendar.is_workday` on the same inputs, in the same run.

Target (issue: foundations): ≤ 2 µs per call and ≥ 200× faster than the loop.
Prints JSON lines: the figures, then the headline ratio.
"""
from __future__ import annotations

import json
import random
import statistics
import time
from datetime import date, timedelta

import chinese_calendar

from models.core.calendar import base_years
from models.rules.workdays import WorkdayCalendar

CALLS = 1_000_000
LOOP_SAMPLE = 20_000  # the loop is ~1000× slower: time a sample of the same inputs
REPEATS = 5


def inputs(n: int, seed: int = 7) -> list[tuple[date, int]]:
    rng = random.Random(seed)
    start, span = date(2020, 1, 1), (date(2026, 11, 15) - date(2020, 1, 1)).days  # +30 working days stays in 2026
    return [(start + timedelta(days=rng.randrange(span)), rng.randrange(31)) for _ in range(n)]


def loop_add(day: date, n: int) -> date:
    while n:
        day += timedelta(days=1)
        if chinese_calendar.is_workday(day):
            n -= 1
    return day


def main() -> None:
    calendar = WorkdayCalendar(days_off=set(chinese_calendar.constants.holidays),
                               makeup_workdays=set(chinese_calendar.constants.workdays),
                               covered_years=base_years())
    data = inputs(CALLS)
    add = calendar.add_working_days
    indexed = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        for day, n in data:
            add(day, n)
        indexed.append((time.perf_counter() - t0) / CALLS * 1e6)
    sample = data[:LOOP_SAMPLE]
    loop = []
    for _ in range(3):
        t0 = time.perf_counter()
        for day, n in sample:
            loop_add(day, n)
        loop.append((time.perf_counter() - t0) / LOOP_SAMPLE * 1e6)
    assert all(add(d, n) == loop_add(d, n) for d, n in sample[:2000])
    us, loop_us = statistics.median(indexed), statistics.median(loop)
    print(json.dumps({"bench": "calendar.add_working_days", "calls": CALLS, "us_per_call": round(us, 3),
                      "repeats": REPEATS, "target_us": 2.0}))
    print(json.dumps({"bench": "calendar.day_by_day_loop", "calls": LOOP_SAMPLE, "us_per_call": round(loop_us, 2)}))
    print(json.dumps({"bench": "calendar", "headline": "speed-up over the day-by-day loop",
                      "ratio": round(loop_us / us, 1), "target_ratio": 200,
                      "met": us <= 2.0 and loop_us / us >= 200}))


if __name__ == "__main__":
    main()
