"""Applying the Alembic migrations (`center init`, tests, the demo)."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from models.db import get_engine, normalise_url
from models.settings import get_settings

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return config


def upgrade(url: str | None = None) -> str:
    url = url or get_settings().effective_database_url
    get_engine(url)  # creates the SQLite folder
    command.upgrade(alembic_config(url), "heads")
    return url
