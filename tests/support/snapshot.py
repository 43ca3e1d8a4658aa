"""Row counts and a content hash of the whole case store: to prove that a refusal wrote nothing."""
from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlmodel import SQLModel

from models.procedures import import_tables
from models.core.db import session_scope

import_tables()  # every table's metadata (models/procedures.py)


def snapshot() -> tuple[dict[str, int], str]:
    digest = hashlib.sha256()
    counts = {}
    with session_scope() as session:
        for name, table in sorted(SQLModel.metadata.tables.items()):
            rows = session.execute(select(table)).all()
            counts[name] = len(rows)
            for row in sorted(repr(tuple(r)) for r in rows):
                digest.update(row.encode())
    return counts, digest.hexdigest()
