"""Schema upgrades keep a live store (issue 19, Schema upgrades): the demo's store at revision 0001
upgrades to head with every row of every table intact, and a failed upgrade leaves the store as it
was (PostgreSQL: one transaction; SQLite: the backup taken first), on SQLite and PostgreSQL."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from models.core.migrate import MIGRATIONS, UpgradeFailed, alembic_config, upgrade
from reliability.summary import record
from support.databases import postgres_database
from support.store_0001 import load_store_0001, schema, store_rows


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'center.db'}"
    else:
        with postgres_database() as url:
            yield url


def _populated_0001(url: str) -> dict[str, dict]:
    upgrade(url, revision="0001")
    load_store_0001(url)
    before = store_rows(url)
    assert all(table["rows"] for table in before.values()), "the fixture covers every table of revision 0001"
    return before


def test_demo_store_at_0001_upgrades_to_head_with_every_row_intact(store_url):
    before = _populated_0001(store_url)
    upgrade(store_url)
    after = store_rows(store_url, {name: table["columns"] for name, table in before.items()})
    assert {n: len(t["rows"]) for n, t in after.items()} == {n: len(t["rows"]) for n, t in before.items()}
    assert after == before
    record("upgrades")


ADDING_REVISION = '''"""A later revision of the usual kind (test only): a column with a data migration, a table, an index."""
from alembic import op
import sqlalchemy as sa

revision = "9998"
down_revision = {head!r}


def upgrade() -> None:
    with op.batch_alter_table("case") as batch:
        batch.add_column(sa.Column("probe_note", sa.String(length=40), nullable=False, server_default=""))
    op.execute("UPDATE \\"case\\" SET probe_note = 'upgraded'")
    op.create_table("upgradeprobe", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("case_ref", sa.String(length=40), sa.ForeignKey("case.ref")))
    op.create_index("ix_workitem_probe", "workitem", ["case_ref", "step"])
'''


def test_the_demo_store_upgrades_through_a_later_revision_with_every_row_intact(store_url, tmp_path):
    before = _populated_0001(store_url)
    scripts = _scripts_with(tmp_path, "9998_adds.py", ADDING_REVISION)
    upgrade(store_url, script_location=scripts)
    after = store_rows(store_url, {name: table["columns"] for name, table in before.items()})
    assert after == before
    notes = store_rows(store_url, {"case": ["probe_note"]})["case"]["rows"]
    assert notes == [("upgraded",)] * len(before["case"]["rows"])
    record("upgrades")


FAILING_REVISION = '''"""A revision that fails halfway (test only)."""
from alembic import op
import sqlalchemy as sa

revision = "9999"
down_revision = {head!r}


def upgrade() -> None:
    op.create_table("upgradeprobe", sa.Column("id", sa.Integer(), primary_key=True))
    op.add_column("auditevent", sa.Column("probe", sa.Integer(), nullable=True))
    op.execute("UPDATE refcounter SET value = value + 1000")
    op.execute("SELECT no_such_column FROM no_such_table")
'''


def _scripts_with(folder: Path, name: str, revision: str) -> Path:
    """The project's migrations plus one more revision after the head (a temporary script location)."""
    scripts = folder / "migrations"
    shutil.copytree(MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (head,) = ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads()
    (scripts / "versions" / name).write_text(revision.format(head=head), encoding="utf-8")
    return scripts


def test_a_failed_upgrade_leaves_the_store_as_it_was(store_url, tmp_path):
    _populated_0001(store_url)
    upgrade(store_url)
    shape, rows = schema(store_url), store_rows(store_url)
    version = store_rows(store_url, {"alembic_version": ["version_num"]})
    with pytest.raises(UpgradeFailed, match="已恢复到升级前的状态"):
        upgrade(store_url, script_location=_scripts_with(tmp_path, "9999_fails.py", FAILING_REVISION))
    assert schema(store_url) == shape
    assert store_rows(store_url) == rows
    assert store_rows(store_url, {"alembic_version": ["version_num"]}) == version
    upgrade(store_url)  # the store still works with the real scripts: already at head, nothing to do
    assert store_rows(store_url) == rows
    record("faults")
