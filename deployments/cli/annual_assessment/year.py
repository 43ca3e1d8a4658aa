"""`center assessment year YEAR`: the annual assessment from the point-deduction ledger, added to
the `center assessment` group (deployments/cli/annual_assessment/commands.py) by `register`."""
from __future__ import annotations

import typer

from deployments.cli.core.console import YEAR, console
from models.core.clock import local_now, parse_local
from models.core.errors import InvalidInput
from deployments.cli.core.marks import Page


def year_command(
    year: int = typer.Argument(..., help="考核年度，如 2026", parser=YEAR),
    actor: str = typer.Option(..., "--as", help="窗口管理科人员工号"),
    as_of: str = typer.Option(None, "--as-of", help="按此时间考核（默认现在）；年度结束后才记录负责人排名"),
) -> None:
    """年度考核：按扣分台账对窗口、工作人员、窗口负责人排名，列出被取消服务明星、优秀服务窗口评优资格的及原因；
    发布为 Prefect 报告和数据目录下的 HTML 报告。年度结束后记录负责人排名，连续两年最后三名的通知派驻部门调整。"""
    try:
        moment = parse_local(as_of) if as_of else local_now()
    except ValueError:
        raise InvalidInput(field="--as-of", message=f"「{as_of}」不是有效时间，应为 YYYY-MM-DD HH:MM") from None
    from flows.annual_assessment import AssessmentYear, annual_assessment

    from models.core.errors import validated

    report = annual_assessment(request=validated(AssessmentYear, {"year": year}), actor=actor, as_of=moment)
    state = "" if report["final"] else f"（截至 {moment:%Y-%m-%d}，年度未结束，负责人排名未记录）"
    console.print(f"{year} 年度考核{state}：窗口 {len(report['windows'])} 个，工作人员 {len(report['staff'])} 名，"
                  f"取消评优资格 {len(report['lost'])} 项")
    for lost in report["lost"]:
        console.print(f"  取消{lost['award']}资格：{lost['name']}，{lost['reason']}（{lost['case_ref'] or '—'}）")
    for h in report["heads"]:
        console.print(f"  负责人第 {h['rank']}/{h['total']} 名：{h['window']} {h['head']}（扣 {h['points']:g} 分）")
    for ref in report["replacements"]:
        console.print(f"须重新调整窗口负责人：{ref}，已通知派驻部门")
    console.print(f"报告：{report['path']}")


def register(app: typer.Typer) -> None:
    app.command("year")(year_command)


# The desk's page for each command (deployments/cli/core/marks.py).
COMMAND_PAGES = {
    "assessment year": Page("POST", "/assessment"),
}
