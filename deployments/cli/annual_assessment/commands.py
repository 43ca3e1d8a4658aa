"""`center assessment`: the window heads' annual ranking (派驻部门窗口负责人岗位职责 5, 7)."""
from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table
from sqlmodel import select

from deployments.cli.annual_assessment.year import register as register_annual_assessment
from deployments.cli.core.console import YEAR, console
from models.core.db import session_scope
from deployments.cli.core.marks import Page, Reads

app = typer.Typer(help="年度考核：窗口负责人排名", no_args_is_help=True)


@app.command("import")
def import_command(
    file: Path = typer.Argument(..., help="排名文件：YAML 的 rankings 列表（year, window, head, rank），或带 kind 列的 CSV"),
    actor: str = typer.Option(..., "--as", help="窗口管理科人员工号"),
) -> None:
    """导入年度考核的窗口负责人排名；连续两年最后三名的，通知派驻部门重新指派负责人。"""
    from flows.rotation import import_head_rankings
    from models.rotation.inputs import RankingImportInput

    result = import_head_rankings(file=RankingImportInput(path=str(file)), actor=actor)
    console.print("已导入 " + "、".join(f"{y} 年" for y in result["years"]) + " 的窗口负责人排名")
    for ref in result["cases"]:
        console.print(f"须重新调整窗口负责人：{ref}，已通知派驻部门")


@app.command("show")
def show_command(year: int = typer.Argument(None, help="年度（默认全部）", parser=YEAR)) -> None:
    """显示已记录的窗口负责人排名。"""
    from models.rotation.tables import HeadRanking
    from models.core.org import Staff, Window

    with session_scope() as session:
        query = select(HeadRanking, Window, Staff).join(Window, Window.id == HeadRanking.window_id).join(
            Staff, Staff.id == HeadRanking.head_id)
        if year is not None:
            query = query.where(HeadRanking.year == year)
        rows = session.exec(query.order_by(HeadRanking.year, HeadRanking.rank)).all()
    table = Table("年度", "名次", "窗口", "负责人", title="窗口负责人考核排名")
    for ranking, window, head in rows:
        table.add_row(str(ranking.year), f"{ranking.rank}/{ranking.total}", window.name, head.name)
    console.print(table if rows else "没有记录的排名")


register_annual_assessment(app)  # `center assessment year`: ranked from the ledger


# The desk's page for each command (deployments/cli/core/marks.py).
COMMAND_PAGES = {
    "assessment import": Page("POST", "/assessment/import"),
    "assessment show": Reads("/assessment/import"),
}
