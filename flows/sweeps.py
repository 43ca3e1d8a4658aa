"""The deadline sweep (DESIGN.md §8): every procedure's due-date rules, reminders and
escalations queued with idempotency keys, a report as a Prefect artifact."""
from __future__ import annotations

from datetime import datetime

from flows.refusals import flow

from models.clock import local_now, to_local
from tasks.sweep import publish_sweep_report, queue_sweep_notices


@flow(name="期限检查", log_prints=False)
def deadline_sweep(as_of: datetime | None = None, dry_run: bool = False) -> dict:
    """期限检查：到期前提醒、逾期督办（每项每级只发一次）；非工作日不检查。

    Args:
        as_of: 按此时间检查（默认现在）
        dry_run: 试运行：只报告将发送的提醒，不写入
    """
    moment = to_local(as_of) if as_of else local_now()
    report = queue_sweep_notices(as_of=moment, dry_run=dry_run)
    publish_sweep_report(report=report, as_of=moment, dry_run=dry_run)
    return report


def run_sweep(*, as_of: datetime, dry_run: bool) -> dict:
    return deadline_sweep(as_of=as_of, dry_run=dry_run)
