"""`center sweep` against a real Prefect server, the case store on SQLite and on PostgreSQL: a dry
run at a later date writes nothing, a day off writes nothing, two sweeps started at the same moment
queue each message once (catching up yesterday's escalation), and the run's artifact counts per
procedure and lists the overdue items with the citizen's personal data masked."""
from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from datetime import datetime

import pytest
from sqlmodel import select

from support.cli import ROOT, run_cli
from support.snapshot import snapshot

pytestmark = pytest.mark.postgres
LATER = "2026-10-13 09:00"  # the complaint was due 10-10 (a make-up Saturday) 17:00: overdue since 10-12
ACCEPTED = datetime(2026, 9, 30, 10, 0)  # the service case: 5 working days promised → due 10-13 17:00
APPLICANT, PHONE = "李明", "13912345678"


def _import_org() -> None:
    from models.core.db import session_scope
    from models.core.org_import import import_org

    with session_scope() as session:
        import_org(session=session, path=ROOT / "examples" / "org.yaml")


@pytest.fixture
def overdue_case(any_db, prefect_api) -> str:
    """A phone complaint received on 2026-09-30 whose investigation is overdue at LATER, on either store."""
    from support.complaint_cases import advance, register

    _import_org()
    ref = register()
    advance(ref)
    return ref


@pytest.fixture
def overdue_service_case(any_db, prefect_api) -> str:
    """An accepted service case whose completion is overdue on 2026-10-15: the applicant's name is in
    the work item's title."""
    from models.service_case.inputs import ServiceIntake
    from support.matters import sample, through
    from tasks.service_case import check_materials, open_service_case

    _import_org()
    through(sample(guide={"time_limit": {"statutory_days": 15, "promised_days": 5}}))
    ref = open_service_case(intake=ServiceIntake(applicant=APPLICANT, phone=PHONE, matter_code="QP-RSJ-001"),
                               actor="S0102", now=ACCEPTED)
    check_materials(case_ref=ref, have=["居民身份证", "失业登记申请表", "解除或终止劳动合同证明"], missing=[],
                       actor="S0102", now=ACCEPTED)
    return ref


def _latest_report(cluster) -> str:
    artifact, = cluster.post("/artifacts/filter", {"artifacts": {"key": {"any_": ["deadline-sweep"]}},
                                                   "sort": "CREATED_DESC", "limit": 1})
    return artifact["data"]


def _outbox(ref: str) -> list[str]:
    from models.core.db import session_scope
    from models.core.outbox import OutboxMessage

    with session_scope() as session:
        return list(session.exec(select(OutboxMessage.key).where(OutboxMessage.case_ref == ref)).all())


def _sweep_processes(cluster, count: int) -> list[subprocess.CompletedProcess]:
    """`center sweep --as-of LATER` in `count` processes started together."""
    env = {**os.environ, "PREFECT_API_URL": cluster.api_url, "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "COLUMNS": "200"}
    argv = [sys.executable, "-m", "deployments.cli.app", "sweep", "--as-of", LATER]
    running = [subprocess.Popen(argv, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True) for _ in range(count)]
    return [subprocess.CompletedProcess(argv, p.wait(timeout=300), p.stdout.read()) for p in running]


def test_a_dry_run_at_a_later_date_shows_the_overdue_case_and_writes_nothing(overdue_case, capsys):
    before = snapshot()
    result = run_cli(capsys, "sweep", "--as-of", LATER, "--dry-run")
    assert (result.code, overdue_case in result.out, "试运行" in result.out) == (0, True, True)
    assert snapshot() == before


def test_a_sweep_on_a_day_off_writes_nothing(overdue_case, capsys):
    before = snapshot()
    result = run_cli(capsys, "sweep", "--as-of", "2026-10-11 09:00")  # a Sunday
    assert (result.code, "不是工作日" in result.out, snapshot() == before) == (0, True, True)


def test_two_sweeps_at_the_same_moment_queue_each_message_once_with_yesterdays_escalation(overdue_case, cluster):
    before = set(_outbox(overdue_case))
    done = _sweep_processes(cluster, 2)
    new = [key for key in _outbox(overdue_case) if key not in before]
    assert [p.returncode for p in done] == [0, 0], [p.stdout for p in done]
    assert sorted({key.split(":")[2] for key in new}) == ["overdue1", "overdue2"]  # 10-12's caught up on 10-13
    queued = sum(int(p.stdout.split("新排队通知 ")[1].split(" 条")[0]) for p in done)
    assert (Counter(new).most_common(1)[0][1], queued) == (1, len(new))


def test_the_artifact_counts_reminders_and_escalations_per_procedure(overdue_case, cluster, capsys):
    run_cli(capsys, "sweep", "--as-of", LATER)
    report = _latest_report(cluster)
    assert "| 投诉(差评) | 0 | 2 |" in report and f"| {overdue_case} | 投诉(差评) |" in report


def test_the_artifact_masks_the_applicant_in_the_overdue_list(overdue_service_case, cluster, capsys):
    run_cli(capsys, "sweep", "--as-of", "2026-10-15 09:00")
    report = _latest_report(cluster)
    assert f"| {overdue_service_case} | 窗口办件 | 限时办结：李*：失业登记 |" in report
    assert (APPLICANT in report, PHONE in report) == (False, False)
