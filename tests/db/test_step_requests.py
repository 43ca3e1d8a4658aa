"""The step queue (models/core/step_requests.py) on SQLite and PostgreSQL: a step is claimed by one
worker at a time, taken over only when its worker's lease has run out, finished only by the
worker that holds it; refusals travel back to the caller as themselves."""
from __future__ import annotations

import threading
from collections import Counter

import pytest

from models.core.db import session_scope
from models.core.error_json import StepFailed, error_from_json, error_to_json
from models.core.errors import InvalidInput, PolicyViolation, ValidationFailed
from models.core.step_requests import StepRequest, StepStatus, claim, finish, renew, submit


def _submit(n: int = 1) -> list[int]:
    with session_scope() as session:
        return [submit(session=session, step="办理待办", params={"item_id": i}, label=f"QJ-{i} 办理待办")
                for i in range(n)]


def _claim(worker: str, lease: float = 30):
    with session_scope() as session:
        return claim(session=session, worker=worker, lease_seconds=lease)


def _request(request_id: int) -> StepRequest:
    with session_scope() as session:
        return session.get(StepRequest, request_id)


def test_a_step_is_claimed_once_while_its_lease_runs(any_db):
    request, = _submit()
    first = _claim("w1")
    assert (first.id, first.attempt, first.params) == (request, 1, {"item_id": 0})
    assert _claim("w2") is None


def test_a_dead_workers_step_is_taken_over_and_only_the_new_claim_finishes_it(any_db):
    request, = _submit()
    dead = _claim("w1", lease=-1)  # its lease has already run out: the worker died
    taken = _claim("w2")
    assert (taken.id, taken.attempt) == (request, 2)
    with session_scope() as session:
        assert not finish(session=session, claim=dead, worker="w1", result="late")
        assert finish(session=session, claim=taken, worker="w2", result="已批准")
    row = _request(request)
    assert (row.status, row.result, row.params, row.worker) == (StepStatus.done, "已批准", None, "w2")


def test_a_renewed_lease_keeps_the_step(any_db):
    request, = _submit()
    _claim("w1", lease=-1)
    with session_scope() as session:
        renew(session=session, worker="w1", ids=[request], lease_seconds=30)
    assert _claim("w2") is None


def test_concurrent_workers_claim_every_step_exactly_once(any_db):
    ids = _submit(40)
    claimed: list[int] = []
    lock = threading.Lock()

    def worker(name: str) -> None:
        while (got := _claim(name)) is not None:
            with lock:
                claimed.append(got.id)

    threads = [threading.Thread(target=worker, args=(f"w{n}",)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Counter(claimed) == Counter(ids)


@pytest.mark.parametrize("error", [
    InvalidInput(field="结束日期", message="不能早于开始日期"),
    PolicyViolation(rule="进出管理制度 二", field="到岗日期", message="应提前10个工作日", overridable=True),
    ValidationFailed(problems=[InvalidInput(field="请假类型", message="未知"), InvalidInput(field="事由", message="不能为空")]),
])
def test_a_refusal_comes_back_as_itself(error):
    back = error_from_json(error_to_json(error))
    assert (type(back), str(back), vars(back).keys() - {"problems"}) == (type(error), str(error),
                                                                         vars(error).keys() - {"problems"})
    assert [str(p) for p in getattr(back, "problems", [])] == [str(p) for p in getattr(error, "problems", [])]


def test_any_other_failure_comes_back_as_a_step_failure():
    back = error_from_json(error_to_json(ZeroDivisionError("division by zero")))
    assert isinstance(back, StepFailed) and "ZeroDivisionError" in str(back)
