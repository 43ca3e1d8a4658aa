"""A flow process killed with SIGKILL at each step of a procedure (issue 10 §3): a leave request
through both signatures and the registration, as flows in a subprocess (kill_driver.py), killed
just before each of its write transactions commits, one after the other; the last run converges
to exactly the state of an uninterrupted run — no duplicate rows, documents, files or messages —
and its messages are then delivered once each. On SQLite and on PostgreSQL."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlmodel import SQLModel

from models.procedures import import_tables
from models.core.cases import AuditEvent, Case, WorkItem
from models.core.db import get_engine, session_scope
from models.core.documents import Document
from models.core.org_import import import_org
from models.core.outbox import OutboxMessage
from reliability.delivery import check_exactly_once, mark
from reliability.summary import record
from support.databases import postgres_database, use_database
from tasks.core.delivery import deliver_due

import_tables()  # every table's metadata (models/procedures.py)

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("kill_driver.py")
ITEM_ID = re.compile(r"(待办|center decide )(\d+)")


class Store:
    """A case store and data folder of its own, with the sample organisation."""

    def __init__(self, url: str, folder: Path, proof: Path):
        self.url, self.data, self.proof = url, folder / "data", proof
        SQLModel.metadata.create_all(get_engine(self.url))
        with session_scope(self.url) as session:
            import_org(session=session, path=ROOT / "examples" / "org.yaml")

    def run(self, api_url: str, kill_at: int | None = None) -> subprocess.CompletedProcess:
        env = {**os.environ, "CENTER_DATABASE_URL": self.url, "CENTER_DATA_DIR": str(self.data),
               "PREFECT_API_URL": api_url, "PROOF": str(self.proof)}
        env.pop("KILL_AT", None)
        if kill_at is not None:
            env["KILL_AT"] = str(kill_at)
        return subprocess.run([sys.executable, str(DRIVER)], env=env, cwd=ROOT, capture_output=True,
                              text=True, timeout=300)

    def state(self) -> dict:
        """Everything that must not be duplicated, without ids and clock times."""
        with session_scope(self.url) as session:
            def rows(*columns):
                return sorted(tuple(map(str, row)) for row in session.execute(select(*columns)).all())

            counts = {name: len(session.execute(select(table)).all())
                      for name, table in SQLModel.metadata.tables.items()}
            documents = rows(Document.key, Document.path, Document.sha256)
            item_keys = dict(session.execute(select(WorkItem.id, WorkItem.key)).all())
            return {
                "counts": counts,
                "cases": rows(Case.ref, Case.status, Case.due_at),
                "items": rows(WorkItem.key, WorkItem.status, WorkItem.decided_by),
                "audit": rows(AuditEvent.case_ref, AuditEvent.actor, AuditEvent.action,
                              AuditEvent.from_status, AuditEvent.to_status),
                "documents": documents,
                "messages": [(key, address, _by_key(body, item_keys)) for key, address, body
                             in rows(OutboxMessage.key, OutboxMessage.address, OutboxMessage.body)],
                "files": sorted(str(p.relative_to(self.data)) for p in self.data.rglob("*") if p.is_file()),
                "files_listed": sorted(path for _, path, _ in documents),
            }


def _by_key(body: str, item_keys: dict[int, str]) -> str:
    """A message names its work item by id; PostgreSQL's sequences keep the ids a killed
    transaction drew, so compare by the item's key (an unknown id fails the test here)."""
    return ITEM_ID.sub(lambda m: m.group(1) + item_keys[int(m.group(2))], body)


def _differences(got: dict, wanted: dict) -> dict:
    """Per part of the state: what is extra and what is missing (empty when they agree)."""
    out = {}
    for part, rows in wanted.items():
        if got[part] != rows:
            if isinstance(rows, dict):
                out[part] = {k: (got[part].get(k), v) for k, v in rows.items() if got[part].get(k) != v}
            else:
                out[part] = {"extra": sorted(set(got[part]) - set(rows)),
                             "missing": sorted(set(rows) - set(got[part])),
                             "lengths": (len(got[part]), len(rows))}
    return out


@pytest.fixture(params=["sqlite", "postgres"])
def stores(request, tmp_path) -> Iterator[tuple[Store, Store]]:
    """Two fresh stores of the same kind: one for the uninterrupted run, one for the killed runs."""
    proof = tmp_path / "hospital.pdf"
    proof.write_bytes(b"%PDF hospital proof")
    with ExitStack() as stack:
        urls = [f"sqlite:///{tmp_path / name}.db" if request.param == "sqlite"
                else stack.enter_context(postgres_database()) for name in ("reference", "crashed")]
        yield tuple(Store(url, tmp_path / name, proof) for url, name in zip(urls, ("reference", "crashed")))


def test_a_leave_flow_killed_before_each_commit_converges_to_the_uninterrupted_result(
        prefect_api, stores, monkeypatch, channels):
    reference, crashed = stores
    clean = reference.run(prefect_api)
    assert clean.returncode == 0, clean.stderr[-3000:]
    outcome = json.loads(clean.stdout.strip().splitlines()[-1])

    kills, finished = 0, None
    for attempt in range(outcome["writes"] + 3):
        # The first run dies before its first commit; each later one commits one more write and dies.
        run = crashed.run(prefect_api, kill_at=1 if attempt == 0 else 2)
        if run.returncode == -signal.SIGKILL:
            kills += 1
            continue
        assert run.returncode == 0, run.stderr[-3000:]
        finished = json.loads(run.stdout.strip().splitlines()[-1])
        break
    record("faults", kills)

    expected = reference.state()
    assert finished and finished["status"] == outcome["status"] == "registered"
    differences = _differences(crashed.state(), expected)
    assert kills == outcome["writes"] and differences == {}
    assert expected["files"] == expected["files_listed"]

    use_database(monkeypatch, crashed.url)
    since = mark(channels)
    deliver_due()
    assert check_exactly_once(channels, since) == (0, 0)
