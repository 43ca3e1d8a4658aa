"""`center attendance …`: import the attendance system's records, compute the exceptions again, list
them, show one, explain one with its proof (考勤办法 二(一)2–3, 6). The window head's registration and
the management section's review are work items: `center decide ITEM --as …`.

`list` and `show` only read the case store; the others run their flows."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import typer
from rich.table import Table
from rich.text import Text

from deployments.cli.core.console import console
from deployments.cli.core.marks import Page, Reads
from models.attendance.machine import ATTENDANCE
from models.attendance.rules import KIND_LABELS
from models.core.clock import local_now, parse_local
from models.core.db import session_scope
from models.core.errors import InvalidInput

app = typer.Typer(help="考勤：导入考勤记录、考勤异常、说明情况", no_args_is_help=True)


def _day(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(field=field, message=f"「{text}」不是有效日期，应为 YYYY-MM-DD") from None


def _now(text: str | None):
    try:
        return parse_local(text) if text else None
    except ValueError:
        raise InvalidInput(field="--now", message=f"「{text}」不是有效时间，应为 YYYY-MM-DD HH:MM") from None


@app.command("import")
def import_command(file: Path = typer.Argument(..., help="考勤系统导出的 CSV 或 Excel 文件（工号,日期,时间 或 工号,日期,签到,签退）"),
                   actor: str = typer.Option(..., "--as", help="窗口管理科人员工号"),
                   now: str = typer.Option(None, "--now", help="按此时间导入（默认现在）")) -> None:
    """导入考勤记录（考勤办法 二(一)2）：整份文件先检查，有误的行逐行列出、一条不导入；重复导入不重复记录；
    随后计算已结束的工作日的考勤异常，并通知本人说明情况；补录的打卡使待说明的异常不再成立的，异常消除、不扣分。"""
    if not file.is_file():
        raise InvalidInput(field="FILE", message=f"文件 {file} 不存在")
    from flows.attendance import import_clock_records_flow

    result = import_clock_records_flow(path=str(file.resolve()), actor=actor, now=_now(now))
    console.print(f"已导入 {result['added']} 条打卡记录（已有 {result['existing']} 条）；"
                  f"{result['start'] or '—'} 至 {result['end'] or '—'} 新增考勤异常 {len(result['opened'])} 项，"
                  f"已消除 {len(result['cleared'])} 项（补录打卡，待说明的异常不再成立）")
    for ref in result["opened"]:
        console.print(f"  {ref}", markup=False)


@app.command("compute")
def compute_command(start: str = typer.Option(..., "--from", help="起始日期，如 2026-11-01"),
                    end: str = typer.Option(..., "--to", help="截止日期（含），如 2026-11-30"),
                    actor: str = typer.Option(..., "--as", help="窗口管理科人员工号"),
                    now: str = typer.Option(None, "--now", help="按此时间计算（默认现在）")) -> None:
    """重新计算考勤异常（如补登请假后）：已生成的不重复生成；待本人说明的异常不再成立的，消除、不扣分。"""
    from flows.attendance import compute_exceptions_flow

    refs = compute_exceptions_flow(start=_day(start, "--from"), end=_day(end, "--to"), actor=actor, now=_now(now))
    console.print(f"新增考勤异常 {len(refs)} 项")


@app.command("list")
def list_command(month: str = typer.Option(None, "--month", help="月份，如 2026-11（默认本月）"),
                 window: str = typer.Option(None, "--window", help="窗口编号"),
                 staff: str = typer.Option(None, "--staff", help="工号")) -> None:
    """某月的考勤异常及其办理状态。"""
    from models.attendance.store import exception_query, month_bounds

    start, end = month_bounds(month or f"{local_now():%Y-%m}")
    with session_scope() as session:
        rows = session.exec(exception_query(start=start, end=end, window_id=window, staff_id=staff)).all()
    table = Table("编号", "日期", "工号", "姓名", "异常", "打卡", "状态", title=f"考勤异常 {start:%Y-%m}")
    for row, case, name in rows:
        table.add_row(case.ref, f"{row.day:%Y-%m-%d}", row.staff_id, Text(name or ""), KIND_LABELS[row.kind],
                      f"{row.punch_at:%H:%M:%S}" if row.punch_at else "无", ATTENDANCE.status_label(case.status))
    console.print(table if rows else "没有考勤异常")


@app.command("show")
def show_command(ref: str = typer.Argument(..., help="考勤异常编号，如 KQ-2026-000001")) -> None:
    """一项考勤异常：当日打卡记录、计算结果、核对情况、说明与登记。"""
    from models.attendance.store import exception_view, get_exception

    with session_scope() as session:
        case, _ = get_exception(session=session, ref=ref)
        view = exception_view(session=session, case=case)
        status = ATTENDANCE.status_label(case.status)
    console.print(f"{ref}  {status}", markup=False)
    for label, value in view:
        console.print(Text(f"{label}：{value}"))


@app.command("explain")
def explain_command(ref: str = typer.Argument(..., help="考勤异常编号"),
                    actor: str = typer.Option(..., "--as", help="本人工号"),
                    text: str = typer.Option(..., "--text", help="情况说明"),
                    files: list[Path] = typer.Option([], "--file", help="证明材料，可多次")) -> None:
    """说明情况并上传证明（考勤办法 二(一)3），随后交窗口负责人登记（二(一)6）。"""
    for f in files:
        if not f.is_file():
            raise InvalidInput(field="--file", message=f"文件 {f} 不存在")
    from flows.attendance import explain_attendance

    status = explain_attendance(case_ref=ref, explanation=text, files=[str(f.resolve()) for f in files], actor=actor)
    console.print(f"{ref} 已说明：{ATTENDANCE.status_label(status)}", markup=False)


@app.command("stats")
def stats_command(month: str = typer.Option(None, "--month", help="月份，如 2026-10（默认本月）"),
                  by: str = typer.Option("window", "--by", help="window 按窗口，staff 按人员")) -> None:
    """考勤统计（考勤办法 二(三)1–2）：某月每个窗口或每人的考勤异常、说明后认可、未正常考勤（扣分）、办理中。"""
    from models.attendance.store import month_bounds, month_figures

    if by not in ("window", "staff"):
        raise InvalidInput(field="--by", message="应为 window（按窗口）或 staff（按人员）")
    start, end = month_bounds(month or f"{local_now():%Y-%m}")
    with session_scope() as session:
        figures = month_figures(session=session, start=start, end=end, by=by)
    table = Table("窗口" if by == "window" else "工号", "异常", "已认可", "未正常考勤", "办理中",
                  title=f"考勤统计 {start:%Y-%m}")
    for key, (total, accepted, irregular, open_) in figures.items():
        table.add_row(key, str(total), str(accepted), str(irregular), str(open_))
    console.print(table if figures else "没有考勤异常")


# The desk's page for each command (deployments/cli/core/marks.py).
COMMAND_PAGES = {
    "attendance import": Page("POST", "/attendance/import"),
    "attendance compute": Page("POST", "/attendance/compute"),
    "attendance list": Reads("/attendance"),
    "attendance show": Reads(),
    "attendance stats": Reads("/stats/attendance"),
    "attendance explain": Page("POST", "/cases/{ref}/attendance/explain"),
}
