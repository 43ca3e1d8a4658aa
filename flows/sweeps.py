"""The deadline sweep (DESIGN.md §8): every procedure's due-date rules, reminders and
escalations queued with idempotency keys, a report as a Prefect artifact."""
from __future__ import annotations

from datetime import datetime

from prefect import flow
from prefect.artifacts import create_markdown_artifact

from models.clock import local_now, to_local
from tasks.sweep import queue_sweep_notices


@flow(name="期限检查", log_prints=False)
def deadline_sweep(as_of: datetime | None = None, dry_run: bool = False) -> dict:
    moment = to_local(as_of) if as_of else local_now()
    report = queue_sweep_notices(as_of=moment, dry_run=dry_run)
    create_markdown_artifact(key="deadline-sweep", markdown=_markdown(report, moment, dry_run),
                             description="期限检查结果")
    return report


def _markdown(report: dict, moment: datetime, dry_run: bool) -> str:
    if not report["working_day"]:
        return f"# 期限检查 {moment:%Y-%m-%d %H:%M}\n\n非工作日，未检查。"
    lines = [f"# 期限检查 {moment:%Y-%m-%d %H:%M}{'（试运行）' if dry_run else ''}", "",
             f"发现 {report['notices']} 项，新排队通知 {report['queued']} 条。", "",
             "| 程序:级别 | 数量 |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in sorted(report["by_procedure"].items())]
    if report["overdue"]:
        lines += ["", "## 逾期事项", "", "| 案件 | 程序 | 事项 | 期限 |", "|---|---|---|---|"]
        lines += [f"| {' | '.join(row)} |" for row in report["overdue"]]
    return "\n".join(lines)


def run_sweep(*, as_of: datetime, dry_run: bool) -> dict:
    return deadline_sweep(as_of=as_of, dry_run=dry_run)
