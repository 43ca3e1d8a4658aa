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


def test_a_failed_flow_run_is_mailed_to_the_operators(cluster, prefect_api, smtp_server):
    from prefect.settings import get_current_settings

    before = len(smtp_server.to(OPERATORS))
    with pytest.raises(RuntimeError):
        always_fails("QJ-2026-009999")
    assert get_current_settings().api.url == cluster.api_url
    alerts = wait_until(lambda: smtp_server.to(OPERATORS)[before:], timeout=90, what="运维告警邮件")
    body = smtp_server.text(alerts[0])
    assert "告警测试：必然失败" in alerts[0]["Subject"] and "QJ-2026-009999 的测试故障" in body


def test_the_alert_flows_own_failures_do_not_trigger_it(cluster):
    automation, = cluster.post("/automations/filter")
    assert automation["trigger"]["match_related"]["prefect.resource.name"] == "!运维告警"
