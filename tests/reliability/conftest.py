"""The reliability suite's end-of-run summary (counters in summary.py) and its Prefect API."""
from __future__ import annotations

from pathlib import Path

import pytest

from reliability import summary

OUTPUT = Path(__file__).resolve().parents[2] / "test-output" / "reliability-summary.json"


@pytest.fixture(scope="session")
def prefect_api():
    """A real Prefect API for the tests that run flows: the harness of tests/flows, started once
    and only when a test asks for it."""
    from prefect.testing.utilities import prefect_test_harness

    from flows.prefect_runtime import disable_flow_heartbeats

    disable_flow_heartbeats()
    with prefect_test_harness(server_startup_timeout=120):
        yield


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


@pytest.fixture(scope="session")
def prefect_api():
    """A real Prefect API for the tests that run flows (as tests/flows/conftest.py, on request);
    yields its URL for subprocesses."""
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    from flows.prefect_runtime import disable_flow_heartbeats

    disable_flow_heartbeats()
    with prefect_test_harness(server_startup_timeout=120):
        yield PREFECT_API_URL.value()
