"""Applying the Alembic migrations (`center init`, tests, the demo).

`migrations/versions/0001_initial_schema.py` is frozen: every schema change is a new revision, and
`center init` upgrades a store in use to the head. A failed upgrade leaves the store as it was: on
PostgreSQL every pending revision runs in one transaction (transactional DDL, migrations/env.py); on
SQLite, whose DDL the driver commits as it goes, the store is first copied with the online backup
API next to itself (`<store>.before-upgrade`) and copied back if the upgrade fails.
"""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url

from models.core.db import get_engine, normalise_url
from models.core.errors import CenterError
from models.core.settings import get_settings

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


class UpgradeFailed(CenterError):
    """The schema upgrade failed; the store was left (or put back) as it was before."""


def alembic_config(url: str, script_location: Path = MIGRATIONS) -> Config:
    config = Config()
    config.set_main_option("script_location", str(script_location))
    config.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return config


def pending(url: str, config: Config) -> bool:
    """Whether the store lacks a revision of the scripts' heads."""
    with get_engine(url).connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    return current != set(ScriptDirectory.from_config(config).get_heads())


def upgrade(url: str | None = None, *, revision: str = "heads", script_location: Path = MIGRATIONS) -> str:
    """Create the store or upgrade it to `revision`; returns its URL. Raises UpgradeFailed (store unchanged)."""
    url = url or get_settings().effective_database_url
    config = alembic_config(url, script_location)
    database = make_url(normalise_url(url)).database
    backup = None
    if url.startswith("sqlite") and database and Path(database).is_file() and pending(url, config):
        from models.core.backup import sqlite_copy

        backup = Path(f"{database}.before-upgrade")
        sqlite_copy(database, backup)
    get_engine(url)  # creates the SQLite folder
    try:
        command.upgrade(config, revision)
    except Exception as error:
        if backup is not None:
            get_engine(url).dispose()
            sqlite_copy(backup, database)
        raise UpgradeFailed(f"案件库升级失败，已恢复到升级前的状态：{type(error).__name__}: {error}") from error
    return url
