"""The sweep's one side effect: queue the notices every procedure's rules find (or, dry, list them)."""
from __future__ import annotations

from collections import Counter
from datetime import datetime

from tasks.core.plain_calls import task
from prefect.artifacts import create_markdown_artifact

from models.core.calendar import load_calendar
from models.core.db import session_scope
from models.core.outbox import enqueue_many
from models.procedures import get_procedure
from models.core.settings import get_settings
from models.core.sweep import citizens_data, mask_citizens, notices_due
from models.core.sweep_reports import NO_CASE, keep_sweep_report
from tasks.core.handover import open_handovers
from tasks.core.messages import notice_messages


def collect_and_queue(*, as_of: datetime, dry_run: bool) -> dict:
    policy = get_settings().policy
    with session_scope() as session:
        calendar = load_calendar(session=session)
        if not calendar.is_working_day(as_of.date()):
            return {"working_day": False, "notices": 0, "queued": 0, "by_procedure": {}, "overdue": [],
                    "failures": []}
        findings = notices_due(session, as_of, calendar, policy)
        notices = findings.notices
        queued = handovers = 0
        if not dry_run:  # every message in one statement
            handovers = open_handovers(session=session, as_of=as_of)  # AB岗 6: 代行情况 on return
            queued = enqueue_many(session=session, messages=[
                m for n in notices for m in notice_messages(key=n.key, case_ref=n.case_ref, recipients=n.recipients,
                                                            template=n.template, context=n.context)])
        else:
            session.rollback()
        overdue = [n for n in notices if n.level == "overdue"]
        names, contacts = citizens_data(session=session, refs={n.case_ref for n in overdue if n.case_ref}
                                        | {f.case_ref for f in findings.failures if f.case_ref})
    overdue_rows = sorted({(n.case_ref or NO_CASE, n.procedure,
                            mask_citizens(str(n.context.get("step", "")), names=names, contacts=contacts),
                            n.due_at.strftime("%Y-%m-%d %H:%M") if n.due_at else "") for n in overdue})
    return {"working_day": True, "notices": len(notices), "queued": queued, "handovers": handovers,
            "by_procedure": dict(Counter(f"{n.procedure}:{n.level}" for n in notices)),
            "overdue": [list(row) for row in overdue_rows],
            "failures": [[f.procedure, f.case_ref or NO_CASE, mask_citizens(f.reason, names=names, contacts=contacts)]
                         for f in findings.failures]}


def failures_message(report: dict) -> str:
    """Why the sweep's run fails after its report (the operators' failure alert names the cases)."""
    return "期限检查有无法计算的规则或案件（已跳过，其余已提醒）：" + "；".join(
        f"{procedure} {ref}：{reason}" for procedure, ref, reason in report["failures"])


def counts_by_procedure(report: dict) -> list[tuple[str, int, int]]:
    """(procedure label, reminders, escalations) per procedure found by the sweep."""
    counts: dict[str, Counter] = {}
    for key, n in report["by_procedure"].items():
        kind, level = key.split(":")
        counts.setdefault(kind, Counter())[level] += n
    return [(get_procedure(kind).label, c["remind"], c["overdue"]) for kind, c in sorted(counts.items())]


def report_markdown(report: dict, *, as_of: datetime, dry_run: bool) -> str:
    """The sweep's report for the Prefect UI: counts per procedure, the overdue list (masked)."""
    title = f"# 期限检查 {as_of:%Y-%m-%d %H:%M}{'（试运行，未写入）' if dry_run else ''}"
    if not report["working_day"]:
        return f"{title}\n\n非工作日，未检查。"
    lines = [title, "", f"发现 {report['notices']} 项，新排队通知 {report['queued']} 条。", "",
             "| 程序 | 到期提醒 | 逾期督办 |", "|---|---|---|"]
    lines += [f"| {label} | {remind} | {overdue} |" for label, remind, overdue in counts_by_procedure(report)]
    if report.get("stranded"):
        lines += ["", f"无人推进的案件 {len(report['stranded'])} 件{'将' if dry_run else '已'}修复："
                      f"{'、'.join(report['stranded'])}"]
    if report.get("repair_failed"):
        lines += ["", f"修复失败、已跳过的案件：{'、'.join(report['repair_failed'])}"]
    if report.get("unmovable"):
        lines += ["", "## 无人可办（未结、无待办、没有规则能推进）", "", "| 案件 | 程序 | 状态 |", "|---|---|---|"]
        lines += [f"| {ref} | {procedure} | {status} |" for ref, procedure, status in report["unmovable"]]
    if report["overdue"]:
        lines += ["", "## 逾期事项（个人信息已遮蔽）", "", "| 案件 | 程序 | 事项 | 期限 |", "|---|---|---|---|"]
        lines += [f"| {ref} | {get_procedure(kind).label} | {step} | {due} |" for ref, kind, step, due in report["overdue"]]
    if report.get("failures"):
        lines += ["", "## 无法计算、已跳过（请核查数据）", "", "| 程序 | 案件 | 原因 |", "|---|---|---|"]
        lines += [f"| {procedure} | {ref} | {reason} |" for procedure, ref, reason in report["failures"]]
    return "\n".join(lines)


def publish_report(*, report: dict, as_of: datetime, dry_run: bool) -> None:
    create_markdown_artifact(key="deadline-sweep", markdown=report_markdown(report, as_of=as_of, dry_run=dry_run),
                             description="期限检查结果")


def keep_report(*, report: dict, as_of: datetime) -> None:
    """Keep the findings of a real sweep in the case store, where 管理总览 reads them."""
    with session_scope() as session:
        keep_sweep_report(session=session, report=report, ran_at=as_of)


collect_and_queue_task = task(name="期限检查：排队提醒", retries=2, retry_delay_seconds=5)(collect_and_queue)
publish_report_task = task(name="期限检查：发布报告")(publish_report)
keep_report_task = task(name="期限检查：保存结果")(keep_report)
