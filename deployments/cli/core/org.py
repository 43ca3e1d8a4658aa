"""`center org`: import and show the organisation."""
from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table
from sqlmodel import select

from deployments.cli.core.console import console
from models.core.db import session_scope
from models.core.org import ROLE_LABELS, Department, Staff, Window
from models.core.org_import import import_org
from deployments.cli.core.marks import Reads

app = typer.Typer(help="组织架构：部门、窗口、人员、AB岗", no_args_is_help=True)


@app.command("import")
def import_command(file: Path = typer.Argument(..., help="YAML 或 CSV 文件"),
                   actor: str = typer.Option(None, "--as", help="操作人工号（窗口管理科）；组织架构已存在时必填")) -> None:
    """导入部门、窗口、人员和AB岗：合并到现有组织架构（文件未给出的字段保持不变，“-”表示清空），
    整体校验通过才写入，每项变更记入审计。"""
    with session_scope() as session:
        counts = import_org(session=session, path=file, actor=actor)
    console.print(f"已导入：部门 {counts['departments']} 个，窗口 {counts['windows']} 个，人员 {counts['staff']} 名；"
                  f"变更字段 {counts['changed']} 项")


@app.command("show")
def show_command() -> None:
    """显示组织架构。"""
    with session_scope() as session:
        departments = {d.id: d for d in session.exec(select(Department)).all()}
        people = session.exec(select(Staff).order_by(Staff.window_id, Staff.id)).all()
        windows = session.exec(select(Window).order_by(Window.id)).all()
        names = {p.id: p.name for p in people}
        table = Table("窗口", "部门", "负责人", "人员（B岗）", "备注", title="窗口")
        for w in windows:
            members = [f"{p.name}（{names.get(p.b_post_id, '无')}）" for p in people if p.window_id == w.id]
            notes = "、".join(n for n, on in (("周六便民", w.saturday_service), ("午间延时", w.lunch_service)) if on)
            table.add_row(f"{w.id} {w.name}", departments[w.department_id].name,
                          names.get(w.head_id or "", "—"), "，".join(members), notes)
        console.print(table)
        sections = [p for p in people if p.window_id is None]
        if sections:
            console.print("中心科室及部门联系人：" + "，".join(f"{p.name}（{ROLE_LABELS[p.role]}）" for p in sections))


# The desk's page for each command (deployments/cli/core/marks.py).
COMMAND_PAGES = {
    "org show": Reads(),
}
