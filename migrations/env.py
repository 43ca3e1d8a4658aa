"""Alembic environment: the metadata of every table (models/procedures.py import_tables).

Every pending revision runs in ONE transaction (transaction_per_migration=False): on PostgreSQL a
failed upgrade rolls back whole (transactional DDL); SQLite is protected by a backup (models/core/migrate.py)."""
from alembic import context
from sqlalchemy import engine_from_config, pool
from sqlmodel import SQLModel

from models.procedures import import_tables

import_tables()  # every table's metadata (models/procedures.py)

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    engine = engine_from_config(config.get_section(config.config_ini_section, {}),
                                prefix="sqlalchemy.", poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=connection.dialect.name == "sqlite",
                          transaction_per_migration=False)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()
