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
                       "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_LOGGING_LEVEL": "WARNING", **extra})
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


def main() -> None:
    from deployments.demo_servers import LocalMailbox

    console = Console(highlight=False)
    started = time.monotonic()
    with LocalMailbox() as mailbox:
        _prepare_environment(mailbox.environment())
        console.print(Rule("青浦区行政服务中心窗口管理系统 · 演示"))
        _foundations(console, mailbox)
    console.print(Rule(f"演示完成，用时 {time.monotonic() - started:.0f} 秒"))


if __name__ == "__main__":
    main()
