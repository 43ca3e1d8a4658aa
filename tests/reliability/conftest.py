"""The reliability suite's end-of-run summary (counters in summary.py)."""
from __future__ import annotations

from pathlib import Path

from reliability import summary

OUTPUT = Path(__file__).resolve().parents[2] / "test-output" / "reliability-summary.json"


def pytest_sessionfinish(session):
    """Write the figures; a lost message fails the run even if every test passed."""
    summary.write(OUTPUT)
    if summary.counts()["messages_lost"] and session.exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter):
    terminalreporter.section("reliability summary")
    for line in summary.lines():
        terminalreporter.write_line(line)
    terminalreporter.write_line(f"(written to {OUTPUT.relative_to(OUTPUT.parents[1])})")
