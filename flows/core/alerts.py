"""Failure alerting (docs/operations.md): the flow the failure automation runs for every failed,
crashed or timed-out flow run — it tells the operators what failed, through `role:operators`."""
from __future__ import annotations

from flows.core.plain_calls import flow

from tasks.core.alerts import compose_alert_text_task, compose_step_alert_text_task, send_to_operators_task

ALERT_FLOW_NAME = "运维告警"


@flow(name=ALERT_FLOW_NAME, retries=2, retry_delay_seconds=30)
def alert_operators(flow_run_id: str = "", case_ref: str = "", step: str = "", message: str = "",
                    task_run_id: str = "") -> int:
    """通知运维人员：某个流程运行失败、崩溃或超时（因子流程失败而失败的，只就子流程通知一次），或办理进程中某个案件步骤失败。

    Args:
        flow_run_id: 失败的流程运行的 ID（由失败告警自动化填入）
        case_ref: 失败步骤的案件编号（由办理步骤失败告警填入）
        step: 失败的步骤
        message: 失败原因
        task_run_id: 失败步骤的任务运行 ID
    """
    if not flow_run_id:
        subject, body = compose_step_alert_text_task(case_ref=case_ref, step=step, message=message, task_run_id=task_run_id)
        return send_to_operators_task(subject=subject, body=body)
    alert = compose_alert_text_task(flow_run_id)
    if alert is None:  # failed with a subflow, whose own alert names the cause
        return 0
    subject, body = alert
    return send_to_operators_task(subject=subject, body=body)
