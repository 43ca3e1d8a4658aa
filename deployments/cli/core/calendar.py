"""`center calendar`: show a month, add working days, import a year's arrangement."""
from __future__ import annotations

import calendar as month_grid
from datetime import date
from pathlib import Path

import typer

from deployments.cli.core.console import console
from rich.text import Text
from models.core.calendar import CalendarOverride, load_calendar
from models.core.calendar_import import import_arrangement
from models.core.db import session_scope
from models.core.errors import InvalidInput
from deployments.cli.core.marks import Page, Reads

app = typer.Typer(help="工作日历（法定节假日、调休）", no_args_is_help=True)
PROVISIONAL = "（该年度放假安排尚未发布，仅按周末计算）"


def _date(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(field=field, message=f"「{text}」不是有效日期，应为 YYYY-MM-DD") from None


@app.command("show")
def show_command(month: str = typer.Argument(..., help="年月，如 2026-10")) -> None:
    """按月显示工作日历：休=放假，班=调休上班。"""
    first = _date(f"{month}-01", "月份")
    with session_scope() as session:
        cal = load_calendar(session=session)
        names = {o.day: o.name for o in session.query(CalendarOverride).all()}
    console.print(f"{first.year}年{first.month}月" + ("" if first.year in cal.covered_years else f" 暂定{PROVISIONAL}"))
    console.print("  一   二   三   四   五   六   日")
    for week in month_grid.Calendar().monthdatescalendar(first.year, first.month):
        cells = []
        for day in week:
            if day.month != first.month:
                cells.append(Text("    "))
                continue
            working, weekend = cal.is_working_day(day), day.isoweekday() >= 6
            mark = "班" if working and weekend else "休" if not working and not weekend else "  "
            style = "red" if not working else "bold blue" if mark == "班" else ""
            cells.append(Text(f"{day.day:2d}{mark}", style=style))
        console.print(Text(" ").join(cells))
    console.print("休=法定节假日放假  班=调休上班" + (f"  {'、'.join(sorted(set(n for d, n in names.items() if d.strftime('%Y-%m') == month and n)))}" if names else ""))


@app.command("add", context_settings={"ignore_unknown_options": True})  # `add 2026-10-08 -1`: -1 is N
def add_command(day: str = typer.Argument(..., help="起始日期 YYYY-MM-DD"),
                days: int = typer.Argument(..., help="工作日数（可为负数）")) -> None:
    """计算某日之后第 N 个工作日（起始日本身不计）。"""
    start = _date(day, "起始日期")
    with session_scope() as session:
        cal = load_calendar(session=session)
    result = cal.add_working_days(start, days)
    console.print(result.isoformat() + (f" 暂定{PROVISIONAL}" if cal.is_provisional(start, result) else ""))


@app.command("import")
def import_command(file: Path = typer.Argument(..., help="YAML 或 CSV：一年的放假和调休安排"),
                   actor: str = typer.Option(..., "--as", help="操作人工号（窗口管理科）")) -> None:
    """导入一年的放假安排（全部校验通过才写入），并重算所有暂定期限。"""
    with session_scope() as session:
        result = import_arrangement(session=session, path=file, actor=actor)
    console.print(f"已导入 {result['year']} 年安排：{result['days']} 天；重算期限 {result['recomputed']} 项")


# The desk's page for each command (deployments/cli/core/marks.py).
COMMAND_PAGES = {
    "calendar show": Reads("/calendar"),
    "calendar add": Reads(),
    "calendar import": Page("POST", "/calendar/import"),
}
