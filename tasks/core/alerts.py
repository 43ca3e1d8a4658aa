"""Telling the operators that a flow run failed (docs/operations.md: failure automations).

What failed is read back from the Prefect API; the message goes straight to the Apprise
services tagged `role:operators` — not through the outbox, so that an alert still goes out when
the case store is what failed. Apprise never raises: a failed send raises here, so the alert
flow's retries take over. A run that failed because one of its subflows failed (a step and its
procedure's advance) is not alerted again: the subflow's alert names the cause and the case.
"""
from __future__ import annotations

from uuid import UUID

from tasks.core.plain_calls import task
from prefect.client.orchestration import get_client
from prefect.settings import get_current_settings

from models.core.clock import local_now, to_local
from models.core.settings import get_settings
from tasks.core.channels import apprise_for, config_text
from tasks.core.render import render_email

OPERATORS_TAG = "role:operators"
STATE_LABELS = {"Failed": "失败", "Crashed": "崩溃", "TimedOut": "超时"}


def _has_failed_subflow(client, run_id: UUID) -> bool:
    from prefect.client.schemas.filters import (FlowRunFilter, FlowRunFilterParentFlowRunId,
                                                FlowRunFilterState, FlowRunFilterStateType)
    from prefect.client.schemas.objects import StateType

    failed = FlowRunFilter(parent_flow_run_id=FlowRunFilterParentFlowRunId(any_=[run_id]),
                           state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.FAILED,
                                                                                     StateType.CRASHED])))
    return bool(client.read_flow_runs(flow_run_filter=failed, limit=1))


def describe_flow_run(flow_run_id: str) -> dict | None:
    """The facts of a flow run the alert names: flow, run, deployment, tags, state and its message;
    None when a subflow of the run failed too (that subflow's alert is the one to send)."""
    with get_client(sync_client=True) as client:
        run = client.read_flow_run(UUID(flow_run_id))
        if _has_failed_subflow(client, run.id):
            return None
        flow = client.read_flow(run.flow_id)
        deployment = client.read_deployment(run.deployment_id).name if run.deployment_id else ""
    ui = get_current_settings().ui_url
    state = run.state
    return {"flow": flow.name, "run": run.name, "deployment": deployment, "tags": sorted(run.tags),
            "state": STATE_LABELS.get(state.name, state.name) if state else "失败",
            "message": (state.message if state and state.message else "（无说明）"),
            "at": to_local(state.timestamp) if state else local_now(),
            "url": f"{ui}/runs/flow-run/{run.id}" if ui else ""}


def send_to_operators(*, subject: str, body: str) -> int:
    """Send to every service tagged role:operators; returns how many; raises if any failed."""
    notifier = apprise_for(config_text(get_settings().apprise_config))
    services = [s for s in notifier if OPERATORS_TAG in {str(t) for t in s.tags}]
    if not services:
        raise RuntimeError(f"通知渠道配置中没有带标签 {OPERATORS_TAG} 的地址，告警无法发出")
    failed = [s.service_name for s in services if not s.notify(body=body, title=subject, body_format="text")]
    if failed:
        raise RuntimeError(f"告警未能发出：{'、'.join(failed)}")
    return len(services)


def compose_alert_text(flow_run_id: str) -> tuple[str, str] | None:
    """The alert's subject and body (templates/core/operator_alert.email.txt); None: nothing to send."""
    facts = describe_flow_run(flow_run_id)
    return render_email("operator_alert", **facts) if facts else None


def compose_step_alert_text(*, case_ref: str, step: str, message: str, task_run_id: str) -> tuple[str, str]:
    """The alert for a case step that failed on a step worker (flows/core/step_session.py)."""
    ui = get_current_settings().ui_url
    facts = {"flow": "办理会话", "run": f"{case_ref} {step}".strip(), "deployment": "",
             "tags": [case_ref] if case_ref and case_ref != "新案件" else [], "state": "失败",
             "message": message or "（无说明）", "at": local_now(),
             "url": f"{ui}/runs/task-run/{task_run_id}" if ui and task_run_id else ""}
    return render_email("operator_alert", **facts)


compose_step_alert_text_task = task(name="整理失败步骤信息")(compose_step_alert_text)
compose_alert_text_task = task(name="整理失败运行信息")(compose_alert_text)
send_to_operators_task = task(name="通知运维人员")(send_to_operators)
