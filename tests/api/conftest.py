"""The source systems' API over the sample organisation: a key per system, the desk's application
(the API is mounted in it), flows against the session's Prefect API."""
from __future__ import annotations

from datetime import datetime

import pytest
from fastapi.testclient import TestClient

from api.payloads import issue
from web.web_desk import desk_app


@pytest.fixture(scope="session", autouse=True)
def _api_uses_prefect(prefect_api):
    yield prefect_api


@pytest.fixture
def keys(org) -> dict[str, str]:
    """The token of one key per source system, with the default scopes."""
    return {system: issue(system) for system in ("12345", "rating")}


@pytest.fixture
def api(org) -> TestClient:
    return TestClient(desk_app())


@pytest.fixture
def matter(org) -> str:
    """A matter served at W01 (the window follows from it)."""
    from models.core.db import session_scope
    from models.matter.tables import Matter
    from models.matter.inputs import MatterKind, MatterStatus

    with session_scope() as session:
        session.add(Matter(code="QP-RSJ-001", name="失业登记", department_id="rsj", window_id="W01",
                           kind=MatterKind.immediate, status=MatterStatus.active, updated_at=datetime(2026, 1, 5)))
    return "QP-RSJ-001"
