"""The Alembic migrations build exactly the schema of the models, on SQLite and PostgreSQL; they form
one line (two branches that each added a revision are caught); `alembic revision --autogenerate`
at the project root (alembic.ini) writes the next numbered revision."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

from models.procedures import import_tables
from models.core.db import get_engine
from models.core.migrate import MIGRATIONS, alembic_config, upgrade
from support.databases import postgres_database

import_tables()  # every table's metadata (models/procedures.py)
ROOT = MIGRATIONS.parent


def _differences(url: str) -> list:
    upgrade(url)
    with get_engine(url).connect() as connection:
        return compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)


def test_migrations_match_the_models_on_sqlite(tmp_path):
    assert _differences(f"sqlite:///{tmp_path / 'm.db'}") == []


def test_migrations_match_the_models_on_postgres():
    with postgres_database() as url:
        assert _differences(url) == []


def line_problems(scripts: Path) -> list[str]:
    """Why the revisions of `scripts` are not one line: several heads, or one id in two files (Alembic
    keeps one of them and silently ignores the other)."""
    files = sorted(p.name for p in (scripts / "versions").glob("*.py"))
    directory = ScriptDirectory.from_config(alembic_config("sqlite://", scripts))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Revision … is present more than once": counted below
        ids = [script.revision for script in directory.walk_revisions()]
    problems = []
    if len(ids) != len(files):
        problems.append(f"{len(files)} revision files but {len(ids)} revision ids: two files declare the same "
                        f"revision (renumber the later one after the other)")
    heads = directory.get_heads()
    if len(heads) != 1:
        problems.append(f"several heads {sorted(heads)}: two branches each added a revision (make the later one's "
                        f"down_revision the other's id, and renumber it)")
    return problems


def test_the_revisions_form_one_line():
    assert line_problems(MIGRATIONS) == []


BRANCH_REVISION = '''"""{message} (test only)"""
from alembic import op
import sqlalchemy as sa

revision = {revision!r}
down_revision = {head!r}


def upgrade() -> None:
    op.create_table({table!r}, sa.Column("id", sa.Integer(), primary_key=True))
'''


@pytest.mark.parametrize("steps, problem", [((1, 1), "two files declare the same revision"),
                                            ((1, 2), "several heads")])
def test_two_branches_each_adding_a_revision_are_caught(tmp_path, steps, problem):
    """Both branches number theirs after today's head: the same number twice, or two numbers on one parent."""
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (head,) = ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads()
    ids = [f"{int(head) + step:04d}" for step in steps]
    for branch, revision in zip(("leave_note", "complaint_note"), ids):
        (scripts / "versions" / f"{revision}_{branch}.py").write_text(BRANCH_REVISION.format(
            message=f"a branch's revision: {branch}", revision=revision, head=head, table=branch), encoding="utf-8")
    assert [p for p in line_problems(scripts) if problem in p]


def test_alembic_revision_at_the_root_writes_the_next_numbered_revision(tmp_path):
    """The documented command (alembic.ini; docs/adding-a-procedure.md) against a store at head and a
    copy of the migrations: the models match, so the revision it writes changes nothing."""
    shutil.copytree(MIGRATIONS, tmp_path / "migrations", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "alembic.ini", tmp_path / "alembic.ini")
    store = upgrade(f"sqlite:///{tmp_path / 'store' / 'center.db'}")
    (head,) = ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads()
    done = subprocess.run([sys.executable, "-m", "alembic", "-c", str(tmp_path / "alembic.ini"), "revision",
                           "--autogenerate", "-m", "a new column"], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "CENTER_DATABASE_URL": store})
    assert done.returncode == 0, done.stderr
    number = f"{int(head) + 1:04d}"
    written = (tmp_path / "migrations" / "versions" / f"{number}_a_new_column.py").read_text(encoding="utf-8")
    assert f"revision = '{number}'" in written and f"down_revision = '{head}'" in written
    assert "op." not in written.split("def upgrade() -> None:")[1].split("def downgrade")[0]
    assert line_problems(tmp_path / "migrations") == []
