"""The scale path (docs/operations.md): a Prefect server on PostgreSQL, two `center serve` processes,
the case store on PostgreSQL; 50 case steps triggered at once through `run_deployment` all
complete, once each. The step is `decide_work_item` on the foundation's sample procedure; to use a
real procedure, replace `open_step_cases` and set SERVE_MODULE in conftest.py to "deployments.cli.app"."""
from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest
from sqlmodel import func, select

from support.prefect_server import wait_until

pytestmark = pytest.mark.postgres
STEPS = 50
STEP_DEPLOYMENT = "办理待办/decide-work-item"
FINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


def open_step_cases(n: int) -> list[dict]:
    """n sample cases awaiting their window head's review; the step's parameters for each."""
    from support.sample_procedure import advance_sample
    from models.core.cases import WorkItem, open_case
    from models.core.db import session_scope

    steps = []
    for i in range(n):
        with session_scope() as session:
            case, _ = open_case(session=session, kind="sample", actor="S0102", title=f"并发测试 {i}", policy={},
                                window_id="W01", at=datetime(2026, 10, 9, 10))
        advance_sample(case.ref, "S0102")
        with session_scope() as session:
            item_id = session.exec(select(WorkItem.id).where(WorkItem.case_ref == case.ref)).one()
        steps.append({"item_id": item_id, "actor": "S0101", "decision": {"approve": True}})
    return steps


@pytest.fixture(scope="module")
def step_runs(cluster):
    """The steps, triggered at once and waited for: (case refs, final flow runs)."""
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with pytest.MonkeyPatch.context() as patch:
        from support.databases import use_database

        use_database(patch, cluster.case_store)
        steps = open_step_cases(STEPS)
        refs = _refs_of(steps)
    with temporary_settings(updates={PREFECT_API_URL: cluster.api_url}):
        ids = [str(run_deployment(STEP_DEPLOYMENT, parameters=p, timeout=0).id) for p in steps]

    def runs():
        return cluster.post("/flow_runs/filter", {"flow_runs": {"id": {"any_": ids}}, "limit": STEPS})

    def all_final():
        found = runs()
        return found if len(found) == STEPS and all(r["state_type"] in FINAL for r in found) else None

    def progress() -> str:
        return f"{Counter(r['state_name'] for r in runs())}\n{cluster.logs()}"

    return refs, wait_until(all_final, timeout=900, what=f"{STEPS} 个办理待办运行结束", interval=1, context=progress)


def _refs_of(steps: list[dict]) -> list[str]:
    from models.core.cases import WorkItem
    from models.core.db import session_scope

    with session_scope() as session:
        ids = [s["item_id"] for s in steps]
        return list(session.exec(select(WorkItem.case_ref).where(WorkItem.id.in_(ids))).all())


def test_every_step_run_completes_without_error(step_runs):
    _, runs = step_runs
    failed = {r["name"]: (r["state_name"], r["state"]["message"]) for r in runs if r["state_type"] != "COMPLETED"}
    assert failed == {}


def test_every_step_ran_exactly_once(step_runs):
    _, runs = step_runs
    assert Counter(r["run_count"] for r in runs) == {1: STEPS}


def test_every_case_was_advanced_to_approved(step_runs, case_store):
    from models.core.cases import Case
    from models.core.db import session_scope

    refs, _ = step_runs
    with session_scope() as session:
        assert Counter(session.exec(select(Case.status).where(Case.ref.in_(refs))).all()) == {"approved": STEPS}


def test_no_case_row_is_duplicated(step_runs, case_store):
    from models.core.cases import Case
    from models.core.db import session_scope

    with session_scope() as session:
        assert session.exec(select(func.count()).select_from(Case).where(Case.kind == "sample")).one() == STEPS


def test_each_case_has_one_work_item_decided_by_the_head(step_runs, case_store):
    from models.core.cases import WorkItem
    from models.core.db import session_scope

    refs, _ = step_runs
    with session_scope() as session:
        items = session.exec(select(WorkItem).where(WorkItem.case_ref.in_(refs))).all()
    assert sorted(i.case_ref for i in items) == sorted(refs)
    assert {(i.status.value, i.decided_by) for i in items} == {("done", "S0101")}


def test_each_case_has_its_audit_trail_with_no_event_twice(step_runs, case_store):
    from models.core.cases import AuditEvent
    from models.core.db import session_scope

    refs, _ = step_runs
    with session_scope() as session:
        trail = Counter(session.exec(select(AuditEvent.action).where(AuditEvent.case_ref.in_(refs))).all())
    assert trail == {action: STEPS for action in ("open", "submit", "decide:review", "approve")}


def test_each_case_queued_its_notices_once(step_runs, case_store):
    from models.core.db import session_scope
    from models.core.outbox import OutboxMessage

    refs, _ = step_runs
    with session_scope() as session:
        per_case = Counter(session.exec(select(OutboxMessage.case_ref).where(OutboxMessage.case_ref.in_(refs))).all())
    assert set(per_case.values()) == {2} and len(per_case) == STEPS  # the window head: e-mail and SMS
