"""`center tasks`, `center case show|withdraw|urge`, `center decide`: the clerk's daily commands."""
from __future__ import annotations

import json

import typer
from rich.table import Table
from sqlmodel import select

from deployments.cli.core.console import ROW_ID, console, styled
from models.core.cases import AuditEvent, WorkItem, get_case
from models.core.clock import local_now
from models.core.db import session_scope
from models.core.errors import InvalidInput
from models.core.org import ROLE_LABELS, Role
from models.core.outbox import OutboxMessage
from models.core.audit_labels import CHANNELS, ITEM_STATUS, MESSAGE_STATUS, action_label, details_line
from models.procedures import get_procedure
from models.core.workitems import actor_of, items_for_actor, items_for_role, stood_in_line, stood_in_names
from deployments.cli.core.marks import Page, Reads



def _due(item_or_case) -> str:
    if item_or_case.due_at is None:
        return "—"
    text = item_or_case.due_at.strftime("%Y-%m-%d %H:%M")
    if item_or_case.due_provisional:
        text += " 暂定"
    if getattr(item_or_case, "status", "open") == "open" and item_or_case.due_at < local_now():
        text += " 已逾期"
    return text


def tasks_command(staff: str = typer.Option(None, "--staff", help="工号：列出此人可办理的待办"),
                  role: Role = typer.Option(None, "--role", help="角色：列出该角色的待办")) -> None:
    """列出待办（逾期的在前）。"""
    if (staff is None) == (role is None):
        raise InvalidInput(field="--staff/--role", message="请给出 --staff 或 --role 之一")
    with session_scope() as session:
        if staff:
            items = items_for_actor(session=session, actor=actor_of(session=session, staff_id=staff))
        else:
            items = items_for_role(session=session, role=role)
    table = Table("编号", "案件", "事项", "办理人", "期限", title="我的待办")
    for item in items:
        who = item.assignee_staff_id or ROLE_LABELS[item.assignee_role] + (f"（{item.assignee_window_id}）" if item.assignee_window_id else "")
        table.add_row(str(item.id), item.case_ref, item.title, who, _due(item))
    console.print(table if items else "没有待办")


def case_show_command(ref: str = typer.Argument(..., help="案件编号")) -> None:
    """显示案件：状态、待办、历史、通知。"""
    with session_scope() as session:
        case = get_case(session=session, ref=ref)
        procedure = get_procedure(case.kind)
        items = session.exec(select(WorkItem).where(WorkItem.case_ref == ref).order_by(WorkItem.id)).all()
        events = session.exec(select(AuditEvent).where(AuditEvent.case_ref == ref).order_by(AuditEvent.id)).all()
        messages = session.exec(select(OutboxMessage).where(OutboxMessage.case_ref == ref).order_by(OutboxMessage.id)).all()
        names = stood_in_names(session=session, events=events)
    console.print(styled((case.ref, "bold"), f" {procedure.label}：{case.title}"))
    console.print(f"状态：{procedure.status_label(case.status)}　期限：{_due(case)}　受理：{case.opened_at:%Y-%m-%d %H:%M}")
    items_table = Table("编号", "事项", "状态", "期限", "办理人", "决定", title="待办")
    for i in items:
        items_table.add_row(str(i.id), i.title, ITEM_STATUS[i.status], _due(i), i.decided_by or "",
                            details_line(i.decision))
    # Every action and every detail by its Chinese name (models.core.audit_labels, as the case page).
    steps = {i.step: i.title for i in items}
    history = Table("时间", "操作人", "动作", "状态变化", "说明", title="历史")
    for e in events:
        change = f"{procedure.status_label(e.from_status or '')} → {procedure.status_label(e.to_status)}" if e.to_status else ""
        history.add_row(f"{e.at:%Y-%m-%d %H:%M}", stood_in_line(e.actor, e.details, names) or e.actor,
                        action_label(procedure, e.action, steps), change, details_line(e.details))
    sent = Table("收件人", "渠道", "状态", "标题", title="通知")
    for m in messages:
        sent.add_row(m.recipient_label or m.address, CHANNELS.get(m.channel.value, m.channel.value),
                     MESSAGE_STATUS.get(m.status.value, m.status.value), m.title or m.body[:30])
    for table in (items_table, history, sent):
        console.print(table)


def decide_command(
    item_id: int = typer.Argument(..., help="待办编号", parser=ROW_ID),
    actor: str = typer.Option(..., "--as", help="办理人工号"),
    approve: bool = typer.Option(None, "--approve/--reject", help="同意 / 不同意"),
    comment: str = typer.Option("", "--comment", help="意见或理由"),
    field: list[str] = typer.Option([], "--field", help="其他表单字段 名=值（可多次）"),
    send_back: bool = typer.Option(False, "--send-back", help="退回修改：退回提交人（或上一步办理人）修改后重新提交"),
    reason: str = typer.Option("", "--reason", help="退回原因（--send-back 时必填）"),
) -> None:
    """办理一项待办：记录决定，推进案件；或 --send-back --reason 退回修改。"""
    if send_back:
        _send_back(item_id, actor, reason, mixed=approve is not None or bool(field) or bool(comment))
        return
    if reason:
        raise InvalidInput(field="--reason", message="退回原因只用于 --send-back（退回修改）")
    decision: dict = {"comment": comment} if comment else {}
    if approve is not None:
        decision["approve"] = approve
    for pair in field:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise InvalidInput(field="--field", message=f"「{pair}」应为 名=值")
        decision[name.strip()] = _value(value)
    from flows.core.steps import DECIDE, run_step

    status = run_step(DECIDE, item_id=item_id, actor=actor, decision=decision)
    with session_scope() as session:
        kind = get_case(session=session, ref=session.get(WorkItem, item_id).case_ref).kind
    console.print(f"待办 {item_id} 已办理；案件状态：{get_procedure(kind).status_label(status)}")


def _send_back(item_id: int, actor: str, reason: str, *, mixed: bool) -> None:
    """退回修改 through the same step as deciding (models/core/send_back.py); the rule's refusals as errors."""
    if mixed:
        raise InvalidInput(field="--send-back", message="退回修改不是办理决定，不能同时使用 --approve/--reject/--comment/--field")
    from flows.core.steps import DECIDE, run_step
    from models.rules.send_back import resubmission_key

    run_step(DECIDE, item_id=item_id, actor=actor, decision={"send_back": True, "reason": reason})
    with session_scope() as session:
        ref = session.get(WorkItem, item_id).case_ref
        again = session.exec(select(WorkItem).where(WorkItem.key == resubmission_key(ref, item_id))).one()
    who = again.assignee_staff_id or ""
    console.print(f"待办 {item_id} 已退回修改；案件 {ref} 待 {who} 修改后重新提交（待办 {again.id}）")


def case_withdraw_command(ref: str = typer.Argument(..., help="案件编号"),
                          actor: str = typer.Option(..., "--as", help="提交人工号")) -> None:
    """提交人撤回案件（尚无办理决定时），案件即办结。"""
    from models.core.withdrawal import withdraw_case

    with session_scope() as session:
        kind = get_case(session=session, ref=ref).kind
        status = withdraw_case(session=session, ref=ref, actor=actor)
    console.print(f"案件 {ref} 已撤回；案件状态：{get_procedure(kind).status_label(status)}")


def case_urge_command(item_id: int = typer.Argument(..., help="待办编号", parser=ROW_ID),
                      actor: str = typer.Option(..., "--as", help="催办人工号：窗口管理科或案件提交人")) -> None:
    """催办一项待办：向办理人发送短信和邮件（每个工作日一次）。"""
    from tasks.core.urge import urge_item

    ref = urge_item(item_id=item_id, actor=actor)
    console.print(f"已催办案件 {ref} 的待办 {item_id}：短信和邮件已排队发送")


def _value(text: str):
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def register(app: typer.Typer) -> None:
    app.command("tasks")(tasks_command)
    case_app = typer.Typer(help="案件", no_args_is_help=True)
    case_app.command("show")(case_show_command)
    case_app.command("withdraw")(case_withdraw_command)
    case_app.command("urge")(case_urge_command)
    app.add_typer(case_app, name="case")
    app.command("decide")(decide_command)


# The desk's page for each command (deployments/cli/core/marks.py).
COMMAND_PAGES = {
    "tasks": Reads("/"),
    "case show": Reads("/cases/{ref}"),
    "case withdraw": Page("POST", "/cases/{ref}/withdrawal"),
    "case urge": Page("POST", "/items/{item_id}/urge"),
    "decide": Page("POST", "/items/{item_id}/decide"),
}
