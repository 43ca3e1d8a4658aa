"""Fresh case stores for tests: an SQLite file, or a PostgreSQL database created and dropped."""
from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from functools import lru_cache

import psycopg
import pytest
from sqlalchemy import text

from models.core.db import get_engine, normalise_url
from sqlmodel import SQLModel
from models.core.settings import get_settings

PG_URL = os.environ.get("CENTER_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def postgres_available() -> bool:
    try:
        psycopg.connect(PG_URL, connect_timeout=3).close()
        return True
    except psycopg.OperationalError:
        return False


def require_postgres() -> None:
    if postgres_available():
        return
    if os.environ.get("CENTER_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL at {PG_URL} is required (CENTER_REQUIRE_POSTGRES=1) but unreachable")
    pytest.skip(f"PostgreSQL at {PG_URL} is not reachable")


@contextmanager
def postgres_database():
    require_postgres()
    name = f"center_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = PG_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield url
    finally:
        get_engine(url).dispose()
        with psycopg.connect(PG_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def use_database(monkeypatch, url: str) -> str:
    """Point the application at `url` and create every table of the models (the migrations
    are checked against the same models by tests/db/test_migrations.py)."""
    from models.procedures import import_tables

    import_tables()

    monkeypatch.setenv("CENTER_DATABASE_URL", url)
    get_settings.cache_clear()
    SQLModel.metadata.create_all(get_engine(url))
    stamp_heads(url)
    return normalise_url(url)


@lru_cache(maxsize=1)
def _heads() -> tuple[str, ...]:
    from alembic.script import ScriptDirectory

    from models.core.migrate import alembic_config

    return tuple(ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads())


def stamp_heads(url: str) -> None:
    """Mark a store whose tables were created from the models as being at the migrations' head, as
    `center init` leaves it (so `models.core.migrate.upgrade` finds nothing to do on it)."""
    with get_engine(url).begin() as connection:
        connection.execute(text("CREATE TABLE IF NOT EXISTS alembic_version "
                                "(version_num VARCHAR(32) NOT NULL PRIMARY KEY)"))
        present = set(connection.execute(text("SELECT version_num FROM alembic_version")).scalars())
        for head in set(_heads()) - present:
            connection.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": head})
