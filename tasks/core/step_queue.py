"""The step queue's transactions (models/core/step_requests.py), one `session_scope` each, and waiting
for a step's outcome. Plain functions: the session flow calls them between its task runs."""
from __future__ import annotations

from typing import Any

from models.core.db import get_engine, session_scope
from models.core.error_json import error_from_json
from models.core.settings import get_settings
from models.core.step_requests import Claim, StepStatus, claim, finish, forget, outcome, renew, submit
from models.core.step_signals import signals_for


def queue_step(*, step: str, params: dict, label: str, case_ref: str | None = None) -> int:
    signals_for(get_engine())  # listening before the step can finish
    with session_scope() as session:
        return submit(session=session, step=step, params=params, label=label, case_ref=case_ref)


def claim_step(worker: str) -> Claim | None:
    with session_scope() as session:
        return claim(session=session, worker=worker, lease_seconds=get_settings().step_lease_seconds)


def renew_leases(worker: str, ids: list[int]) -> None:
    with session_scope() as session:
        renew(session=session, worker=worker, ids=ids, lease_seconds=get_settings().step_lease_seconds)


def record_outcome(claimed: Claim, worker: str, *, result: Any = None, error: dict | None = None) -> bool:
    with session_scope() as session:
        return finish(session=session, claim=claimed, worker=worker, result=result, error=error)


def wait_for_work(mark: int, timeout: float = 1.0) -> None:
    signals_for(get_engine()).wait_for_work(mark, timeout)


def work_mark() -> int:
    return signals_for(get_engine()).new_work_mark()


def step_outcome(request_id: int, timeout: float | None = None) -> Any:
    """The step's result once a worker has run it; its refusal (CenterError) or failure
    (StepFailed) raised here; TimeoutError if no worker finished it in time (it stays queued)."""
    def finished():
        with session_scope() as session:
            request = outcome(session=session, request_id=request_id)
            return None if request is None else (request.status, request.result, request.error)

    answer = signals_for(get_engine()).wait_done(
        request_id, finished, get_settings().step_timeout_seconds if timeout is None else timeout)
    if answer is None:
        raise TimeoutError(f"办理请求 {request_id} 未在规定时间内由办理进程完成（请检查 center workers 是否在运行）")
    status, result, error = answer
    if status == StepStatus.failed:
        if (error or {}).get("refusal"):  # the clerk's input refused: as in-process, nothing stays written
            with session_scope() as session:
                forget(session=session, request_id=request_id)
        raise error_from_json(error or {})
    return result
