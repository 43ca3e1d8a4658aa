"""The demo's case store at schema revision 0001 (tests/fixtures/store-0001.sql), loaded into a
store on SQLite or PostgreSQL, and every row of a store read back table by table."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import psycopg
from sqlalchemy import MetaData, inspect, select
from sqlalchemy.engine import make_url

from models.core.db import get_engine, normalise_url

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "store-0001.sql"


def load_store_0001(url: str) -> None:
    """Insert the fixture's rows into `url`, a store already upgraded to revision 0001."""
    script = FIXTURE.read_text(encoding="utf-8")
    parsed = make_url(normalise_url(url))
    get_engine(url).dispose()
    if parsed.get_backend_name() == "sqlite":
        with closing(sqlite3.connect(parsed.database)) as db:
            db.execute("PRAGMA foreign_keys=ON")
            db.executescript("BEGIN;\n" + script + "COMMIT;\n")
        return
    with psycopg.connect(parsed.set(drivername="postgresql").render_as_string(hide_password=False)) as db:
        db.execute(script)  # no parameters: the simple protocol runs every statement, in one transaction
        for (table,) in db.execute("SELECT table_name FROM information_schema.columns WHERE column_name = 'id' "
                                   "AND column_default LIKE 'nextval%%'").fetchall():
            db.execute(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                       f"coalesce((SELECT max(id) FROM \"{table}\"), 0) + 1, false)")


def store_rows(url: str, columns_of: dict[str, list[str]] | None = None) -> dict[str, dict]:
    """{table: {"columns": [...], "rows": sorted rows}} for every table (or those of `columns_of`,
    reading only the columns it names): what an upgrade must keep."""
    engine = get_engine(url)
    metadata = MetaData()
    metadata.reflect(engine)
    names = sorted(columns_of) if columns_of else sorted(t for t in metadata.tables if t != "alembic_version")
    result = {}
    with engine.connect() as connection:
        for name in names:
            table = metadata.tables[name]
            columns = columns_of[name] if columns_of else [c.name for c in table.columns]
            rows = connection.execute(select(*(table.c[c] for c in columns))).all()
            result[name] = {"columns": columns, "rows": sorted((tuple(r) for r in rows), key=repr)}
    return result


def schema(url: str) -> dict[str, list[str]]:
    """Table → column names: the shape of a store."""
    inspector = inspect(get_engine(url))
    return {t: [c["name"] for c in inspector.get_columns(t)] for t in sorted(inspector.get_table_names())}
