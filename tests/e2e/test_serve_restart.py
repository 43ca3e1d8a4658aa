"""`center serve` is stopped and started again (pause_on_shutdown=False): the schedules stay
active, each once, and the failure alert stays one automation."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from support.prefect_server import wait_until

pytestmark = pytest.mark.postgres
SWEEP = "期限检查/deadline-sweep"


def _schedules(cluster, name: str) -> list[tuple[str, str, bool]]:
    deployment = cluster.get(f"/deployments/name/{name}")
    return sorted((s["schedule"]["cron"], s["schedule"]["timezone"], s["active"] and not deployment["paused"])
                  for s in deployment["schedules"])


@pytest.fixture(scope="module")
def restart(cluster):
    """Stop the first serve process, note the schedules, start a new one, note them again."""
    stopped = cluster.serves[0]
    code = stopped.stop()
    after_stop = _schedules(cluster, SWEEP)
    since = datetime.now(timezone.utc)
    again = cluster.new_serve("serve-restarted")
    cluster.serves.append(again)
    again.start()
    cluster.wait_served(again)
    wait_until(lambda: datetime.fromisoformat(cluster.get(f"/deployments/name/{SWEEP}")["updated"]) > since,
               timeout=300, what="重新启动后部署已重新登记", process=again)
    return {"code": code, "after_stop": after_stop, "after_restart": _schedules(cluster, SWEEP)}


EXPECTED = [("0 16 * * *", "Asia/Shanghai", True), ("30 8 * * *", "Asia/Shanghai", True)]


def test_serve_stops_cleanly_on_sigterm(restart):
    assert restart["code"] == 0


def test_stopping_serve_leaves_the_sweep_schedules_active(restart):
    assert restart["after_stop"] == EXPECTED


def test_restarting_serve_keeps_each_sweep_schedule_once_and_active(restart):
    assert restart["after_restart"] == EXPECTED


def test_restarting_serve_keeps_one_failure_automation(restart, cluster):
    from deployments.automations import ALERT_AUTOMATION

    names = [a["name"] for a in cluster.post("/automations/filter")]
    assert names.count(ALERT_AUTOMATION) == 1
