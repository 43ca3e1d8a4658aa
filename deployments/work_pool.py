"""The other way to spread the center over machines: every deployment on a process work pool,
run by `prefect worker start --pool NAME` on each machine (docs/operations.md).

A process worker starts each run in a fresh directory; the deployments carry a pull step that
moves into `code_dir`, so every worker machine needs the project installed at that same path.
Registering here replaces the served form of the same deployments (and the other way round):
use either `center serve` or workers, not both.
"""
from __future__ import annotations

from pathlib import Path
from uuid import UUID


def ensure_process_pool(name: str) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.exceptions import ObjectNotFound

    with get_client(sync_client=True) as client:
        try:
            client.read_work_pool(name)
        except ObjectNotFound:
            client.create_work_pool(WorkPoolCreate(name=name, type="process"))


def deploy_to_pool(pool: str, *, code_dir: Path) -> list:
    """Register every deployment on the process work pool `pool` (created if missing), then the
    failure alert. Returns the deployments."""
    from prefect.runner.storage import LocalStorage

    from deployments.automations import ALERT_DEPLOYMENT, ensure_failure_alert
    from deployments.schedules import deployments

    ensure_process_pool(pool)
    items = deployments()
    ids: dict[str, UUID] = {}
    for deployment in items:
        deployment.storage = LocalStorage(path=str(code_dir.resolve()))
        ids[deployment.name] = deployment.apply(work_pool_name=pool)
    ensure_failure_alert(ids[ALERT_DEPLOYMENT])
    return items
