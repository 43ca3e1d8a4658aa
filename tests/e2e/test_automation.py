"""Failure alerting against a real Prefect server: a flow run fails → the automation runs the
alert deployment on a `center serve` process → the operators' mailbox (role:operators) gets it,
once per failure."""
from __future__ import annotations

import pytest
from prefect import flow, tags

from support.prefect_server import wait_until

pytestmark = pytest.mark.postgres
OPERATORS = "ops@example.gov.cn"  # examples/apprise.yaml, tag role:operators
ALERT_DEPLOYMENT = "运维告警/alert-operators"


@flow(name="告警测试：办理步骤")
def failing_step(case_ref: str) -> None:
    raise RuntimeError(f"案件 {case_ref} 的测试故障")


@flow(name="告警测试：外层流程")
def failing_parent(case_ref: str) -> None:
    with tags(case_ref):
        failing_step(case_ref)


@pytest.fixture(scope="module")
def drill(cluster, smtp_server):
    """A step failing inside its parent, and the alert runs for both, finished."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(updates={PREFECT_API_URL: cluster.api_url}):
        parent_id = str(failing_parent("QJ-2026-009999", return_state=True).state_details.flow_run_id)
    child, = cluster.post("/flow_runs/filter", {"flow_runs": {"parent_flow_run_id": {"any_": [parent_id]}}})
    failed = {parent_id, child["id"]}
    alert = cluster.get(f"/deployments/name/{ALERT_DEPLOYMENT}")

    def alert_runs_done():
        runs = cluster.post("/flow_runs/filter", {"flow_runs": {"deployment_id": {"any_": [alert["id"]]}}})
        done = [r for r in runs if r["parameters"].get("flow_run_id") in failed and r["state_type"] == "COMPLETED"]
        return len(done) == 2

    wait_until(alert_runs_done, timeout=300, what="两个告警运行完成", interval=1, context=cluster.logs)
    return [m for m in smtp_server.to(OPERATORS) if "告警测试" in m["Subject"]]


def test_a_failed_step_is_mailed_to_the_operators_with_its_case(drill, smtp_server):
    mail, = [m for m in drill if "告警测试：办理步骤" in m["Subject"]]
    assert all(text in smtp_server.text(mail) for text in ("QJ-2026-009999 的测试故障", "标签（案件编号）：QJ-2026-009999"))


def test_the_parent_failing_with_its_step_is_not_mailed_again(drill):
    assert [m for m in drill if "告警测试：外层流程" in m["Subject"]] == []


def test_two_serve_processes_set_up_one_failure_automation(cluster):
    from deployments.automations import ALERT_AUTOMATION

    assert [a["name"] for a in cluster.post("/automations/filter")].count(ALERT_AUTOMATION) == 1


def test_setting_up_the_alert_again_keeps_the_same_automation(cluster, prefect_api, capsys):
    from support.cli import run_cli

    before = [a["id"] for a in cluster.post("/automations/filter")]
    result = run_cli(capsys, "setup-alerts")
    assert result.code == 0 and [a["id"] for a in cluster.post("/automations/filter")] == before


def test_processes_removing_the_same_duplicate_alerts_at_once_all_start(cluster):
    """Serve processes starting together each delete the duplicates they see: a duplicate already
    deleted by another (404) is not an error, and one automation is left, the oldest."""
    from concurrent.futures import ThreadPoolExecutor
    from contextvars import copy_context
    from threading import Barrier
    from uuid import UUID

    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from deployments.automations import ALERT_AUTOMATION, ensure_failure_alert, failure_alert

    deployment_id = UUID(cluster.get(f"/deployments/name/{ALERT_DEPLOYMENT}")["id"])
    with temporary_settings(updates={PREFECT_API_URL: cluster.api_url}):
        with get_client(sync_client=True) as client:
            for _ in range(3):
                client.create_automation(failure_alert(deployment_id))
        ids = sorted(a["id"] for a in cluster.post("/automations/filter") if a["name"] == ALERT_AUTOMATION)
        gate = Barrier(6)

        def start(context):  # each thread in a copy of this context: the cluster's API URL
            gate.wait()
            return context.run(ensure_failure_alert, deployment_id)

        with ThreadPoolExecutor(max_workers=6) as pool:
            kept = set(pool.map(start, [copy_context() for _ in range(6)]))
    assert len(ids) == 4 and kept == {UUID(ids[0])}
    assert [a["id"] for a in cluster.post("/automations/filter") if a["name"] == ALERT_AUTOMATION] == [ids[0]]
