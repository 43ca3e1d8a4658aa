"""Which events the failure-alert automation reacts to, evaluated by the server's own trigger
model (no server needed)."""
from __future__ import annotations

from datetime import datetime, timezone
from uuid import uuid4

import pytest

from deployments.automations import FAILED_RUN_ID, failure_alert


def _event(name: str, flow: str):
    from prefect.server.events.schemas.events import ReceivedEvent

    now = datetime.now(timezone.utc)
    return ReceivedEvent(
        id=uuid4(), occurred=now, received=now, event=name,
        resource={"prefect.resource.id": f"prefect.flow-run.{uuid4()}", "prefect.resource.name": "brave-fox"},
        related=[{"prefect.resource.id": f"prefect.flow.{uuid4()}", "prefect.resource.role": "flow",
                  "prefect.resource.name": flow}])


@pytest.fixture(scope="module")
def trigger():
    from prefect.server.events.schemas.automations import EventTrigger

    return EventTrigger.model_validate(failure_alert(uuid4()).trigger.model_dump(mode="json"))


@pytest.mark.parametrize("state", ["Failed", "Crashed", "TimedOut"])
def test_a_procedure_run_that_ends_badly_triggers_the_alert(trigger, state):
    assert trigger.covers(_event(f"prefect.flow-run.{state}", "办理待办"))


@pytest.mark.parametrize("state", ["Completed", "Running", "Cancelled"])
def test_a_run_that_ends_well_or_is_cancelled_does_not(trigger, state):
    assert not trigger.covers(_event(f"prefect.flow-run.{state}", "办理待办"))


def test_the_alert_flows_own_failure_does_not_trigger_it(trigger):
    assert not trigger.covers(_event("prefect.flow-run.Failed", "运维告警"))


def test_the_alert_runs_the_deployment_for_the_failed_run():
    deployment_id = uuid4()
    action, = failure_alert(deployment_id).actions
    assert (action.deployment_id, action.parameters) == (deployment_id, {"flow_run_id": FAILED_RUN_ID})


def _step_event(name: str):
    from prefect.server.events.schemas.events import ReceivedEvent

    now = datetime.now(timezone.utc)
    return ReceivedEvent(
        id=uuid4(), occurred=now, received=now, event=name,
        resource={"prefect.resource.id": "center.case.QJ-2026-000001", "prefect.resource.name": "QJ-2026-000001",
                  "center.step": "办理待办"},
        related=[{"prefect.resource.id": f"prefect.task-run.{uuid4()}", "prefect.resource.role": "task-run"}],
        payload={"task_run_id": str(uuid4()), "step": "办理待办", "message": "RuntimeError: 故障"})


@pytest.fixture(scope="module")
def step_trigger():
    from prefect.server.events.schemas.automations import EventTrigger

    from deployments.automations import step_failure_alert

    return EventTrigger.model_validate(step_failure_alert(uuid4()).trigger.model_dump(mode="json"))


def test_a_failed_step_on_a_worker_triggers_the_step_alert(step_trigger):
    assert step_trigger.covers(_step_event("center.case.step.failed"))


@pytest.mark.parametrize("outcome", ["completed", "refused"])
def test_a_completed_or_refused_step_does_not(step_trigger, outcome):
    assert not step_trigger.covers(_step_event(f"center.case.step.{outcome}"))


def test_the_step_alert_passes_the_case_the_step_and_the_reason():
    from deployments.automations import STEP_FAILURE_PARAMETERS, step_failure_alert

    deployment_id = uuid4()
    action, = step_failure_alert(deployment_id).actions
    assert (action.deployment_id, action.parameters) == (deployment_id, STEP_FAILURE_PARAMETERS)
    assert set(STEP_FAILURE_PARAMETERS) == {"case_ref", "step", "message", "task_run_id"}
