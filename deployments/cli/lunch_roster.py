"""`center lunch-roster …`: the window head files a month's 延时服务人员安排表 (考勤办法 二(一)4), the
management section reviews it (二(一)6), anyone shows the rosters. `show` only reads.

The days are given as `--day 2026-11-02=S0201,S0202` (repeatable), or as a CSV file `--csv FILE`
whose rows are `日期,工号,工号…` (a header row starting with 日期 is skipped) — or both."""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import typer
from rich.table import Table

from deployments.cli.core.console import console
from deployments.cli.core.marks import Page, Reads
from models.core.db import session_scope
from models.core.errors import InvalidInput, validated

app = typer.Typer(help="延时服务人员安排表：窗口负责人按月填报，窗口管理科审核登记（考勤办法 二(一)4、6）",
                  no_args_is_help=True)


def parse_days(pairs: list[str], csv_path: Path | None) -> dict[str, list[str]]:
    """`日期=工号,工号` pairs and CSV rows `日期,工号,…` → {date text: [ids]} (the same day twice: merged)."""
    rows: list[tuple[str, list[str]]] = []
    for pair in pairs:
        day, sep, ids = pair.partition("=")
        if not sep or not day.strip():
            raise InvalidInput(field="--day", message=f"「{pair}」应为 日期=工号,工号，如 2026-11-02=S0201,S0202")
        rows.append((day.strip(), [s.strip() for s in ids.split(",") if s.strip()]))
    if csv_path is not None:
        if not csv_path.is_file():
            raise InvalidInput(field="--csv", message=f"文件 {csv_path} 不存在")
        with csv_path.open(encoding="utf-8-sig", newline="") as handle:
            for line in csv.reader(handle):
                cells = [c.strip() for c in line if c.strip()]
                if cells and cells[0] != "日期":
                    rows.append((cells[0], cells[1:]))
    days: dict[str, list[str]] = {}
    for day, ids in rows:
        days.setdefault(day, []).extend(ids)
    return days


@app.command("file")
def file_command(
    window: str = typer.Option(..., "--window", help="窗口编号"),
    month: str = typer.Option(..., "--month", help="月份，如 2026-11"),
    day: list[str] = typer.Option([], "--day", help="日期=工号,工号（可多次），如 2026-11-02=S0201,S0202"),
    csv_path: Path = typer.Option(None, "--csv", help="CSV 文件：每行 日期,工号,工号…"),
    actor: str = typer.Option(..., "--as", help="窗口负责人工号"),
) -> None:
    """填报一个月的延时服务人员安排表（每个工作日11:30—12:00的值守人员），报窗口管理科审核。"""
    from models.lunch_roster.tables import LunchRosterInput

    request = validated(LunchRosterInput, {"window_id": window, "month": month, "days": parse_days(day, csv_path)})
    from flows.lunch_roster import file_lunch_roster

    result = file_lunch_roster(request=request, actor=actor)
    console.print(f"{'已填报' if result['created'] else '此安排表已填报过，未重复登记'}：{result['case_ref']}，待窗口管理科审核")


@app.command("review")
def review_command(ref: str = typer.Argument(..., help="安排表编号"),
                   actor: str = typer.Option(..., "--as", help="窗口管理科人员工号"),
                   approve: bool = typer.Option(..., "--approve/--refuse", help="审核通过并登记 / 不通过"),
                   comment: str = typer.Option("", "--comment", help="意见（不通过时必填）")) -> None:
    """窗口管理科审核延时服务人员安排表：通过并登记，或不通过（写明理由）。"""
    from flows.core.steps import DECIDE, run_step
    from models.core.workitems import open_item
    from models.lunch_roster.machine import STEP_REVIEW
    from models.procedures import get_procedure

    with session_scope() as session:
        item = open_item(session=session, case_ref=ref, step=STEP_REVIEW)
        item_id = item.id if item is not None else None
    if item_id is None:
        raise InvalidInput(field="编号", message=f"{ref} 没有待审核的安排表（编号有误，或已审核、已替代）")
    status = run_step(DECIDE, case_ref=ref, item_id=item_id, actor=actor,
                      decision={"approve": approve, "comment": comment})
    console.print(f"{ref}：{get_procedure('lunch_roster').status_label(status)}")


@app.command("show")
def show_command(ref: str = typer.Argument(None, help="安排表编号；不填则列出已填报的安排表"),
                 window: str = typer.Option(None, "--window", help="窗口编号"),
                 month: str = typer.Option(None, "--month", help="月份，如 2026-11")) -> None:
    """查看一份安排表（每天的值守人员），或列出已填报的安排表。"""
    from models.lunch_roster.rules import month_of
    from models.lunch_roster.store import get_roster, roster_table, rosters
    from models.procedures import get_procedure

    label = get_procedure("lunch_roster").status_label
    with session_scope() as session:
        if ref:
            case, _ = get_roster(session=session, ref=ref)
            found, roster, rows = roster_table(session=session, ref=ref)
            table = Table("日期", "星期", "值守人员", title=f"{found.name} {roster.month:%Y-%m} 延时服务人员安排表 "
                                                          f"{ref}（{label(case.status)}）")
            for row in rows:
                table.add_row(f"{row['day']}", row["weekday"], "、".join(row["names"]))
            console.print(table)
            return
        try:
            first: date | None = month_of(month) if month else None
        except ValueError:
            raise InvalidInput(field="--month", message=f"月份「{month}」无效，应为 YYYY-MM") from None
        found_rows, total = rosters(session=session, window_id=window, month=first)
        table = Table("编号", "窗口", "月份", "状态", "填报时间", title=f"延时服务人员安排表（共 {total} 份）")
        for case, roster in found_rows:
            table.add_row(case.ref, roster.window_id, f"{roster.month:%Y-%m}", label(case.status),
                          f"{case.opened_at:%Y-%m-%d %H:%M}")
        console.print(table if found_rows else "没有填报的安排表")


# The desk's page for each command (deployments/cli/core/marks.py).
COMMAND_PAGES = {
    "lunch-roster file": Page("POST", "/lunch-roster"),
    "lunch-roster review": Page("POST", "/items/{item_id}/decide"),
    "lunch-roster show": Reads("/lunch-roster"),
}
