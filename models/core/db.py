"""Engines and sessions for the case store (SQLite by default, PostgreSQL at scale)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

from models.core.errors import StoreNotInitialised
from models.core.settings import get_settings


def normalise_url(url: str) -> str:
    """Plain postgresql:// URLs use psycopg 3 (the driver we install)."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def get_engine(url: str | None = None) -> Engine:
    """The engine for `url`, or for the configured case store; one per URL per process."""
    return _engine(normalise_url(url or get_settings().effective_database_url))


@lru_cache(maxsize=16)
def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # Transactions are begun by _sqlite_begin (BEGIN IMMEDIATE): a writer takes the lock up
    # front and waits for it (busy_timeout) instead of failing on a read→write upgrade.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_begin(connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


_initialised: set[str] = set()
CORE_TABLE = "case"  # created by the first migration; every store that was initialised has it


def ensure_store_initialised(url: str | None = None) -> None:
    """Raise StoreNotInitialised unless `center init` has created the store's tables. Creates
    nothing: a missing SQLite file (or its folder) is not made by asking. An initialised store stays
    initialised, so the answer is remembered per URL and the check costs nothing afterwards."""
    url = normalise_url(url or get_settings().effective_database_url)
    if url in _initialised:
        return
    if url.startswith("sqlite"):
        database = make_url(url).database
        if database and database != ":memory:" and not Path(database).is_file():
            raise StoreNotInitialised()
    with get_engine(url).connect() as connection:
        present = inspect(connection).has_table(CORE_TABLE)
    if not present:
        raise StoreNotInitialised()
    _initialised.add(url)


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """One transaction: committed on success, rolled back on any error."""
    with Session(get_engine(url), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def dialect_insert(dialect: str):
    """The `insert` construct of `dialect` ("sqlite" or "postgresql"), for INSERT … ON CONFLICT. Imported
    here, on use: a read-only command need not load a dialect it does not use."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert
