"""`make demo`: the system end to end on the embedded defaults (SQLite under var/demo, a
temporary Prefect API, a local SMTP server and SMS sink that the demo starts and stops)."""
from __future__ import annotations

import importlib
import os
import shutil
import time
from datetime import date, datetime
from pathlib import Path

from rich.console import Console
from rich.rule import Rule

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "var" / "demo"


# The temporary Prefect server the demo's flows run against (started once, at the start). On
# SQLite its task-run recorder and event persister, writing as events arrive, collide with the
# API's writes ("database is locked" → HTTP 503 → the client retries after ≈ 2 s). Writing in
# batches every 30 s (and at shutdown: nothing is lost), the demo's flows no longer wait: measured
# 1.8 → 0.4 s per flow with a subflow. No automation runs in the demo: triggers and actions off.
# (deployments/server_settings.py: the batching a production server runs with; the demo's is coarser.)
PREFECT_SERVER = {"PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE": "10000",
                  "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_READ_BATCH_SIZE": "50",
                  "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_READ_BATCH_SIZE": "50",
                  "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_FLUSH_INTERVAL": "30",
                  "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_BATCH_SIZE": "10000",
                  "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_FLUSH_INTERVAL": "30",
                  "PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED": "false",
                  "PREFECT_SERVER_SERVICES_ACTIONS_ENABLED": "false"}


def _prepare_environment(extra: dict[str, str]) -> None:
    shutil.rmtree(DATA, ignore_errors=True)
    os.environ.update({"CENTER_DATA_DIR": str(DATA), "CENTER_APPRISE_CONFIG": str(ROOT / "examples" / "apprise.yaml"),
                       "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_LOGGING_LEVEL": "CRITICAL",
                       **PREFECT_SERVER, **extra})
    os.environ.pop("CENTER_DATABASE_URL", None)
    # The demo's own temporary server, not one the shell points at: a production server's failure
    # alert would mail the operators about the demo's deliberately refused step.
    os.environ.pop("PREFECT_API_URL", None)


def _foundations(console: Console, mailbox) -> None:
    from models.core.calendar import load_calendar
    from models.core.db import session_scope
    from models.core.migrate import upgrade
    from models.core.org import Staff
    from models.core.org_import import import_org
    from models.core.recipients import person
    from tasks.core.delivery import deliver_due
    from tasks.core.messages import queue_notice

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
    from models.core.settings import get_settings

    return get_settings().policy.office_close


# (section title, module, the simulated moment it runs at)
SCENARIOS = [
    ("请假：多日病假，两级审批，B岗收到通知", "deployments.demo.leave", datetime(2026, 10, 12, 9, 0)),
    ("投诉：国庆前一天收到，说明理由后延期，按期答复", "deployments.demo.complaint", datetime(2026, 9, 30, 10, 0)),
    ("退回：第三次查证属实的投诉，退回函发送派驻部门", "deployments.demo.staff_return", datetime(2026, 10, 20, 9, 0)),
    ("轮换：超过30%被拒，经例外审批后通过", "deployments.demo.rotation", datetime(2026, 3, 9, 9, 0)),
    ("事项进驻：审核通过并发布办事指南", "deployments.demo.matter", datetime(2026, 10, 14, 9, 0)),
    ("窗口办件：一次性告知书列明全部缺件，补正后受理；非本窗口事项转办", "deployments.demo.service_case",
     datetime(2026, 10, 15, 9, 0)),
    ("监督：巡查、培训点名、年度考核", "deployments.demo.oversight", datetime(2026, 10, 30, 9, 0)),
    ("考勤：导入10月考勤记录，计算考勤异常；一项说明后认可，一项不予认可扣分", "deployments.demo.attendance",
     datetime(2026, 11, 2, 9, 0)),
    ("接口：12345工单和好差评评价经接口自动登记，办理结果回传来源系统", "deployments.demo.api",
     datetime(2026, 11, 20, 9, 0)),
]


def _scenarios(console: Console, timings: list[tuple[str, float]]) -> None:
    for title, module, moment in SCENARIOS:
        console.print(Rule(title))
        started = time.monotonic()
        importlib.import_module(module).demo(console, moment)
        timings.append((title.split("：")[0], time.monotonic() - started))


def _sweep(console: Console) -> None:
    from deployments.cli.core.sweep_report import print_sweep
    from flows.core.sweeps import deadline_sweep
    from tasks.core.delivery import deliver_due

    # The return's nomination falls due the next day (a reminder); the service case and the days
    # without patrols are overdue, each escalation level once, caught up since the last sweep.
    moment = datetime(2026, 11, 2, 9, 0)
    console.print(Rule(f"期限检查：模拟 {moment:%Y-%m-%d %H:%M}"))
    print_sweep(deadline_sweep(as_of=moment), moment, False)
    counts = deliver_due()
    console.print(f"提醒与督办已发送 {counts['sent']} 条")


def _summary(console: Console, mailbox) -> None:
    from rich.table import Table
    from sqlmodel import func, select

    from models.core.cases import Case
    from models.core.db import session_scope
    from models.core.outbox import OutboxMessage
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
        sent.add_row(CHANNEL_LABELS[channel], STATUS_LABELS[status], str(count))
    console.print(sent)
    console.print(f"本地邮件服务器共收到 {len(mailbox.mails)} 封邮件，短信网关共收到 {len(mailbox.sms)} 条短信")
    _where_to_look(console)


CHANNEL_LABELS = {"email": "邮件", "sms": "短信", "role": "岗位渠道（role:…）"}
STATUS_LABELS = {"pending": "待发送", "sending": "发送中", "sent": "已发送", "failed": "发送失败"}


def _where_to_look(console: Console) -> None:
    from prefect.settings import get_current_settings

    from models.matter.guides import site_dir

    console.print("在哪里查看：", markup=False)
    console.print(f"  案件库与文档：{DATA}", markup=False)
    console.print(f"  已发布的办事指南：{site_dir() / 'index.html'}", markup=False)
    console.print(f"  发件箱：CENTER_DATA_DIR={DATA} .venv/bin/center outbox --all", markup=False)
    console.print(f"  Prefect 界面（本次演示的全部运行、期限检查报告）：PREFECT_HOME={get_current_settings().home} "
                  ".venv/bin/prefect server start，然后打开 http://127.0.0.1:4200/runs", markup=False)


def _timed(timings: list[tuple[str, float]], label: str, step, *args) -> None:
    started = time.monotonic()
    step(*args)
    timings.append((label, time.monotonic() - started))


def _print_timings(console: Console, timings: list[tuple[str, float]], total: float) -> None:
    from rich.table import Table

    table = Table("部分", "用时（秒）", title="演示各部分用时")
    for label, seconds in timings:
        table.add_row(label, f"{seconds:.1f}")
    console.print(table)
    console.print(Rule(f"演示完成，用时 {total:.0f} 秒"))


def _start_prefect() -> float:
    """Start the temporary Prefect server every flow of the demo then runs against; seconds taken."""
    from prefect.client.orchestration import get_client

    started = time.monotonic()
    with get_client(sync_client=True) as client:
        client.api_healthcheck()
    return time.monotonic() - started


def main() -> None:
    from concurrent.futures import ThreadPoolExecutor

    from deployments.demo.servers import LocalMailbox
    from deployments.demo.web import describe, print_pages

    console = Console(highlight=False)
    started = time.monotonic()
    timings: list[tuple[str, float]] = []
    with LocalMailbox() as mailbox, ThreadPoolExecutor(max_workers=1) as background:
        _prepare_environment(mailbox.environment())
        console.print(Rule("青浦区行政服务中心窗口管理系统 · 演示"))
        prefect_ready = background.submit(_start_prefect)  # meanwhile: the case store, the organisation
        _timed(timings, "准备：案件库、组织架构、工作日历、通知渠道", _foundations, console, mailbox)
        timings.append(("Prefect 临时服务启动（与准备同时进行）", prefect_ready.result()))
        _scenarios(console, timings)
        _timed(timings, "期限检查", _sweep, console)
        _timed(timings, "汇总", _summary, console, mailbox)
        _timed(timings, "网页工作台演示账号", describe, console)
    _print_timings(console, timings, time.monotonic() - started)
    print_pages(console)


if __name__ == "__main__":
    main()
