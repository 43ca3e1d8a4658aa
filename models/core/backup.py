"""Backing up and restoring the case store while it is in use (issue 10 §7).

SQLite: the online backup API (`sqlite3.Connection.backup`) copies a consistent snapshot in one
step while other connections keep writing (WAL); restoring copies the file back the same way,
under the store's write lock. PostgreSQL: `pg_dump --format=custom` (one snapshot) and
`pg_restore --clean --single-transaction`. The attachments and documents under the data folder are
plain files kept by their hash: copy that folder with the usual tools.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from sqlalchemy.engine import make_url

from models.core.db import get_engine, normalise_url
from models.core.errors import InvalidInput
from models.core.settings import get_settings

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


def _store(url: str | None) -> tuple[str, object]:
    parsed = make_url(normalise_url(url or get_settings().effective_database_url))
    return parsed.get_backend_name(), parsed


def _libpq_url(parsed) -> str:
    return parsed.set(drivername="postgresql").render_as_string(hide_password=False)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise InvalidInput(field="备份工具", message=f"找不到 {name}：请安装 PostgreSQL 客户端（postgresql-client）")
    return path


def _run(argv: list[str], what: str) -> None:
    done = subprocess.run(argv, capture_output=True, text=True)
    if done.returncode != 0:
        raise InvalidInput(field="备份文件", message=f"{what}失败：{done.stderr.strip()[-500:]}")


def sqlite_copy(source: str | Path, target: str | Path) -> None:
    with closing(sqlite3.connect(source, timeout=30)) as src, closing(sqlite3.connect(target, timeout=30)) as dst:
        src.backup(dst)  # one step: a consistent snapshot however busy the source is


def _check_sqlite(path: Path) -> None:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        result = db.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        raise InvalidInput(field="备份文件", message=f"{path} 已损坏（SQLite 完整性检查：{result}）")


def backup(*, target: Path, url: str | None = None) -> str:
    """Write a consistent copy of the case store to `target`; returns the store's kind."""
    kind, parsed = _store(url)
    if target.exists() and target.is_dir():
        raise InvalidInput(field="备份文件", message=f"{target} 是一个文件夹，请给出文件名")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    if kind == "sqlite":
        sqlite_copy(parsed.database, partial)
        _check_sqlite(partial)
    elif kind == "postgresql":
        _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={partial}",
              f"--dbname={_libpq_url(parsed)}"], "pg_dump 备份")
    else:
        raise InvalidInput(field="案件库", message=f"不支持备份 {kind} 数据库")
    os.replace(partial, target)  # the backup file appears whole or not at all
    return kind


def restore(*, source: Path, url: str | None = None) -> str:
    """Replace the case store's content with the backup `source`; returns the store's kind."""
    kind, parsed = _store(url)
    if not source.is_file():
        raise InvalidInput(field="备份文件", message=f"文件 {source} 不存在")
    with open(source, "rb") as file:
        head = file.read(len(SQLITE_MAGIC))
    expected = {"sqlite": SQLITE_MAGIC, "postgresql": PG_MAGIC}.get(kind)
    if expected is None:
        raise InvalidInput(field="案件库", message=f"不支持恢复 {kind} 数据库")
    if not head.startswith(expected):
        label = {"sqlite": "SQLite 备份（center backup 在 SQLite 案件库上生成）",
                 "postgresql": "PostgreSQL 备份（center backup 用 pg_dump 生成）"}[kind]
        raise InvalidInput(field="备份文件", message=f"{source} 不是当前案件库可用的{label}")
    get_engine(url).dispose()  # no pooled connection of this process holds the old content
    if kind == "sqlite":
        _check_sqlite(source)
        sqlite_copy(source, parsed.database)
    else:
        _run([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
              "--single-transaction", f"--dbname={_libpq_url(parsed)}", str(source)], "pg_restore 恢复")
    return kind
