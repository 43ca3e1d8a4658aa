"""The Alembic migrations build exactly the schema of the models, on SQLite and PostgreSQL."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from models.procedures import import_tables
from models.core.db import get_engine
from models.core.migrate import upgrade
from support.databases import postgres_database

import_tables()  # every table's metadata (models/procedures.py)


def _differences(url: str) -> list:
    upgrade(url)
    with get_engine(url).connect() as connection:
        return compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)


def test_migrations_match_the_models_on_sqlite(tmp_path):
    assert _differences(f"sqlite:///{tmp_path / 'm.db'}") == []


def test_migrations_match_the_models_on_postgres():
    with postgres_database() as url:
        assert _differences(url) == []
