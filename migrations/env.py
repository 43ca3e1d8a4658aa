"""Alembic environment: the metadata of every table (models/procedures.py import_tables).

Every pending revision runs in ONE transaction (transaction_per_migration=False): on PostgreSQL a
failed upgrade rolls back whole (transactional DDL); SQLite is protected by a backup (models/core/migrate.py).

Run by models/core/migrate.py (which sets the URL) or by `alembic revision --autogenerate` at the
project root (alembic.ini): then the store is the configured one (CENTER_DATABASE_URL, or
var/center.db), and the new revision is numbered after the head (0005 after 0004) unless --rev-id
names it."""
import re

from alembic import context
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, pool
from sqlmodel import SQLModel

from models.core.db import normalise_url
from models.core.settings import get_settings
from models.procedures import import_tables

import_tables()  # every table's metadata (models/procedures.py)

config = context.config
target_metadata = SQLModel.metadata


def next_number(context, revision, directives) -> None:
    """A new revision's id is the head's number plus one, four digits, unless --rev-id gave one."""
    if getattr(config.cmd_opts, "rev_id", None) is None:
        head = ScriptDirectory.from_config(config).get_current_head()
        number = int(re.match(r"\d+", head).group())
        directives[0].rev_id = f"{number + 1:04d}"


def run_migrations_online() -> None:
    url = config.get_main_option("sqlalchemy.url") or normalise_url(get_settings().effective_database_url)
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=connection.dialect.name == "sqlite",
                          transaction_per_migration=False, process_revision_directives=next_number)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()
