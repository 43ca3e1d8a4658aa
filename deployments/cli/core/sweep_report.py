"""Printing a sweep's result at the command line."""
from __future__ import annotations

from datetime import datetime

from rich.table import Table

from deployments.cli.core.console import console


def print_sweep(report: dict, moment: datetime, dry_run: bool) -> None:
    from models.procedures import get_procedure
    from tasks.core.sweep import counts_by_procedure

    if not report["working_day"]:
        console.print(f"{moment:%Y-%m-%d} 不是工作日，期限检查未运行，未写入任何内容")
        return
    mode = "（试运行，未写入）" if dry_run else ""
    console.print(f"期限检查 {moment:%Y-%m-%d %H:%M}{mode}：发现 {report['notices']} 项，新排队通知 {report['queued']} 条")
    print_repairs(report, dry_run)
    if report["notices"]:
        counts = Table("程序", "到期提醒", "逾期督办", title="各程序")
        for label, remind, overdue in counts_by_procedure(report):
            counts.add_row(label, str(remind), str(overdue))
        console.print(counts)
    if report["overdue"]:
        table = Table("案件", "程序", "事项", "期限", title="逾期事项")
        for ref, kind, step, due in report["overdue"]:
            table.add_row(ref, get_procedure(kind).label, step, due)
        console.print(table)
    if report.get("failures"):
        table = Table("程序", "案件", "原因", title="无法计算、已跳过（请核查数据）")
        for procedure, ref, reason in report["failures"]:
            table.add_row(procedure, ref, reason)
        console.print(table)


def print_repairs(report: dict, dry_run: bool) -> None:
    """The repair's part of a sweep (or of `center cases repair`): repaired, failed, 无人可办."""
    if report.get("stranded"):
        verb = "将修复" if dry_run else "已修复"
        console.print(f"{verb}无人推进的案件 {len(report['stranded'])} 件：{'、'.join(report['stranded'])}")
    if report.get("repair_failed"):
        console.print(f"修复失败、已跳过的案件：{'、'.join(report['repair_failed'])}")
    if report.get("unmovable"):
        table = Table("案件", "程序", "状态", title="无人可办（未结、无待办、没有规则能推进）")
        for ref, procedure, status in report["unmovable"]:
            table.add_row(ref, procedure, status)
        console.print(table)
