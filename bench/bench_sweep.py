"""Benchmark: the deadline sweep at 100,000 and 1,000,000 open cases (issue 9, item 1).

Open cases of every procedure, each with its open work item; due dates spread over the next 60
working days; 1,000 of them (1% of 100,000) due before tomorrow's close or overdue by 1–3 working
days — the same 1,000 at every size, so the larger store shows what all rows cost. The sweep's real code
path — `tasks.core.sweep.collect_and_queue`, the plain function the Prefect task wraps: every procedure's
rule, then the outbox rows, in one transaction — is timed against raw indexed SQL that selects the
same rows and bulk-inserts the same number of outbox rows. Medians of REPEATS runs, the outbox
emptied before each. Peak memory of one sweep with tracemalloc.

Targets: ≤ 3× the raw SQL; ≤ 2 s at 100,000 cases on SQLite; peak < 300 MB; at 1,000,000 cases the
time follows the due rows, not all rows. `python bench/bench_sweep.py [--sizes 100000,1000000]
[--backends sqlite,postgresql]`.
"""
from __future__ import annotations

import argparse
import random
import time
import tracemalloc
from datetime import datetime, timedelta

from common import ROOT, case_store, emit, load, machine, timed

REPEATS = 5
DUE_CASES = 1_000  # 1% of 100,000, at every size
AS_OF = datetime(2026, 6, 15, 9, 0)  # a Monday, a working day
CHUNK = 20_000


def procedure_mix() -> list[tuple[str, float]]:
    """Every registered procedure, service cases and complaints the most common."""
    from models.procedures import all_procedures

    weights = {"service": 40, "complaint": 15, "leave": 15, "rotation": 3, "matter": 5, "training": 3}
    return [(p.kind, weights.get(p.kind, 2)) for p in all_procedures() if p.final != {p.initial}]


def open_status(kind: str) -> str:
    """A status of the procedure that is open and that its own sweep rule watches."""
    from models.procedures import get_procedure

    return {"service": "accepted", "rotation": "review"}.get(kind, get_procedure(kind).initial)


def generate(n: int, seed: int = 9) -> dict:
    """n open cases with their work items and procedure rows, bulk-inserted (executemany)."""
    from sqlalchemy import insert

    from models.core.calendar import load_calendar
    from models.core.cases import Case, WorkItem
    from models.complaint.tables import Complaint
    from models.core.db import get_engine, session_scope
    from models.leave.tables import LeaveRequest
    from models.core.org_import import import_org
    from models.procedures import get_procedure
    from models.rotation.tables import RotationProposal
    from models.service_case.tables import ServiceCase
    from models.core.settings import get_settings

    with session_scope() as session:
        import_org(session=session, path=ROOT / "examples" / "org.yaml")
        calendar = load_calendar(session=session)
    policy = get_settings().policy
    close = policy.office_close
    # Not due: beyond every rule's reminder horizon (the rotation's is the longest).
    first_not_due = max(policy.remind_days_before, policy.rotation_remind_days, policy.handover_days_before) + 1
    today = AS_OF.date()
    rng = random.Random(seed)
    kinds, weights = zip(*procedure_mix())
    windows = {"W01": ("rsj", ["S0102", "S0103"]), "W02": ("scjgj", ["S0202", "S0203"]),
               "W03": ("gaj", ["S0302"]), "W04": ("mzj", ["S0401"])}
    due_indices = set(rng.sample(range(n), DUE_CASES))
    due = 0
    engine = get_engine()
    for start in range(0, n, CHUNK):
        tables: dict = {Case: [], WorkItem: [], Complaint: [], LeaveRequest: [], ServiceCase: [], RotationProposal: []}
        for i in range(start, min(n, start + CHUNK)):
            kind = rng.choices(kinds, weights)[0]
            window = rng.choice(list(windows))
            department, clerks = windows[window]
            clerk = rng.choice(clerks)
            if i in due_indices:
                due += 1
                day = calendar.add_working_days(today, rng.choice([-3, -2, -1, 0, 0, 0, 1, 1]))
            else:
                day = calendar.add_working_days(today, rng.randint(first_not_due, 60))
            due_at = datetime.combine(day, close)
            ref = f"{get_procedure(kind).ref_prefix}-B-{i:07d}"
            opened = AS_OF - timedelta(days=rng.randint(1, 40))
            status = rng.choice(["materials", "registration"]) if kind == "leave" else open_status(kind)
            tables[Case].append(dict(ref=ref, kind=kind, status=status, title=f"压测案件 {i}",
                                     window_id=window, subject_staff_id=clerk, opened_by=clerk, opened_at=opened,
                                     updated_at=opened, due_at=due_at, due_from=opened, due_days=5,
                                     due_provisional=False, policy={}, idempotency_key=None))
            assignee = rng.choice([("staff", clerk, None), ("head", None, None), ("management", None, None),
                                   ("department", None, department)])
            step = {"materials": "materials", "registration": "register"}.get(status, "review")
            tables[WorkItem].append(dict(key=f"{ref}:{step}", case_ref=ref, step=step, title="审核",
                                         form="approve", assignee_role=assignee[0], assignee_window_id=window,
                                         assignee_staff_id=assignee[1], assignee_department_id=assignee[2],
                                         status="open", created_at=opened, due_at=due_at, due_from=opened,
                                         due_days=5, due_provisional=False, decided_by=None, decision=None,
                                         decided_at=None))
            if kind == "complaint":
                tables[Complaint].append(dict(case_ref=ref, channel="phone", received_at=opened, window_id=window,
                                              staff_id=clerk, category=3, content="服务态度", extensions=0,
                                              complainant_name="张三", complainant_contact="13912345678",
                                              extension_reason="", investigation_key=f"{ref}:review",
                                              review_round=1, findings="", reply=""))
            elif kind == "service":
                tables[ServiceCase].append(dict(case_ref=ref, applicant="李明", phone="", email="", channel="window",
                                                owner_id=clerk, matter_code="QP-RSJ-001", matter_name="失业登记",
                                                matter_version=1, matter_kind="promised", promised_days=5,
                                                referred_window="", referred_department="", referred_contact="",
                                                outstanding=[], accepted_at=opened, extended_days=0))
            elif kind == "leave":
                back = datetime.combine(calendar.add_working_days(day, -2) if day > today else day, close)
                tables[LeaveRequest].append(dict(case_ref=ref, staff_id=clerk, window_id=window,
                                                 department_id=department, kind="personal", start_day=day,
                                                 start_half="am", end_day=day, end_half="pm", days=1.0,
                                                 reason="事假", substitute_id=rng.choice(clerks), cover_name="",
                                                 affects_window=False, afterwards=False, late_explanation="",
                                                 back_at=back, filing_due_at=due_at, days_provisional=False,
                                                 filing_due_provisional=False))
            elif kind == "rotation":
                tables[RotationProposal].append(dict(case_ref=ref, window_id=window, department_id=department,
                                                     notice_ref="青人社〔2026〕1号", notice_received_at=opened,
                                                     effective_date=day, quarter="2026Q3", note="", checks=[],
                                                     exception={}))
        with engine.begin() as connection:
            for model, rows in tables.items():
                if rows:
                    connection.execute(insert(model.__table__), rows)
    if engine.dialect.name == "postgresql":  # what autovacuum does after a load; SQLite stays as the center
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:  # runs it: no ANALYZE
            connection.exec_driver_sql("VACUUM ANALYZE")
    return {"cases": n, "due_cases": due}


RAW_SELECTS = {  # the rows each sweep rule reads, as plain indexed SQL (:as_of, :horizon, :today, …)
    "work_items": "SELECT w.id, w.assignee_role, w.assignee_staff_id, w.due_at, c.ref, c.kind, c.title, c.window_id "
                  "FROM workitem w JOIN \"case\" c ON c.ref = w.case_ref "
                  "WHERE w.status = 'open' AND w.due_at <= :horizon",
    "complaints": "SELECT c.ref, c.due_at, p.channel FROM \"case\" c JOIN complaint p ON p.case_ref = c.ref "
                  "WHERE c.kind = 'complaint' AND c.status <> 'closed' AND c.due_at >= :as_of AND c.due_at <= :horizon",
    "service": "SELECT c.ref, c.due_at, c.window_id FROM \"case\" c WHERE c.kind = 'service' AND c.status = 'accepted' "
               "AND c.due_at >= :as_of AND c.due_at <= :horizon",
    "late_filing": "SELECT c.ref, l.staff_id FROM workitem w JOIN \"case\" c ON c.ref = w.case_ref "
                   "JOIN leaverequest l ON l.case_ref = c.ref WHERE w.status = 'open' AND w.due_at < :as_of "
                   "AND w.step = 'materials'",
    "handover": "SELECT c.ref, c.status, l.substitute_id FROM \"case\" c JOIN leaverequest l ON l.case_ref = c.ref "
                "WHERE l.start_day > :today AND l.start_day <= :handover AND l.substitute_id IS NOT NULL",
    "rotation": "SELECT c.ref, c.status, r.effective_date FROM rotationproposal r JOIN \"case\" c ON c.ref = r.case_ref "
                "WHERE r.effective_date >= :today AND r.effective_date <= :rotation",
}


def raw_parameters() -> dict:
    from models.core.calendar import load_calendar
    from models.core.db import session_scope
    from models.core.settings import get_settings

    policy = get_settings().policy
    with session_scope() as session:
        calendar = load_calendar(session=session)
    today = AS_OF.date()
    return {"as_of": AS_OF, "today": today,
            "horizon": datetime.combine(calendar.add_working_days(today, policy.remind_days_before), policy.office_close),
            "handover": calendar.add_working_days(today, policy.handover_days_before),
            "rotation": calendar.add_working_days(today, policy.rotation_remind_days)}


def raw_sweep(outbox_rows: list[dict]) -> int:
    """The same rows selected by plain SQL, and as many outbox rows inserted in one executemany."""
    from sqlalchemy import insert, text

    from models.core.db import get_engine
    from models.core.outbox import OutboxMessage

    parameters = raw_parameters()
    with get_engine().begin() as connection:
        selected = sum(len(connection.execute(text(sql), parameters).all()) for sql in RAW_SELECTS.values())
        if outbox_rows:
            connection.execute(insert(OutboxMessage.__table__), outbox_rows)
    return selected


def clear_outbox() -> None:
    from sqlalchemy import delete

    from models.core.db import get_engine
    from models.core.ledger import LedgerEntry
    from models.core.outbox import OutboxMessage

    with get_engine().begin() as connection:
        connection.execute(delete(OutboxMessage.__table__))
        connection.execute(delete(LedgerEntry.__table__))


def outbox_copy() -> list[dict]:
    """The sweep's outbox rows as plain values with fresh keys, for the raw insert."""
    from sqlalchemy import select

    from models.core.db import get_engine
    from models.core.outbox import OutboxMessage

    with get_engine().connect() as connection:
        rows = [dict(r._mapping) for r in connection.execute(select(OutboxMessage.__table__))]
    for row in rows:
        row.pop("id")
        row["key"] = "raw:" + row["key"]
    return rows


def sweep() -> dict:
    from tasks.core.sweep import collect_and_queue

    return collect_and_queue(as_of=AS_OF, dry_run=False)


def selection_only() -> int:
    """The rules alone (what the sweep reads and computes), rolled back."""
    from sqlmodel import Session

    from models.core.calendar import load_calendar
    from models.core.db import get_engine
    from models.core.settings import get_settings
    from models.core.sweep import notices_due

    with Session(get_engine()) as session:
        found = len(notices_due(session, AS_OF, load_calendar(session=session), get_settings().policy).notices)
        session.rollback()
    return found


def measure(backend: str, n: int) -> dict:
    with case_store(backend):
        t0 = time.perf_counter()
        store = generate(n)
        emit(bench="sweep.generate", backend=backend, **store, seconds=round(time.perf_counter() - t0, 1))
        sweep()  # warm: calendar index, templates, statement caches
        clear_outbox()
        select_s, notices = timed(selection_only, REPEATS)
        sweep_s, report = timed(sweep, REPEATS, before=clear_outbox)
        rows = outbox_copy()
        raw_select_s, _ = timed(lambda: raw_sweep([]), REPEATS)
        raw_s, selected = timed(lambda: raw_sweep(rows), REPEATS, before=clear_outbox)
        clear_outbox()
        tracemalloc.start()
        sweep()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        figures = dict(bench="sweep", backend=backend, cases=n, due_cases=store["due_cases"],
                       rows_selected=selected, notices=report["notices"], outbox_rows=report["queued"],
                       sweep_s=round(sweep_s, 3), raw_sql_s=round(raw_s, 4), selection_s=round(select_s, 3),
                       raw_select_s=round(raw_select_s, 4),
                       ratio=round(sweep_s / raw_s, 2), peak_mb=round(peak / 2**20, 1), repeats=REPEATS, load=load())
        assert notices == report["notices"]
        emit(**figures)
        return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--large-backends", default="sqlite", help="backends measured at sizes above 100,000")
    options = parser.parse_args()
    from support.databases import postgres_available

    emit(bench="sweep.machine", **machine())
    results = []
    for n in [int(s) for s in options.sizes.split(",")]:
        for backend in options.backends.split(","):
            if n > 100_000 and backend not in options.large_backends.split(","):
                continue
            if backend == "postgresql" and not postgres_available():
                emit(bench="sweep", backend=backend, cases=n, skipped="PostgreSQL unreachable")
                continue
            results.append(measure(backend, n))
    base = next((r for r in results if r["backend"] == "sqlite" and r["cases"] == 100_000), results[0])
    large = max((r for r in results if r["backend"] == base["backend"]), key=lambda r: r["cases"])
    worst = max(r["ratio"] for r in results)
    emit(bench="sweep", headline="sweep time / raw indexed SQL (worst backend and size)", ratio=worst,
         target_ratio=3, seconds_100k_sqlite=base["sweep_s"], target_seconds=2,
         peak_mb=max(r["peak_mb"] for r in results), target_peak_mb=300,
         growth_cases=round(large["cases"] / base["cases"], 1), growth_due=round(large["due_cases"] / base["due_cases"], 1),
         growth_time=round(large["sweep_s"] / base["sweep_s"], 1),
         met=worst <= 3 and base["sweep_s"] <= 2 and all(r["peak_mb"] < 300 for r in results))


if __name__ == "__main__":
    main()
