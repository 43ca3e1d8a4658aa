"""The deadline sweep (docs/operations.md): every procedure's due-date rules, reminders and
escalations queued with idempotency keys, a report as a Prefect artifact."""
from __future__ import annotations

from datetime import datetime

from prefect import get_run_logger, tags

from flows.plain_calls import flow

from flows.registry import advance_flow, advancer_kinds
from models.core.clock import local_now, to_local
from tasks.sweep import find_stranded_cases_task, publish_report_task, collect_and_queue_task
from tasks.sweep import failures_message


def advance_stranded(as_of: datetime, dry_run: bool) -> tuple[dict[str, str], list[str]]:
    """Cases left in their initial status by an interrupted opening command: run their advance
    flow again (idempotent). Returns (ref → status reached, refs that failed): every case is tried."""
    stranded = find_stranded_cases_task(as_of=as_of, kinds=advancer_kinds())
    if dry_run:
        return {ref: "（试运行）" for ref, _ in stranded}, []
    done, failed = {}, []
    for ref, kind in stranded:
        try:
            with tags(ref):
                done[ref] = advance_flow(kind)(case_ref=ref, actor="system")
        except Exception as error:  # noqa: BLE001 (the other cases still advance; re-raised below)
            get_run_logger().error("推进中断的案件 %s 失败：%s", ref, type(error).__name__)
            failed.append(ref)
    return done, failed


@flow(name="期限检查", log_prints=False)
def deadline_sweep(as_of: datetime | None = None, dry_run: bool = False) -> dict:
    """期限检查：到期前提醒、逾期督办（每项每级只发一次）；非工作日不检查。

    Args:
        as_of: 按此时间检查（默认现在）
        dry_run: 试运行：只报告将发送的提醒，不写入
    """
    moment = to_local(as_of) if as_of else local_now()
    report = collect_and_queue_task(as_of=moment, dry_run=dry_run)
    failed = []
    if report["working_day"]:
        report["stranded"], failed = advance_stranded(moment, dry_run)
    publish_report_task(report=report, as_of=moment, dry_run=dry_run)
    if report.get("failures") and not dry_run:  # after the report: the run fails, the failure alert names them
        raise RuntimeError(failures_message(report))
    if failed:  # after the report: the run fails, and the failure alert names the cases
        raise RuntimeError(f"推进开办时中断的案件失败：{', '.join(failed)}")
    return report


def run_sweep(*, as_of: datetime, dry_run: bool) -> dict:
    return deadline_sweep(as_of=as_of, dry_run=dry_run)
