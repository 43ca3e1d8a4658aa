"""`make demo`: the system end to end on the embedded defaults (SQLite under var/demo, a
temporary Prefect API, a local SMTP server and SMS sink that the demo starts and stops)."""
from __future__ import annotations

import os
import shutil
import time
from datetime import date, datetime
from pathlib import Path

from rich.console import Console
from rich.rule import Rule

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "var" / "demo"


def _prepare_environment(extra: dict[str, str]) -> None:
    shutil.rmtree(DATA, ignore_errors=True)
    os.environ.update({"CENTER_DATA_DIR": str(DATA), "CENTER_APPRISE_CONFIG": str(ROOT / "examples" / "apprise.yaml"),
                       "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_LOGGING_LEVEL": "CRITICAL", **extra})
    os.environ.pop("CENTER_DATABASE_URL", None)


def _foundations(console: Console, mailbox) -> None:
    from models.calendar import load_calendar
    from models.db import session_scope
    from models.migrate import upgrade
    from models.org import Staff
    from models.org_import import import_org
    from models.recipients import person
    from tasks.delivery import deliver_due
    from tasks.messages import queue_notice

    console.print(f"案件库：{upgrade()}")
    with session_scope() as session:
        counts = import_org(session=session, path=ROOT / "examples" / "org.yaml")
        calendar = load_calendar(session=session)
    console.print(f"示例组织架构：部门 {counts['departments']} 个，窗口 {counts['windows']} 个，人员 {counts['staff']} 名")
    console.print("工作日历（国庆 2026）：")
    for start, n in ((date(2026, 9, 30), 1), (date(2026, 9, 30), 3), (date(2026, 10, 9), 1)):
        console.print(f"  {start} 之后第 {n} 个工作日：{calendar.add_working_days(start, n)}")
    deadline = calendar.deadline(datetime(2026, 9, 30, 18, 0), 3, time_close())
    console.print(f"  9月30日18:00 收到、3个工作日内办结：{deadline.at:%Y-%m-%d %H:%M}（下班后收到，从下一个工作日起算）")
    with session_scope() as session:
        queue_notice(session=session, key="demo:hello", case_ref=None, template="test_notice",
                     recipients=[person(session.get(Staff, "S0101"))],
                     context={"name": "张伟", "subject": "系统上线", "text": "窗口管理系统已上线，请查收。"})
    counts = deliver_due()
    console.print(f"通知：发送 {counts['sent']} 条；本地邮件服务器收到 {len(mailbox.mails)} 封，短信网关收到 {len(mailbox.sms)} 条")


def time_close():
    from models.settings import get_settings

    return get_settings().policy.office_close


# (section title, module, the simulated moment it runs at)
SCENARIOS = [
    ("请假：多日病假，两级审批，B岗收到通知", "deployments.demo_leave", datetime(2026, 10, 12, 9, 0)),
    ("投诉：国庆前一天收到，说明理由后延期，按期答复", "deployments.demo_complaint", datetime(2026, 9, 30, 10, 0)),
    ("退回：第三次查证属实的投诉，退回函发送派驻部门", "deployments.demo_return", datetime(2026, 10, 20, 9, 0)),
    ("轮换：超过30%被拒，经例外审批后通过", "deployments.demo_rotation", datetime(2026, 3, 9, 9, 0)),
    ("事项进驻：审核通过并发布办事指南", "deployments.demo_matter", datetime(2026, 10, 14, 9, 0)),
    ("窗口办件：一次性告知书列明全部缺件，补正后受理；非本窗口事项转办", "deployments.demo_service",
     datetime(2026, 10, 15, 9, 0)),
    ("监督：巡查、培训点名、年度考核", "deployments.demo_oversight", datetime(2026, 10, 30, 9, 0)),
]


def _scenarios(console: Console) -> None:
    import importlib

    for title, module, moment in SCENARIOS:
        try:
            scenario = importlib.import_module(module)
        except ModuleNotFoundError:
            continue
        console.print(Rule(title))
        scenario.demo(console, moment)


def _sweep(console: Console) -> None:
    from deployments.sweep_report import print_sweep
    from flows.sweeps import deadline_sweep
    from tasks.delivery import deliver_due

    moment = datetime(2026, 11, 30, 9, 0)
    console.print(Rule("期限检查：模拟 2026-11-30 09:00"))
    print_sweep(deadline_sweep(as_of=moment), moment, False)
    counts = deliver_due()
    console.print(f"提醒与督办已发送 {counts['sent']} 条")


def _summary(console: Console, mailbox) -> None:
    from rich.table import Table
    from sqlmodel import func, select

    from models.cases import Case
    from models.db import session_scope
    from models.outbox import OutboxMessage
    from models.procedures import get_procedure

    with session_scope() as session:
        cases = session.exec(select(Case.kind, Case.status, func.count()).group_by(Case.kind, Case.status)).all()
        messages = session.exec(select(OutboxMessage.channel, OutboxMessage.status, func.count())
                                .group_by(OutboxMessage.channel, OutboxMessage.status)).all()
    table = Table("程序", "状态", "案件数", title="案件汇总")
    for kind, status, count in sorted(cases):
        procedure = get_procedure(kind)
        table.add_row(procedure.label, procedure.status_label(status), str(count))
    console.print(table)
    sent = Table("渠道", "状态", "条数", title="通知汇总")
    for channel, status, count in sorted(messages):
        sent.add_row(channel.value, status.value, str(count))
    console.print(sent)
    console.print(f"本地邮件服务器共收到 {len(mailbox.mails)} 封邮件，短信网关共收到 {len(mailbox.sms)} 条短信")
    console.print(f"案件库与文档：{DATA}；发件箱：center outbox --all；"
                  f"Prefect 界面：运行 `prefect server start` 后打开 http://127.0.0.1:4200")


def main() -> None:
    from deployments.demo_servers import LocalMailbox

    console = Console(highlight=False)
    started = time.monotonic()
    with LocalMailbox() as mailbox:
        _prepare_environment(mailbox.environment())
        console.print(Rule("青浦区行政服务中心窗口管理系统 · 演示"))
        _foundations(console, mailbox)
        _scenarios(console)
        _sweep(console)
        _summary(console, mailbox)
        try:
            from deployments.demo_web import describe
        except ModuleNotFoundError:
            pass
        else:
            describe(console)
    console.print(Rule(f"演示完成，用时 {time.monotonic() - started:.0f} 秒"))


if __name__ == "__main__":
    main()
