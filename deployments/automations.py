"""Failure alerting as a Prefect Automation (docs/operations.md), created idempotently.

Trigger: a flow run entered Failed, Crashed or TimedOut. Action: run the alert deployment
(flows/core/alerts.py) for that run, which sends the alert through the Apprise services tagged
`role:operators`. Why not `SendNotification`: the server would have to send the mail itself
through a notification block, and the stock blocks of a self-hosted server take no general
Apprise URL (AppriseNotificationBlock is abstract, custom block types cannot be loaded by the
server); a deployment keeps the channel, its credentials and the Chinese template with the
project. Runs of the alert flow itself are excluded, so a failing alert cannot loop.
"""
from __future__ import annotations

from datetime import timedelta
from uuid import UUID

ALERT_AUTOMATION = "流程运行失败告警"
ALERT_DEPLOYMENT = "alert-operators"
# Rendered by the server as a string. A bare "{{ flow_run.id }}" is upgraded to `| tojson`, which
# fails on a UUID (InvalidJinja): hence the explicit template kind.
FAILED_RUN_ID = {"__prefect_kind": "jinja", "template": "{{ flow_run.id }}"}
FAILURE_EVENTS = {"prefect.flow-run.Failed", "prefect.flow-run.Crashed", "prefect.flow-run.TimedOut"}


def failure_alert(deployment_id: UUID):
    """The automation's definition, pointing at the alert deployment `deployment_id`."""
    from prefect.events.actions import RunDeployment
    from prefect.events.schemas.automations import AutomationCore, EventTrigger, Posture

    from flows.core.alerts import ALERT_FLOW_NAME

    return AutomationCore(
        name=ALERT_AUTOMATION,
        description="任一流程运行失败、崩溃或超时，即通过通知渠道 role:operators 告知运维人员。",
        trigger=EventTrigger(
            expect=FAILURE_EVENTS, match={"prefect.resource.id": "prefect.flow-run.*"},
            match_related={"prefect.resource.role": "flow", "prefect.resource.name": f"!{ALERT_FLOW_NAME}"},
            posture=Posture.Reactive, threshold=1, within=timedelta(0)),
        actions=[RunDeployment(source="selected", deployment_id=deployment_id,
                               parameters={"flow_run_id": FAILED_RUN_ID})],
    )


STEP_ALERT_AUTOMATION = "办理步骤失败告警"
STEP_FAILED_EVENT = "center.case.step.failed"  # flows/core/step_session.py: a step failed (not a refusal)


def _from_event(expression: str) -> dict:
    return {"__prefect_kind": "jinja", "template": "{{ " + expression + " }}"}


STEP_FAILURE_PARAMETERS = {"case_ref": _from_event("event.resource.name"), "step": _from_event("event.payload.step"),
                           "message": _from_event("event.payload.message"),
                           "task_run_id": _from_event("event.payload.task_run_id")}


def step_failure_alert(deployment_id: UUID):
    """The same alert for a case step that failed on a step worker: its session flow run goes on
    (the step is one of its task runs), so the step's own event triggers it."""
    from prefect.events.actions import RunDeployment
    from prefect.events.schemas.automations import AutomationCore, EventTrigger, Posture

    return AutomationCore(
        name=STEP_ALERT_AUTOMATION,
        description="办理进程中任一案件步骤失败（不含对错误输入的拒绝），即通过通知渠道 role:operators 告知运维人员。",
        trigger=EventTrigger(expect={STEP_FAILED_EVENT}, match={"prefect.resource.id": "center.case.*"},
                             posture=Posture.Reactive, threshold=1, within=timedelta(0)),
        actions=[RunDeployment(source="selected", deployment_id=deployment_id, parameters=STEP_FAILURE_PARAMETERS)],
    )


def ensure_failure_alert(deployment_id: UUID) -> UUID:
    """Create both automations, or update those of the same names; never leave two of a name."""
    ensure_automation(step_failure_alert(deployment_id))
    return ensure_automation(failure_alert(deployment_id))


def ensure_automation(desired) -> UUID:
    """Create the automation, or update the one of the same name; never leave two.

    Several `center serve` processes may start at once: each one that sees more than one
    automation of this name keeps the smallest id and deletes the others, so they converge."""
    import httpx
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        existing = client.read_automations_by_name(desired.name)
        if not existing:
            client.create_automation(desired)
            existing = client.read_automations_by_name(desired.name)
        keep, *duplicates = sorted(existing, key=lambda automation: str(automation.id))
        for duplicate in duplicates:
            try:
                client.delete_automation(duplicate.id)
            except httpx.HTTPStatusError as error:  # another process deleted it first
                if error.response.status_code != 404:
                    raise
        client.update_automation(keep.id, desired)
    return keep.id


def alert_deployment(deployments: list):
    """The alert flow's deployment among `deployments` (deployments/schedules.py)."""
    return next(d for d in deployments if d.name == ALERT_DEPLOYMENT)


def setup_failure_alert(deployments: list) -> UUID:
    """Register the alert deployment and point the automation at it; returns the automation id."""
    return ensure_failure_alert(alert_deployment(deployments).apply())
