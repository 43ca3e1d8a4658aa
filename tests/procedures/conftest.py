"""Flows run against a real Prefect API: the session's one test harness (tests/conftest.py)."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session", autouse=True)
def _flows_use_prefect(prefect_api):
    yield prefect_api
