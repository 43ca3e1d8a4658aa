"""A step worker's session (issue 22): ONE long-lived flow run per worker thread, each case step
ONE task run of it, named with the case reference and the step.

Why: a flow run costs the Prefect server ≈ 100 ms of its single thread (6–8 API calls), a task
run ≈ 15 ms (only events, batched by the server): a flow run per step caps the center at ≈ 9
steps/s whatever the cores; a task run per step in a session run reaches ≈ 50 (docs/operations.md §7).
Inside the step the procedure's tasks and flows are plain calls (tasks/core/plain_calls.py); the task
keeps no result and no cache, and carries no tag (a tag costs an API call per task). The case
reference is findable in the UI by the run's name and by the `center.case.step.*` event sent for
every step (resource `center.case.<ref>`); a failed step (not a refusal) sends
`center.case.step.failed`, which the failure alert's automation answers (deployments/automations.py).
A session ends after `max_steps` steps or `max_seconds`, so a run stays readable in the UI; the
worker starts the next one.
"""
from __future__ import annotations

import threading
import time
from typing import Any

from prefect.cache_policies import NO_CACHE
from prefect.context import TaskRunContext
from prefect.events import emit_event
from pydantic_core import to_jsonable_python

from flows.core.plain_calls import flow
from flows.core.steps import retry_safe, steps
from models.core.error_json import error_to_json
from models.core.settings import get_settings
from models.core.step_requests import Claim
from tasks.core.plain_calls import task
from tasks.core.step_context import plain_calls, retried_step
from tasks.core.step_queue import claim_step, record_outcome, renew_leases, wait_for_work, work_mark

SESSION_FLOW = "办理会话"


class WorkerState:
    """What a process's session runs share: the stop signal and the steps running now, whose
    leases a background thread renews (started with the first session of the process)."""

    def __init__(self) -> None:
        self.stopping = threading.Event()
        self.running: dict[int, str] = {}  # request id → the worker (thread) running it
        self._lock = threading.Lock()
        self._renewing = False

    def started(self, request_id: int, worker: str) -> None:
        with self._lock:
            self.running[request_id] = worker

    def ended(self, request_id: int) -> None:
        with self._lock:
            self.running.pop(request_id, None)

    def running_now(self) -> dict[str, list[int]]:
        with self._lock:
            by_worker: dict[str, list[int]] = {}
            for request_id, worker in self.running.items():
                by_worker.setdefault(worker, []).append(request_id)
            return by_worker

    def renew_leases(self) -> None:
        """Start renewing the leases of this process's running steps (once per process)."""
        with self._lock:
            if self._renewing:
                return
            self._renewing = True
        threading.Thread(target=self._renew, name="center-lease-renewal", daemon=True).start()

    def _renew(self) -> None:
        while not self.stopping.wait(get_settings().step_lease_seconds / 3):
            for worker, ids in self.running_now().items():
                try:
                    renew_leases(worker, ids)
                except Exception:  # the store is away for a moment: the next round renews
                    pass


WORKER = WorkerState()


@task(name="办理步骤", task_run_name="{label}", cache_policy=NO_CACHE, persist_result=False, retries=0)
def case_step(claimed: Claim, label: str) -> dict[str, Any]:
    """One case step: the procedure's transactions as plain calls. Returns the step's result and
    this task run's id (for the step's event)."""
    context = TaskRunContext.get()
    with plain_calls(), retried_step(claimed.attempt > 1):
        result = steps()[claimed.step].run(**claimed.params)
    return {"result": to_jsonable_python(result), "task_run_id": str(context.task_run.id) if context else ""}


def _label(claimed: Claim) -> str:
    again = f"（第{claimed.attempt}次）" if claimed.attempt > 1 else ""
    return f"{claimed.label}{again}"


def _case_of(claimed: Claim, result: Any) -> str | None:
    if claimed.case_ref:
        return claimed.case_ref
    return result.get("case_ref") if isinstance(result, dict) and isinstance(result.get("case_ref"), str) else None


def _announce(claimed: Claim, outcome: str, case_ref: str | None, task_run_id: str, message: str = "") -> None:
    """The step's `center.case.step.<outcome>` event: the case as the resource, the task run related."""
    related = [{"prefect.resource.id": f"prefect.task-run.{task_run_id}", "prefect.resource.role": "task-run",
                "prefect.resource.name": _label(claimed)}] if task_run_id else []
    emit_event(f"center.case.step.{outcome}",
               resource={"prefect.resource.id": f"center.case.{case_ref or 'new'}",
                         "prefect.resource.name": case_ref or "新案件", "center.step": claimed.step},
               related=related,
               payload={"request_id": claimed.id, "attempt": claimed.attempt, "task_run_id": task_run_id,
                        "step": claimed.step, "message": message[:500]})


def run_one(claimed: Claim, worker: str) -> None:
    """Run a claimed step as a task run and record its outcome; never raises for the step's error."""
    WORKER.started(claimed.id, worker)
    try:
        if claimed.attempt > get_settings().step_max_attempts:  # its workers died in it each time
            message = f"办理进程在办理中中断 {claimed.attempt - 1} 次，已停止重试"
            record_outcome(claimed, worker, error={"type": "StepFailed", "message": message})
            _announce(claimed, "failed", claimed.case_ref, "", message)
            return
        if claimed.attempt > 1 and not retry_safe(claimed.step, claimed.params):
            message = "办理进程在办理此步骤时中断；此类步骤不自动重做（以免重复立案），请核对案件后再提交"
            record_outcome(claimed, worker, error={"type": "StepFailed", "message": message})
            _announce(claimed, "failed", claimed.case_ref, "", message)
            return
        state = case_step(claimed=claimed, label=_label(claimed), return_state=True)
        task_run_id = str(state.state_details.task_run_id or "")
        if state.is_completed():
            value = state.result()
            record_outcome(claimed, worker, result=value["result"])
            _announce(claimed, "completed", _case_of(claimed, value["result"]), task_run_id)
        else:
            error = state.result(raise_on_failure=False)
            data = error_to_json(error) if isinstance(error, BaseException) else {"type": "StepFailed",
                                                                                   "message": str(state.message)}
            record_outcome(claimed, worker, error=data)
            _announce(claimed, "refused" if data.get("refusal") else "failed", claimed.case_ref, task_run_id,
                      "" if data.get("refusal") else f"{data['type']}: {data['message']}")
    finally:
        WORKER.ended(claimed.id)


@flow(name=SESSION_FLOW, flow_run_name="办理会话 {worker}", validate_parameters=False)
def step_session(worker: str, max_steps: int = 300, max_seconds: float = 600) -> int:
    """办理进程的一个会话：逐一办理队列中的案件步骤，每一步记为一个任务运行。"""
    WORKER.renew_leases()
    done, deadline = 0, time.monotonic() + max_seconds
    while done < max_steps and time.monotonic() < deadline and not WORKER.stopping.is_set():
        mark = work_mark()
        claimed = claim_step(worker)
        if claimed is None:
            wait_for_work(mark, min(1.0, max(0.0, deadline - time.monotonic())))
            continue
        run_one(claimed, worker)
        done += 1
    return done
