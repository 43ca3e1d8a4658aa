"""`center it …`: a window's request to the IT section, its decision with the allowed configuration
(登记备案), recorded violations and their review (IT设备使用管理规定 二). `configs` only reads."""
from __future__ import annotations

from datetime import date

import typer
from rich.table import Table

from deployments.cli.core.console import console
from models.core.clock import local_now
from models.core.errors import validated
from models.core.db import session_scope
from models.core.errors import InvalidInput
from models.core.workitems import open_item
from models.it_access.inputs import ItRequestInput, ItViolationInput
from models.it_access.store import allowed_configs
from models.procedures import get_procedure
from models.it_access.rules import RequestKind, ViolationKind
from deployments.cli.core.marks import Page, Reads

app = typer.Typer(help="IT设备接入与权限：申请、审批登记备案、违规扣分", no_args_is_help=True)


def decide_step(ref: str, step: str, actor: str, decision: dict) -> str:
    """Decide the open work item of a case's step (the oversight commands share it); returns the status."""
    with session_scope() as session:
        item = open_item(session=session, case_ref=ref, step=step)
    if item is None:
        raise InvalidInput(field="编号", message=f"{ref} 没有这一步的待办（编号有误，或已办理、已取消）")
    from flows.core.steps import DECIDE, run_step

    return run_step(DECIDE, case_ref=ref, item_id=item.id, actor=actor, decision=decision)


@app.command("request")
def request_command(
    window: str = typer.Option(..., "--window", help="窗口编号"),
    kind: RequestKind = typer.Option(..., "--kind", help="lan 建立业务局域专网；connect 接入电子政务网络；change 变更中心部署设备设置"),
    device: str = typer.Option(..., "--device", help="设备名称或资产编号"),
    purpose: str = typer.Option(..., "--purpose", help="业务需要"),
    actor: str = typer.Option(..., "--as", help="窗口负责人工号"),
) -> None:
    """窗口向信息技术科提交书面申请，经审批同意后方可接入或变更。"""
    request = validated(ItRequestInput, {"window_id": window, "kind": kind, "device": device, "purpose": purpose})
    from flows.it_access import submit_it_request

    result = submit_it_request(request=request, actor=actor)
    console.print(f"{'已提交' if result['created'] else '此申请已提交过，未重复登记'}：{result['case_ref']}，待信息技术科审批")


@app.command("decide")
def decide_command(
    ref: str = typer.Argument(..., help="申请编号"),
    actor: str = typer.Option(..., "--as", help="信息技术科人员工号"),
    approve: bool = typer.Option(..., "--approve/--reject", help="同意 / 不同意"),
    ip: str = typer.Option("", "--ip", help="允许的 IP 地址"),
    gateway: str = typer.Option("", "--gateway", help="网关"),
    mask: str = typer.Option("", "--mask", help="子网掩码，如 255.255.255.0"),
    comment: str = typer.Option("", "--comment", help="意见（不同意时必填）"),
) -> None:
    """信息技术科审批；同意的，登记允许的配置（IP地址、网关、掩码）备案，窗口不得自行更改。"""
    status = decide_step(ref, "decide", actor, {"approve": approve, "comment": comment, "ip_address": ip,
                                            "gateway": gateway, "netmask": mask})
    console.print(f"{ref}：{get_procedure('it_access').status_label(status)}")


@app.command("violation")
def violation_command(
    window: str = typer.Option(..., "--window", help="窗口编号"),
    kind: ViolationKind = typer.Option(..., "--kind", help="unauthorised_software 未经授权软件；extra_internet 另设互联网出口；"
                                       "shared_account 帐号共用或使用他人帐号；unauthorised_change 擅自更改配置"),
    description: str = typer.Option(..., "--description", help="情况"),
    actor: str = typer.Option(..., "--as", help="登记人工号（信息技术科或窗口管理科）"),
    staff: str = typer.Option(None, "--staff", help="责任人工号（不填则由窗口承担）"),
    serious: bool = typer.Option(False, "--serious", help="情节严重"),
    on: str = typer.Option(None, "--on", help="发现日期，默认今天"),
) -> None:
    """登记一次IT设备违规，交窗口管理科审核扣分；屡次情节严重的取消评优资格。"""
    try:
        observed = date.fromisoformat(on) if on else local_now().date()
    except ValueError:
        raise InvalidInput(field="--on", message=f"「{on}」不是有效日期，应为 YYYY-MM-DD") from None
    violation = validated(ItViolationInput, {"window_id": window, "staff_id": staff, "kind": kind, "serious": serious,
                                              "observed_on": observed, "description": description})
    from flows.it_access import record_it_violation

    result = record_it_violation(violation=violation, actor=actor)
    console.print(f"{'已登记' if result['created'] else '此违规已登记过'}：{result['case_ref']}，待窗口管理科审核扣分")


@app.command("review")
def review_command(ref: str = typer.Argument(..., help="违规编号"),
                   actor: str = typer.Option(..., "--as", help="窗口管理科人员工号"),
                   confirm: bool = typer.Option(..., "--confirm/--dismiss", help="确认扣分 / 不予扣分"),
                   comment: str = typer.Option("", "--comment", help="意见（不予扣分时必填）")) -> None:
    """窗口管理科审核IT设备违规：确认扣分或不予扣分。"""
    status = decide_step(ref, "review", actor, {"approve": confirm, "comment": comment})
    console.print(f"{ref}：{get_procedure('it_violation').status_label(status)}")


@app.command("configs")
def configs_command(window: str = typer.Option(None, "--window", help="窗口编号")) -> None:
    """登记备案的允许配置。"""
    with session_scope() as session:
        rows = allowed_configs(session=session, window_id=window)
    table = Table("窗口", "设备", "IP地址", "网关", "掩码", "批准", "申请", title="登记备案的IT设备配置")
    for c in rows:
        table.add_row(c.window_id, c.device, c.ip_address or "—", c.gateway or "—", c.netmask or "—",
                      f"{c.registered_by} {c.registered_at:%Y-%m-%d}", c.case_ref)
    console.print(table if rows else "没有登记备案的配置")


# The desk's page for each command (deployments/cli/core/marks.py).
COMMAND_PAGES = {
    "it request": Page("POST", "/it/request"),
    "it decide": Page("POST", "/items/{item_id}/decide"),
    "it violation": Page("POST", "/it/violation"),
    "it review": Page("POST", "/items/{item_id}/decide"),
    "it configs": Reads("/it/configs"),
}
