"""`center patrol …`: record a patrol, list the register, summarise a month (窗口巡查制度).

`list` only reads the case store (no Prefect); `record` and `summary` run their flows.
"""
from __future__ import annotations

from datetime import date

import typer
from rich.table import Table
from rich.text import Text
from sqlmodel import select

from deployments.cli.core.console import console
from models.core.clock import local_now, parse_local
from models.core.errors import validated
from models.core.db import session_scope
from models.core.errors import InvalidInput
from models.patrol.inputs import PatrolInput
from models.patrol.store import register_rows
from models.patrol.tables import PatrolFinding
from models.patrol.rules import ITEM_LABELS, KIND_LABELS, STANDARD_ITEMS, PatrolKind, parse_item
from models.patrol.rules import month_bounds
from deployments.cli.core.marks import Page, Reads

app = typer.Typer(help="窗口巡查：记录巡查、巡查登记簿、月度汇总", no_args_is_help=True)
FINDING_FORMAT = "窗口/工号/项目/情况（工号可空），如 W01/S0103/着装/未佩戴胸牌"
KIND_ALIASES = {"现场": PatrolKind.walkthrough, "监控": PatrolKind.camera}


def _finding(spec: str, deduct: bool) -> dict:
    parts = spec.split("/", 3)
    if len(parts) != 4:
        raise InvalidInput(field="--deduct" if deduct else "--finding", message=f"「{spec}」应为 {FINDING_FORMAT}")
    window, staff, item, description = (p.strip() for p in parts)
    return {"window_id": window, "staff_id": staff or None, "item": parse_item(item),
            "description": description, "deduct": deduct}


def _kind(text: str) -> PatrolKind:
    if text in KIND_ALIASES:
        return KIND_ALIASES[text]
    try:
        return PatrolKind(text)
    except ValueError:
        raise InvalidInput(field="--kind", message=f"「{text}」应为 现场（walkthrough）或 监控（camera）") from None


def _at(text: str | None, field: str):
    try:
        return parse_local(text) if text else None
    except ValueError:
        raise InvalidInput(field=field, message=f"「{text}」不是有效时间，应为 YYYY-MM-DD HH:MM") from None


@app.command("record")
def record_command(
    windows: str = typer.Option(..., "--windows", help="巡查的窗口编号，逗号分隔"),
    actor: str = typer.Option(..., "--as", help="巡查人工号（窗口管理科）"),
    kind: str = typer.Option("现场", "--kind", help="现场（不定时巡查）或 监控（通过监控系统随机抽查）"),
    items: str = typer.Option(None, "--items", help="在各窗口检查的项目，逗号分隔，如 着装,礼仪,环境,评价器,禁烟；默认全部"),
    at: str = typer.Option(None, "--at", help="巡查时间，如 2026-10-12 09:40；默认现在"),
    finding: list[str] = typer.Option([], "--finding", help=f"发现的问题（不扣分），可多次：{FINDING_FORMAT}"),
    deduct: list[str] = typer.Option([], "--deduct", help="发现的问题并按扣分标准扣分，可多次，格式同 --finding"),
    note: str = typer.Option("", "--note", help="备注"),
) -> None:
    """记录一次巡查：在各窗口检查着装及胸牌、服务规范与礼仪、服务环境与卫生、电子评价器（人员未离岗却显示
    暂停服务）、禁烟；问题可扣分（吸烟一律扣分并取消评优资格）。"""
    findings = [_finding(s, False) for s in finding] + [_finding(s, True) for s in deduct]
    checked = [parse_item(i) for i in items.split(",") if i.strip()] if items is not None else list(STANDARD_ITEMS)
    patrol = validated(PatrolInput, {"at": _at(at, "--at"), "kind": _kind(kind), "note": note, "findings": findings,
                                      "items": list(dict.fromkeys(checked)),
                                      "windows": [w.strip() for w in windows.split(",") if w.strip()]})
    from flows.patrol import record_patrol_flow

    result = record_patrol_flow(patrol=patrol, actor=actor)
    with session_scope() as session:
        rows = session.exec(select(PatrolFinding).where(PatrolFinding.case_ref == result["case_ref"])).all()
    head = "已记录巡查" if result["created"] else "此次巡查已记录过"
    console.print(f"{head}：{result['case_ref']}（{KIND_LABELS[patrol.kind]}，{len(patrol.windows)} 个窗口，"
                  f"问题 {len(rows)} 项，扣分 {sum(r.points for r in rows):g}）")


@app.command("list")
def list_command(day: str = typer.Option(None, "--day", help="日期，如 2026-10-12"),
                 month: str = typer.Option(None, "--month", help="月份，如 2026-10（默认本月）")) -> None:
    """巡查登记簿：某日或某月的巡查及发现的问题。"""
    if day:
        start = _at(day, "--day").date()
        end = date.fromordinal(start.toordinal() + 1)
    else:
        start, end = month_bounds(month or f"{local_now():%Y-%m}")
    with session_scope() as session:
        register = register_rows(session=session, start=start, end=end)
    table = Table("巡查记录", "时间", "方式", "巡查人", "窗口", "检查项目", "问题", title=f"巡查登记簿 {start} 起")
    for p, found in register:
        problems = [f"{f.window_id} {name}{ITEM_LABELS[f.item]}：{f.description}"
                    + (f"（扣{f.points:g}分）" if f.points else "") for f, name in found]
        checked = "全部" if set(p.items) == set(STANDARD_ITEMS) else "、".join(ITEM_LABELS[i] for i in p.items)
        table.add_row(p.case_ref, f"{p.at:%m-%d %H:%M}", KIND_LABELS[p.kind], p.patroller_id, ",".join(p.windows),
                      checked, Text("\n".join(problems) or "未发现问题"))  # user text, printed literally
    console.print(table if register else "没有巡查记录")


@app.command("summary")
def summary_command(actor: str = typer.Option(..., "--as", help="窗口管理科人员工号"),
                    month: str = typer.Option(None, "--month", help="月份，如 2026-10；默认已到月末、尚未汇总的月份"),
                    as_of: str = typer.Option(None, "--as-of", help="按此时间汇总（默认现在）")) -> None:
    """月度巡查情况：汇总本月巡查发现的问题，反馈给各窗口（发送给窗口负责人），并发布为 Prefect 报告。"""
    if month:
        month_bounds(month)
    from flows.patrol import PatrolMonth, monthly_patrol_summary
    from models.core.workitems import check_management

    with session_scope() as session:
        check_management(session=session, actor_id=actor, action="汇总月度巡查情况")
    results = monthly_patrol_summary(period=PatrolMonth(month=month), actor=actor, as_of=_at(as_of, "--as-of"))
    for r in results:
        console.print(f"{r['month']}：巡查 {r['patrols']} 次，发现问题 {r['findings']} 项；"
                      f"巡查不足的工作日 {len(r['short_days'])} 天；新反馈窗口 {len(r['notified'])} 个")
    if not results:
        console.print("没有需要汇总的月份")


# The desk's page for each command (deployments/cli/core/marks.py).
COMMAND_PAGES = {
    "patrol record": Page("POST", "/patrols/new"),
    "patrol list": Reads("/patrols"),
    "patrol summary": Page("POST", "/patrols/summary"),
}
