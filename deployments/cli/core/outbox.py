"""`center outbox`: the messages waiting or failed, and sending them."""
from __future__ import annotations

import typer
from rich.table import Table
from sqlmodel import select

from deployments.cli.core.console import ROW_ID, console
from models.core.db import session_scope
from models.core.outbox import OutboxMessage, OutboxStatus
from deployments.cli.core.marks import Page, Reads

app = typer.Typer(help="通知发件箱", invoke_without_command=True)
STATUS_LABELS = {"pending": "待发送", "sending": "发送中", "sent": "已发送", "failed": "发送失败"}
CHANNEL_LABELS = {"sms": "短信", "email": "邮件", "role": "科室"}


@app.callback()
def list_command(ctx: typer.Context,
                 all_: bool = typer.Option(False, "--all", help="也列出已发送的")) -> None:
    """列出待发送和发送失败的通知。"""
    if ctx.invoked_subcommand:
        return
    with session_scope() as session:
        query = select(OutboxMessage).order_by(OutboxMessage.id)
        if not all_:
            query = query.where(OutboxMessage.status != OutboxStatus.sent)
        messages = session.exec(query).all()
    table = Table("编号", "案件", "渠道", "收件人", "状态", "尝试", "最后错误", title="发件箱")
    for m in messages:
        table.add_row(str(m.id), m.case_ref or "", CHANNEL_LABELS[m.channel], m.recipient_label or m.address,
                      STATUS_LABELS[m.status], str(m.attempts), m.last_error[:60])
    console.print(table if messages else "发件箱为空：没有待发送或失败的通知")


@app.command("flush")
def flush_command() -> None:
    """立即发送所有到期的通知（失败的按退避时间稍后重试）。"""
    from tasks.core.delivery import deliver_due

    counts = deliver_due()
    console.print(f"已发送 {counts['sent']} 条，待重试 {counts['retry']} 条，失败 {counts['failed']} 条")


@app.command("resend")
def resend_command(message_id: int = typer.Argument(..., help="通知编号", parser=ROW_ID),
                   actor: str = typer.Option(..., "--as", help="操作人工号（窗口管理科）")) -> None:
    """把发送失败的通知重新放回发送队列。"""
    from models.core.clock import local_now
    from models.core.outbox import resend

    with session_scope() as session:
        resend(session=session, message_id=message_id, now=local_now(), actor=actor)
    console.print(f"通知 {message_id} 已重新排队")


@app.command("check")
def check_command() -> None:
    """检查通知渠道配置：无法解析的地址、没有任何地址的标签。"""
    from models.core.errors import ValidationFailed, InvalidInput
    from models.core.settings import get_settings
    from tasks.core.channels import check_channels, config_text

    path = get_settings().apprise_config
    problems = check_channels(config_text(path))
    if problems:
        raise ValidationFailed(problems=[InvalidInput(field="通知渠道配置", message=p) for p in problems])
    console.print(f"通知渠道配置正常：{path}")


# The desk's page for each command (deployments/cli/core/marks.py).
COMMAND_PAGES = {
    "outbox": Reads(),
    "outbox resend": Page("POST", "/outbox/{message_id}/resend"),
    "outbox check": Reads(),
}
