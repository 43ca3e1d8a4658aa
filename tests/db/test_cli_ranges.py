"""Numbers and dates outside what the system can hold are refused in Chinese, exit 2, nothing
written (issue 19, defect 7): negative working days without `--`, the calendar's range, year 1,
row ids beyond the store's integers."""
from __future__ import annotations

import pytest

from support.cli import run_cli
from support.snapshot import snapshot

ISSUE_19_DEFECTS = (7,)  # counted in the reliability summary when these tests pass

pytestmark = pytest.mark.usefixtures("org")


def test_a_negative_number_of_working_days_needs_no_double_dash(capsys):
    result = run_cli(capsys, "calendar", "add", "2026-10-08", "-1")
    assert (result.code, result.out.strip()) == (0, "2026-09-30")  # 10-01…10-08 are off (国庆、中秋)


@pytest.mark.parametrize("args", [("2026-10-08", "--", "-100000"), ("2026-10-08", "-100000"),
                                  ("2026-10-08", "100000"), ("0001-01-01", "1"), ("9999-12-31", "-1"),
                                  ("0001-01-01", "-1")])
def test_working_days_outside_the_calendar_are_refused_not_clamped(args, capsys):
    result = run_cli(capsys, "calendar", "add", *args)
    assert result.code == 2, result
    assert "超出工作日历范围" in result.err and "Traceback" not in result.err
    assert "2004-01-01" not in result.out


def test_importing_a_calendar_for_year_1_is_refused(capsys, tmp_path):
    arrangement = tmp_path / "calendar-0001.yaml"
    arrangement.write_text("days_off:\n  - {day: 0001-01-01, name: 元旦}\n", encoding="utf-8")
    before = snapshot()
    result = run_cli(capsys, "calendar", "import", str(arrangement), "--as", "G001")
    assert result.code == 2 and "年份 1 超出工作日历范围" in result.err
    assert snapshot() == before


@pytest.mark.parametrize("args", [("decide", "99999999999999999999", "--approve", "--as", "G001"),
                                  ("decide", "0", "--approve", "--as", "G001"),
                                  ("outbox", "resend", "99999999999999999999", "--as", "G001"),
                                  ("assessment", "show", "99999999999999999999"),
                                  ("ledger", "--year", "99999999999999999999")])
def test_numbers_beyond_the_store_are_refused_by_name(args, capsys):
    before = snapshot()
    result = run_cli(capsys, *args)
    assert result.code == 2, result
    assert "须在" in result.err and "之间" in result.err
    assert snapshot() == before
