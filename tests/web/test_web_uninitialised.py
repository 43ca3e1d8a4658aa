"""The desk before `center init` (issue 19 §8): a Chinese page saying what to do, never a 500, and
no empty case store left behind."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from models.core import db as store, errors
from models.core.db import session_scope
from models.core.settings import get_settings
from support.databases import postgres_database
from web.web_desk import PASSWORD, desk_app

ISSUE_19_DEFECTS = (8,)  # counted in the reliability summary when these tests pass

pytestmark = pytest.mark.usefixtures("probe")

MESSAGE = "案件库尚未初始化，请先运行 center init"


def _store_file():
    return get_settings().data_dir / "center.db"


def test_logging_in_before_init_says_to_run_center_init_and_creates_nothing():
    client = TestClient(desk_app(), raise_server_exceptions=False)
    page = client.get("/login")
    assert page.status_code == 503 and MESSAGE in page.text
    response = client.post("/login", data={"staff_id": "S0102", "password": PASSWORD, "csrf_token": "x"})
    assert response.status_code == 503 and MESSAGE in response.text
    assert not _store_file().exists()


def test_any_page_before_init_says_the_same():
    response = TestClient(desk_app(), raise_server_exceptions=False).get("/cases/CS-2026-000001")
    assert response.status_code == 503 and MESSAGE in response.text and not _store_file().exists()


def test_the_check_refuses_a_missing_sqlite_store_without_creating_it():
    url = get_settings().effective_database_url
    with pytest.raises(errors.StoreNotInitialised) as refused:
        store.ensure_store_initialised(url)
    assert str(refused.value) == MESSAGE and not _store_file().exists() and not _store_file().parent.exists()


def test_the_check_refuses_an_empty_sqlite_store(tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    with session_scope(url) as session:
        session.connection()  # an empty file: connected once, no tables
    with pytest.raises(errors.StoreNotInitialised):
        store.ensure_store_initialised(url)


def test_the_check_refuses_an_empty_postgresql_store():
    with postgres_database() as url:
        with pytest.raises(errors.StoreNotInitialised):
            store.ensure_store_initialised(url)


def test_the_check_passes_an_initialised_postgresql_store(postgres_db):
    store.ensure_store_initialised(postgres_db)


def test_the_check_passes_an_initialised_store(org):
    store.ensure_store_initialised(get_settings().effective_database_url)
