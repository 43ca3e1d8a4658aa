"""`center leave saturday`: the 调休日程表 of a convenience window open on Saturdays
(考勤办法 二(一)5): who works which Saturday and the compensating day off (视作正常出勤)."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import typer
from rich.table import Table

from deployments.cli.leave.parse import build
from deployments.cli.core.console import console
from models.leave.store import schedule
from models.core.db import session_scope
from models.core.errors import InvalidInput, NotFound
from models.leave.inputs import SaturdayCoverEntry
from models.core.org import Staff, Window, staff_name
from deployments.cli.core.marks import Page, Reads

app = typer.Typer(help="便民窗口调休日程表：星期六上班及调休日", no_args_is_help=True)


def _day(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(field=field, message=f"「{text}」应为 YYYY-MM-DD") from None


def _month(text: str) -> tuple[date, date]:
    try:
        first = date.fromisoformat(f"{text.strip()}-01")
    except ValueError:
        raise InvalidInput(field="--month", message=f"「{text}」应为 YYYY-MM") from None
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


@app.command("add")
def add_command(window: str = typer.Option(..., "--window", help="窗口编号"),
                staff: str = typer.Option(..., "--staff", help="星期六上班的工作人员工号"),
                saturday: str = typer.Option(..., "--saturday", help="上班的星期六 YYYY-MM-DD"),
                day_off: str = typer.Option(..., "--day-off", help="调休日 YYYY-MM-DD（视作正常出勤）"),
                note: str = typer.Option("", "--note", help="备注"),
                actor: str = typer.Option(..., "--as", help="窗口负责人工号")) -> None:
    """窗口负责人登记一行调休日程：谁在哪个星期六上班、哪天调休。"""
    entry = build(SaturdayCoverEntry, window_id=window, staff_id=staff, saturday=_day(saturday, "--saturday"),
                  day_off=_day(day_off, "--day-off"), note=note, actor=actor)
    from flows.leave import record_saturday_cover

    record_saturday_cover(entry=entry)
    console.print(f"已登记：{staff} {entry.saturday} 星期六上班，{entry.day_off} 调休（视作正常出勤）")


def schedule_rows(window_id: str, month: str) -> tuple[Window, str, list[dict]]:
    first, last = _month(month)
    with session_scope() as session:
        window = session.get(Window, window_id)
        if window is None:
            raise NotFound(field="窗口", value=window_id)
        rows = [{"saturday": r.saturday, "staff_id": r.staff_id, "name": session.get(Staff, r.staff_id).name,
                 "day_off": r.day_off, "note": r.note, "recorded_by": staff_name(session, r.recorded_by)}
                for r in schedule(session=session, window_id=window_id, start=first, end=last)]
    return window, f"{first:%Y年%m月}", rows


@app.command("list")
def list_command(window: str = typer.Option(..., "--window", help="窗口编号"),
                 month: str = typer.Option(..., "--month", help="月份 YYYY-MM"),
                 html: Path = typer.Option(None, "--html", help="同时输出《调休日程表》HTML 到此文件")) -> None:
    """显示窗口某月的调休日程表。"""
    found, period, rows = schedule_rows(window, month)
    table = Table("星期六", "姓名", "工号", "调休日", "备注", title=f"{found.name} 调休日程表 {period}")
    for r in rows:
        table.add_row(str(r["saturday"]), r["name"], r["staff_id"], str(r["day_off"]), r["note"] or "—")
    console.print(table if rows else f"{found.name} {period} 没有星期六上班安排")
    if html is not None:
        from tasks.core.render import render

        html.write_text(render("documents/leave_saturday.html", window=found.name, period=period, rows=rows),
                        encoding="utf-8")
        console.print(f"《调休日程表》已写入 {html}")


# The desk's page for each command (deployments/cli/core/marks.py).
COMMAND_PAGES = {
    "leave saturday add": Page("POST", "/leave/saturday"),
    "leave saturday list": Reads(),
}
