"""Failure alerting against a real Prefect server: a flow run fails → the automation runs the
alert deployment on a `center serve` process → the operators' mailbox (role:operators) gets it."""
from __future__ import annotations

import pytest
from prefect import flow

from support.prefect_server import wait_until

pytestmark = pytest.mark.postgres
OPERATORS = "ops@example.gov.cn"  # examples/apprise.yaml, tag role:operators


@flow(name="告警测试：必然失败")
def always_fails(case_ref: str) -> None:
    raise RuntimeError(f"案件 {case_ref} 的测试故障")


def _alerts_about(smtp_server, flow_name: str) -> list:
    return [m for m in smtp_server.to(OPERATORS) if flow_name in m["Subject"]]


def test_a_failed_flow_run_is_mailed_to_the_operators(cluster, prefect_api, smtp_server):
    with pytest.raises(RuntimeError):
        always_fails("QJ-2026-009999")
    alert, *_ = wait_until(lambda: _alerts_about(smtp_server, "告警测试：必然失败"), timeout=300,
                           what="运维告警邮件", context=cluster.logs)
    assert "QJ-2026-009999 的测试故障" in smtp_server.text(alert)


def test_two_serve_processes_set_up_one_failure_automation(cluster):
    from deployments.automations import ALERT_AUTOMATION

    assert [a["name"] for a in cluster.post("/automations/filter")].count(ALERT_AUTOMATION) == 1


def test_setting_up_the_alert_again_keeps_the_same_automation(cluster, prefect_api, capsys):
    from support.cli import run_cli

    before = [a["id"] for a in cluster.post("/automations/filter")]
    result = run_cli(capsys, "setup-alerts")
    assert result.code == 0 and [a["id"] for a in cluster.post("/automations/filter")] == before
