"""A refusal inside a flow ends the run as a refusal — Completed with "已拒绝：…" — not Failed, so
the failure alert (an automation on prefect.flow-run.Failed) is not triggered; the caller still gets
the same CenterError (issue 19, defect 7). A real fault still fails the run."""
from __future__ import annotations

import uuid
from datetime import datetime

import pytest
from prefect import tags
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterTags
from sqlmodel import select

import support.sample_procedure  # noqa: F401
from flows.core.decide import decide_work_item
from flows.core.plain_calls import flow
from flows.core.refusals import is_refusal
from models.core.cases import WorkItem, open_case
from models.core.db import session_scope
from models.core.errors import InvalidInput, PermissionDenied
from support.prefect_server import wait_until
from support.sample_procedure import advance_sample

ISSUE_19_DEFECTS = (7,)  # counted in the reliability summary when these tests pass

pytestmark = pytest.mark.usefixtures("org")


@flow(name="拒绝测试：内层")
def refusing_child(value: int) -> int:
    if value < 0:
        raise InvalidInput(field="value", message="不能为负数")
    return value


@flow(name="拒绝测试：外层")
def refusing_parent(value: int) -> int:
    return refusing_child(value) + 1


@flow(name="拒绝测试：故障")
def faulty(value: int) -> int:
    raise RuntimeError("真正的故障")


def _runs(tag: str):
    with get_client(sync_client=True) as client:
        return client.read_flow_runs(flow_run_filter=FlowRunFilter(tags=FlowRunFilterTags(all_=[tag])))


def _events(run_id) -> list[str]:
    with get_client(sync_client=True) as client:
        response = client._client.post("/events/filter", json={
            "filter": {"any_resource": {"id": [f"prefect.flow-run.{run_id}"]},
                       "event": {"prefix": ["prefect.flow-run."]}}, "limit": 50})
        return [e["event"] for e in response.json()["events"]]


def _assert_refused_not_failed(run) -> None:
    assert run.state.type.value == "COMPLETED" and run.state.message.startswith("已拒绝："), run.state
    assert is_refusal(run.state)
    wait_until(lambda: "prefect.flow-run.Completed" in _events(run.id), timeout=120, what="运行结束的事件")
    assert "prefect.flow-run.Failed" not in _events(run.id)


def _sample_item() -> int:
    with session_scope() as session:
        case, _ = open_case(session=session, kind="sample", actor="S0102", title="测试", policy={},
                            window_id="W01", at=datetime(2026, 10, 9, 10))
    advance_sample(case.ref, "S0102")
    with session_scope() as session:
        return session.exec(select(WorkItem.id).where(WorkItem.case_ref == case.ref)).one()


def test_a_refused_decision_completes_its_run_and_reaches_the_caller():
    item_id, tag = _sample_item(), f"refusal-{uuid.uuid4().hex}"
    with tags(tag), pytest.raises(PermissionDenied, match="只能处理本窗口的事项"):
        decide_work_item(item_id=item_id, actor="S0201", decision={"approve": True})
    (run,) = _runs(tag)
    _assert_refused_not_failed(run)


def test_a_refusal_in_a_subflow_completes_both_runs():
    tag = f"refusal-{uuid.uuid4().hex}"
    with tags(tag), pytest.raises(InvalidInput, match="不能为负数"):
        refusing_parent(-1)
    runs = _runs(tag)
    assert len(runs) == 2
    for run in runs:
        _assert_refused_not_failed(run)
    with tags(f"refusal-{uuid.uuid4().hex}"):
        assert refusing_parent(1) == 2


def test_a_real_fault_still_fails_the_run():
    tag = f"fault-{uuid.uuid4().hex}"
    with tags(tag), pytest.raises(RuntimeError):
        faulty(1)
    (run,) = _runs(tag)
    assert run.state.type.value == "FAILED" and not is_refusal(run.state)
