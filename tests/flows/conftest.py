"""Flows run against a real Prefect API: one test harness for the whole session (~13 s)."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session", autouse=True)
def prefect_api():
    from prefect.testing.utilities import prefect_test_harness

    from flows.prefect_runtime import disable_flow_heartbeats

    # Under pytest `flows` resolves to the namespace tests/flows, so flows/__init__.py never runs.
    disable_flow_heartbeats()
    with prefect_test_harness(server_startup_timeout=120):
        yield
