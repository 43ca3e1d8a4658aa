"""The deadline sweep (docs/operations.md): every procedure's due-date rules, reminders and
escalations queued with idempotency keys, a report as a Prefect artifact."""
from __future__ import annotations

from datetime import datetime

from prefect import get_run_logger, tags

from flows.core.plain_calls import flow

from flows.core.registry import advance_flow, advancer_kinds
from models.core.clock import local_now, to_local
from tasks.core.repair import (ADVANCE, SYSTEM, alert_operators_task, find_stuck_cases_task, record_repair_task,
                          reopen_step_task, unmovable_rows)
from tasks.core.sweep import collect_and_queue_task, failures_message, keep_report_task, publish_report_task


def repair_stuck(as_of: datetime, dry_run: bool) -> dict:
    """Cases nobody is moving (tasks/core/repair.py): advance each, or reopen its work item, once and
    audited; list those no rule can move (无人可办); tell the operators when any were found. One
    failing case is logged and skipped. Returns the report's part: stranded (ref → status reached),
    unmovable ([ref, procedure, status]), repair_failed (refs)."""
    found = find_stuck_cases_task(as_of=as_of, kinds=advancer_kinds())
    repaired, failed = {}, [s.ref for s in found if s.error]
    for stuck in (s for s in found if s.remedy and not s.error):
        if dry_run:
            repaired[stuck.ref] = "（试运行）"
            continue
        try:
            with tags(stuck.ref):
                if stuck.remedy == ADVANCE:
                    repaired[stuck.ref] = advance_flow(stuck.kind)(case_ref=stuck.ref, actor=SYSTEM)
                    record_repair_task(case_ref=stuck.ref, before=stuck.status, now=as_of)
                else:
                    repaired[stuck.ref] = reopen_step_task(case_ref=stuck.ref, now=as_of)
        except Exception as error:  # noqa: BLE001 (the other cases are still repaired; re-raised below)
            get_run_logger().error("修复无人推进的案件 %s 失败：%s", stuck.ref, type(error).__name__)
            repaired.pop(stuck.ref, None)
            failed.append(stuck.ref)
    unmovable = unmovable_rows(found)
    if found and not dry_run:
        try:
            alert_operators_task(repaired=list(repaired), unmovable=[row[0] for row in unmovable], failed=failed,
                                 at=as_of)
        except Exception as error:  # noqa: BLE001 (an alert that cannot go out does not undo the repairs)
            get_run_logger().error("无人推进的案件告警未能发出：%s", error)
    return {"stranded": repaired, "unmovable": unmovable, "repair_failed": failed}


@flow(name="修复无人推进的案件", log_prints=False)
def repair_cases(as_of: datetime | None = None, dry_run: bool = False) -> dict:
    """修复无人推进的案件：未结、无待办、超过宽限时间无变化的案件，按规则继续推进或重新开出待办。

    Args:
        as_of: 按此时间检查（默认现在）
        dry_run: 试运行：只列出，不写入
    """
    return repair_stuck(to_local(as_of) if as_of else local_now(), dry_run)  # failures: in the alert


@flow(name="期限检查", log_prints=False)
def deadline_sweep(as_of: datetime | None = None, dry_run: bool = False) -> dict:
    """期限检查：到期前提醒、逾期督办（每项每级只发一次）；非工作日不检查。

    Args:
        as_of: 按此时间检查（默认现在）
        dry_run: 试运行：只报告将发送的提醒，不写入
    """
    moment = to_local(as_of) if as_of else local_now()
    report = collect_and_queue_task(as_of=moment, dry_run=dry_run)
    if report["working_day"]:
        report.update(repair_stuck(moment, dry_run))
    publish_report_task(report=report, as_of=moment, dry_run=dry_run)
    if report["working_day"] and not dry_run:  # 管理总览 shows the last real sweep's findings; a day off writes nothing
        keep_report_task(report=report, as_of=moment)
    if report.get("failures") and not dry_run:  # after the report: the run fails, the failure alert names them
        raise RuntimeError(failures_message(report))
    if report.get("repair_failed"):  # after the report: the run fails, and the failure alert names the cases
        raise RuntimeError(f"修复无人推进的案件失败：{', '.join(report['repair_failed'])}")
    return report


def run_sweep(*, as_of: datetime, dry_run: bool) -> dict:
    return deadline_sweep(as_of=as_of, dry_run=dry_run)
