"""The web desk with `CENTER_STEP_WORKERS=true` (issue 22), on SQLite against a real Prefect API: its
steps are queued in the case store and run by a step worker's session flow run (here a thread of
this process) — each one task run named with the case and the step; a refusal comes back to the
form as itself, with nothing left written; a step that fails for another reason is reported to the
clerk and announced by the event the failure alert answers."""
from __future__ import annotations

import contextvars
import threading
from datetime import timedelta

import pytest
from sqlmodel import select

from models.core.calendar import load_calendar
from models.core.clock import local_now
from models.core.db import session_scope
from models.core.step_requests import StepRequest
from support.prefect_server import wait_until
from support.snapshot import snapshot
from web.web_desk import PEOPLE, client_for, desk_app, post_form, sample_case, set_passwords

WORKER = "test-host:1:0"


@pytest.fixture
def worker(org, monkeypatch):
    """A step worker's session loop in a thread, and this process's steps queued for it."""
    from flows.core.step_session import WORKER as STATE, step_session
    from models.core.settings import get_settings

    monkeypatch.setenv("CENTER_STEP_WORKERS", "true")
    get_settings.cache_clear()
    context = contextvars.copy_context()  # the harness's Prefect settings

    def loop():
        while not STATE.stopping.is_set():
            step_session(worker=WORKER, max_steps=50, max_seconds=30)

    thread = threading.Thread(target=lambda: context.run(loop), daemon=True)
    thread.start()
    yield
    STATE.stopping.set()
    thread.join(60)
    STATE.stopping.clear()


@pytest.fixture
def as_(worker):
    set_passwords(*PEOPLE)
    app = desk_app()
    return lambda staff_id: client_for(app, staff_id)


def _requests() -> list[StepRequest]:
    with session_scope() as session:
        return session.exec(select(StepRequest).order_by(StepRequest.id)).all()


def _task_runs(name: str) -> list:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import TaskRunFilter, TaskRunFilterName

    with get_client(sync_client=True) as client:
        return client.read_task_runs(task_run_filter=TaskRunFilter(name=TaskRunFilterName(any_=[name])))


def test_a_decision_on_the_web_desk_runs_on_the_worker_as_one_task_run(as_):
    ref, item_id = sample_case("W01")
    client = as_("S0101")
    response = post_form(client, f"/cases/{ref}", f"/items/{item_id}/decide", {"approve": "true", "comment": "同意"})
    assert response.headers["location"] == f"/cases/{ref}" and "案件状态：已批准" in client.get(f"/cases/{ref}").text
    request, = _requests()
    assert (request.step, request.label, request.status, request.attempts, request.worker, request.params) == (
        "办理待办", f"{ref} 办理待办", "done", 1, WORKER, None)
    runs = wait_until(lambda: [r for r in _task_runs(f"{ref} 办理待办") if r.state and r.state.is_final()],
                      timeout=60, what="the step's task run recorded")
    assert [(r.name, r.state.type.value) for r in runs] == [(f"{ref} 办理待办", "COMPLETED")]


def test_a_refusal_on_the_worker_comes_back_to_the_form_and_nothing_stays_written(as_):
    with session_scope() as session:
        start = load_calendar(session=session).add_working_days(local_now().date(), 5)
    form = {"staff_id": "S0102", "kind": "annual", "start_day": start.isoformat(), "start_half": "am",
            "end_day": (start + timedelta(days=1)).isoformat(), "end_half": "pm", "reason": "办理私事",
            "substitute_id": "S0102"}  # oneself as one's own substitute: refused by the procedure's rules
    client = as_("S0102")
    before = snapshot()
    response = post_form(client, "/new/leave", "/new/leave", form)
    assert response.status_code in (400, 422) and "替岗" in response.text
    assert snapshot() == before


def test_a_step_that_fails_on_the_worker_is_reported_to_the_clerk_and_announced(worker, monkeypatch):
    from flows.core.steps import Step, run_step, steps
    from models.core.error_json import StepFailed

    def broken() -> None:
        raise RuntimeError("测试故障")

    monkeypatch.setitem(steps(), "测试故障步骤", Step(broken, retry_safe=False))
    with pytest.raises(StepFailed, match="RuntimeError: 测试故障"):
        run_step("测试故障步骤", case_ref="QJ-2026-000777")
    request, = _requests()
    assert (request.status, request.error["type"], request.attempts) == ("failed", "RuntimeError", 1)
    run, = wait_until(lambda: [r for r in _task_runs("QJ-2026-000777 测试故障步骤") if r.state and r.state.is_final()],
                      timeout=60, what="the failed step's task run recorded")
    assert run.state.type.value == "FAILED"
    events = wait_until(lambda: _events("center.case.step.failed", "center.case.QJ-2026-000777"), timeout=60,
                        what="the step's failure event")
    assert [(e["payload"]["task_run_id"], e["payload"]["step"]) for e in events] == [(str(run.id), "测试故障步骤")]


def _events(name: str, resource: str) -> list[dict]:
    import httpx
    from prefect.settings import PREFECT_API_URL

    response = httpx.post(f"{PREFECT_API_URL.value()}/events/filter", timeout=30, json={"filter": {
        "event": {"name": [name]}, "resource": {"id": [resource]},
        "occurred": {"since": (local_now() - timedelta(hours=30)).isoformat()}}, "limit": 10})
    response.raise_for_status()
    return response.json()["events"]
