"""`center backup FILE` / `center restore FILE` (issue 10 §7) on SQLite and PostgreSQL: a populated
store round-trips exactly; a backup taken while another thread keeps registering complaints holds
whole transactions only; a file that is not a backup of this kind of store is refused; a restore works
while another process's pooled connection has queued messages through the outbox's COPY path (issue 26,
item 7: its temporary table kept the enum type in use and pg_restore --clean failed)."""
from __future__ import annotations

import threading
import time
from datetime import date, datetime

import pytest
from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, create_engine, func, select

from models.core.cases import AuditEvent, Case
from models.complaint.tables import Complaint
from models.core.db import normalise_url, session_scope
from models.core.outbox import Channel, enqueue_many
from models.core.settings import get_settings
from reliability.summary import record
from support import complaint_cases
from support.cli import run_cli
from support.leaves import apply, decide, org_any  # noqa: F401  (fixture)
from support.snapshot import snapshot

pytestmark = pytest.mark.usefixtures("org_any")

ISSUE_26_DEFECTS = (7,)  # counted in the reliability summary when these tests pass


def _populate() -> None:
    """Leaves through both signatures (documents, work items, messages) and handled complaints."""
    for staff in ("S0103", "S0105"):
        ref = apply(staff, kind="annual", start=date(2026, 3, 4), end=date(2026, 3, 6))
        decide(ref, "head_review", "S0101", approve=True)
        decide(ref, "management_review", "G001", approve=True)
    complaint_cases.handled()


def _register(i: int) -> str:
    return complaint_cases.register({**complaint_cases.PHONE, "content": f"第{i}件：窗口人员态度生硬"},
                                    now=datetime(2026, 10, 20, 9))


def test_a_populated_store_round_trips_exactly(tmp_path, capsys):
    _populate()
    before = snapshot()
    backup = run_cli(capsys, "backup", tmp_path / "center.backup")
    for i in range(3):  # the store moves on after the backup …
        _register(i)
    assert snapshot() != before
    restored = run_cli(capsys, "restore", tmp_path / "center.backup", "--yes")
    assert (backup.code, restored.code) == (0, 0), backup.err + restored.err
    assert snapshot() == before  # … and is brought back exactly


class Writer(threading.Thread):
    """Registers complaints one transaction at a time (case, complaint, audit, counter) until stopped."""

    def __init__(self):
        super().__init__(daemon=True)
        self.written, self.stop, self.error = 0, threading.Event(), None

    def run(self):
        try:
            while not self.stop.is_set():
                _register(self.written)
                self.written += 1
        except Exception as exc:  # reported by the test
            self.error = exc


def _complaints() -> tuple[list[str], int, int]:
    with session_scope() as session:
        refs = sorted(session.exec(select(Case.ref).where(Case.kind == "complaint")).all())
        details = session.exec(select(func.count()).select_from(Complaint)).one()
        opened = session.exec(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "open", AuditEvent.case_ref.like("TS-%"))).one()
    return refs, details, opened


def test_a_backup_taken_while_another_thread_writes_holds_whole_transactions(tmp_path, capsys):
    _populate()
    populated = {name: set(map(repr, rows)) for name, rows in _rows().items()}
    writer = Writer()
    writer.start()
    while writer.written < 5 and writer.error is None:
        time.sleep(0.01)
    during = writer.written
    backup = run_cli(capsys, "backup", tmp_path / "busy.backup")
    time.sleep(0.2)
    writer.stop.set()
    writer.join(timeout=60)
    after = writer.written
    run_cli(capsys, "restore", tmp_path / "busy.backup", "--yes")
    refs, details, opened = _complaints()
    restored = {name: set(map(repr, rows)) for name, rows in _rows().items()}
    record("faults")  # a backup under load
    restored_writes = len(refs) - 1  # _populate registered one complaint
    assert writer.error is None and backup.code == 0, (writer.error, backup.err)
    # The backup caught the writer mid-way: what it had written before, not what it wrote after.
    assert during <= restored_writes < after
    # Whole transactions only: every complaint case with its details and its audit, numbered 1…k.
    assert len(refs) == details == opened and refs == [f"TS-2026-{n:06d}" for n in range(1, len(refs) + 1)]
    # Everything that was there before the writer started is there, unchanged (the writer only adds,
    # apart from its reference counter).
    assert all(populated[name] <= restored[name] for name in populated if name != "refcounter")


def _rows() -> dict[str, list]:
    with session_scope() as session:
        return {name: session.execute(sa_select(table)).all() for name, table in SQLModel.metadata.tables.items()}


def test_a_file_that_is_not_a_backup_is_refused_and_nothing_changes(tmp_path, capsys):
    _populate()
    before = snapshot()
    bogus = tmp_path / "notes.txt"
    bogus.write_text("这不是备份", encoding="utf-8")
    unconfirmed = run_cli(capsys, "restore", bogus)
    refused = run_cli(capsys, "restore", bogus, "--yes")
    missing = run_cli(capsys, "restore", tmp_path / "nothing.backup", "--yes")
    assert (unconfirmed.code, refused.code, missing.code) == (2, 2, 2)
    assert "--yes" in unconfirmed.err and "备份文件" in refused.err and "不存在" in missing.err
    assert snapshot() == before


def test_a_restore_works_while_the_desk_holds_a_connection_that_queued_messages(tmp_path, capsys):
    """The desk (another process: here its own pooled engine) queues messages in bulk — on PostgreSQL
    through a temporary table — and keeps the connection open in its pool while the store is restored."""
    _populate()
    before = snapshot()
    backup = run_cli(capsys, "backup", tmp_path / "center.backup")
    desk = create_engine(normalise_url(get_settings().effective_database_url), pool_size=1)
    try:
        with Session(desk) as session:
            enqueue_many(session=session, messages=[
                dict(key=f"desk-{i}", channel=Channel.email, address="s0101@example.org", title="提醒",
                     body="请办理待办") for i in range(3)])
            session.commit()
        restored = run_cli(capsys, "restore", tmp_path / "center.backup", "--yes")
        with Session(desk) as session:  # the desk's pooled connection still works on the restored store
            assert enqueue_many(session=session, messages=[dict(key="desk-after", channel=Channel.email,
                                address="s0101@example.org", title="提醒", body="请办理待办")]) == 1
            session.rollback()
    finally:
        desk.dispose()
    assert (backup.code, restored.code) == (0, 0), backup.err + restored.err
    assert snapshot() == before
