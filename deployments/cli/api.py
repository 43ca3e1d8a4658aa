"""`center api-keys …`: the source systems' API keys — issued (shown once), listed, revoked by the
management section only (models.api.keys)."""
from __future__ import annotations

import typer
from rich.table import Table
from rich.text import Text

from deployments.cli.core.console import console
from models.api.keys import SCOPE_LABELS, SYSTEM_LABELS, Scope, issue_key, list_keys, revoke_key
from models.core.db import session_scope
from deployments.cli.core.marks import Page, Reads

app = typer.Typer(help="接口密钥（12345热线、好差评系统、考勤系统）：签发、列出、撤销", no_args_is_help=True)


@app.command("issue")
def issue_command(
    system: str = typer.Argument(..., help="来源系统：12345（热线工单）、rating（好差评）或 attendance（考勤系统报送打卡记录）"),
    actor: str = typer.Option(..., "--as", help="签发人工号（窗口管理科）"),
    name: str = typer.Option(None, "--name", help="密钥名称（审计记录中的操作人）；默认为来源系统名"),
    scope: list[str] = typer.Option(None, "--scope", help="权限，可多次给出：hotline-orders、ratings、complaints:read、clock-records；"
                                                         "默认按来源系统"),
) -> None:
    """签发一个接口密钥。密钥只显示这一次，库中只保存其摘要。"""
    with session_scope() as session:
        key, token = issue_key(session=session, system=system, actor=actor, name=name, scopes=scope or None)
        label, scopes = SYSTEM_LABELS[key.system], "、".join(SCOPE_LABELS[Scope(s)] for s in key.scopes)
    console.print(Text(f"已签发密钥 {key.name}（{label}；权限：{scopes}）。请立即交给对方系统，此后无法再次查看："))
    console.print(token, markup=False, soft_wrap=True)


@app.command("list")
def list_command() -> None:
    """列出全部接口密钥（不显示密钥本身）。"""
    with session_scope() as session:
        keys = list_keys(session=session)
    table = Table("名称", "来源系统", "权限", "密钥开头", "签发", "状态", title="接口密钥")
    for k in keys:
        state = f"已撤销（{k.revoked_by}，{k.revoked_at:%Y-%m-%d %H:%M}）" if k.revoked_at else "有效"
        table.add_row(Text(k.name), SYSTEM_LABELS[k.system], "、".join(k.scopes), Text(k.hint + "…"),
                      f"{k.created_by} {k.created_at:%Y-%m-%d %H:%M}", state)
    console.print(table if keys else "还没有接口密钥：center api-keys issue 12345 --as <窗口管理科工号>")


@app.command("revoke")
def revoke_command(name: str = typer.Argument(..., help="密钥名称"),
                   actor: str = typer.Option(..., "--as", help="撤销人工号（窗口管理科）")) -> None:
    """撤销一个接口密钥：此后用它的请求一律拒绝（401）。"""
    with session_scope() as session:
        key = revoke_key(session=session, name=name, actor=actor)
    console.print(Text(f"已撤销密钥 {key.name}"))


# The desk's page for each command (deployments/cli/core/marks.py).
COMMAND_PAGES = {
    "api-keys issue": Page("POST", "/admin/api-keys"),
    "api-keys list": Reads(),
    "api-keys revoke": Page("POST", "/admin/api-keys/{name}/revoke"),
}
