"""`center training …`: arrange a session, record leave asked in advance, the roll call, cancel,
show one, attendance figures (窗口工作人员学习培训制度). `show` and `stats` only read the case store."""
from __future__ import annotations

import typer
from rich.table import Table
from sqlmodel import select

from deployments.cli.it_access import decide_step
from deployments.cli.core.console import YEAR, console
from models.core.clock import local_now, parse_local
from models.core.errors import validated
from models.core.db import session_scope
from models.core.errors import InvalidInput
from models.core.org import Role, Staff, Window
from models.training.machine import TRAINING
from models.training.rules import ATTENDANCE_LABELS, CATEGORY_LABELS
from models.training.inputs import TrainingInput
from models.training.store import attendance_figures, attendees, get_training
from deployments.cli.core.marks import Page, Reads

app = typer.Typer(help="学习培训：安排、请假、点名、统计", no_args_is_help=True)
CATEGORY_ALIASES = {label: category for category, label in CATEGORY_LABELS.items()}


def _time(text: str | None, field: str):
    try:
        return parse_local(text) if text else local_now()
    except ValueError:
        raise InvalidInput(field=field, message=f"「{text}」不是有效时间，应为 YYYY-MM-DD HH:MM") from None


def _ids(text: str) -> list[str]:
    return [s.strip() for s in text.split(",") if s.strip()]


@app.command("open")
def open_command(
    topic: str = typer.Option(..., "--topic", help="主题"),
    category: str = typer.Option(..., "--category", help="类别：政治理论、法规制度、服务礼仪、业务技能"),
    start: str = typer.Option(..., "--start", help="开始时间，如 2026-10-15 14:00"),
    end: str = typer.Option(..., "--end", help="结束时间，如 2026-10-15 16:00"),
    actor: str = typer.Option(..., "--as", help="安排人工号（组织科室或窗口管理科）"),
    organiser: Role = typer.Option(Role.management, "--organiser", help="组织科室：management 窗口管理科、it_section 信息技术科等"),
    place: str = typer.Option("", "--place", help="地点"),
    staff: str = typer.Option("", "--staff", help="参加人员工号，逗号分隔"),
    window: str = typer.Option("", "--window", help="参加窗口（全体在岗人员），逗号分隔"),
    everyone: bool = typer.Option(False, "--all", help="全体窗口工作人员"),
) -> None:
    """安排一次学习培训，通知应参加人员（不能参加须事先向组织科室请假），培训当天由组织科室点名。"""
    request = validated(TrainingInput, {
        "topic": topic, "category": CATEGORY_ALIASES.get(category.strip(), category.strip()),
        "starts_at": _time(start, "--start"), "ends_at": _time(end, "--end"), "organiser": organiser,
        "place": place, "staff": _ids(staff), "windows": _ids(window), "everyone": everyone})
    from flows.training import arrange_training

    result = arrange_training(request=request, actor=actor)
    console.print(f"{'已安排' if result['created'] else '此培训已安排过'}：{result['case_ref']}（{request.topic}），已通知应参加人员")


@app.command("excuse")
def excuse_command(ref: str = typer.Argument(..., help="培训编号"),
                   staff: str = typer.Option(..., "--staff", help="请假人员工号"),
                   reason: str = typer.Option(..., "--reason", help="请假原因"),
                   actor: str = typer.Option(..., "--as", help="组织科室人员工号"),
                   requested: str = typer.Option(None, "--requested", help="提出请假的时间（须在培训开始前），默认现在")) -> None:
    """登记事先向组织科室提出的请假（学习培训制度 三.2）。"""
    from tasks.training import excuse_attendee

    if not reason.strip():
        raise InvalidInput(field="--reason", message="必填")
    excuse_attendee(case_ref=ref, staff_id=staff, reason=reason.strip(), requested_at=_time(requested, "--requested"),
                    actor=actor)
    console.print(f"{ref}：已登记 {staff} 请假")


@app.command("roll-call")
def roll_call_command(ref: str = typer.Argument(..., help="培训编号"),
                      present: str = typer.Option("", "--present", help="出席人员工号，逗号分隔"),
                      actor: str = typer.Option(..., "--as", help="组织科室人员工号"),
                      comment: str = typer.Option("", "--comment", help="备注")) -> None:
    """点名：记录出席人员；已请假的记为请假，其余应到人员按无故缺席扣分（其他科室点名的，由窗口管理科确认扣分）。"""
    with session_scope() as session:
        get_training(session=session, ref=ref)
    decide_step(ref, "roll_call", actor, {"present": present, "comment": comment})
    show_command(ref)


@app.command("review")
def review_command(ref: str = typer.Argument(..., help="培训编号"),
                   actor: str = typer.Option(..., "--as", help="窗口管理科人员工号"),
                   confirm: bool = typer.Option(..., "--confirm/--dismiss", help="确认扣分 / 不予扣分"),
                   comment: str = typer.Option("", "--comment", help="意见（不予扣分时必填）")) -> None:
    """窗口管理科确认其他科室点名中无故缺席人员的扣分。"""
    decide_step(ref, "review", actor, {"approve": confirm, "comment": comment})
    show_command(ref)


@app.command("cancel")
def cancel_command(ref: str = typer.Argument(..., help="培训编号"),
                   reason: str = typer.Option(..., "--reason", help="取消原因（通知应参加人员）"),
                   actor: str = typer.Option(..., "--as", help="组织科室人员工号")) -> None:
    """取消一次培训，通知应参加人员。"""
    from tasks.training import cancel_training

    cancel_training(case_ref=ref, reason=reason, actor=actor)
    console.print(f"{ref} 已取消，已通知应参加人员")


@app.command("show")
def show_command(ref: str = typer.Argument(..., help="培训编号")) -> None:
    """显示一次培训：应到、实到、请假和缺席人员。"""
    with session_scope() as session:
        case, training = get_training(session=session, ref=ref)
        rows = [(a, session.get(Staff, a.staff_id)) for a in attendees(session=session, case_ref=ref)]
    table = Table("工号", "姓名", "窗口", "情况", "请假原因",
                  title=f"{ref} {CATEGORY_LABELS[training.category]}：{training.topic}（{TRAINING.status_label(case.status)}）")
    for a, s in rows:
        table.add_row(a.staff_id, s.name, a.window_id or "—", ATTENDANCE_LABELS[a.attendance] if a.attendance else "待点名",
                      a.excuse_reason or "")
    console.print(table)


@app.command("stats")
def stats_command(year: int = typer.Option(None, "--year", help="年度，默认今年", parser=YEAR),
                  by: str = typer.Option("staff", "--by", help="staff 按人员；window 按窗口")) -> None:
    """学习培训出勤统计：应到、出席、请假、无故缺席、出勤率。"""
    if by not in ("staff", "window"):
        raise InvalidInput(field="--by", message="应为 staff 或 window")
    year = year or local_now().year
    with session_scope() as session:
        result = attendance_figures(session=session, year=year, by=by)
        names = {s.id: s.name for s in session.exec(select(Staff)).all()} if by == "staff" else \
            {w.id: w.name for w in session.exec(select(Window)).all()}
    table = Table("人员" if by == "staff" else "窗口", "应到", "出席", "请假", "无故缺席", "出勤率",
                  title=f"{year} 年学习培训出勤（按点名记录）")
    for key, f in result.items():
        table.add_row(f"{names.get(key, '')}（{key}）", str(f.expected), str(f.present), str(f.excused), str(f.absent),
                      "—" if f.rate is None else f"{f.rate:.0%}")
    console.print(table if result else f"{year} 年没有点名记录")


# The desk's page for each command (deployments/cli/core/marks.py).
COMMAND_PAGES = {
    "training open": Page("POST", "/trainings/new"),
    "training excuse": Page("POST", "/trainings/{ref}/excuse"),
    "training roll-call": Page("POST", "/trainings/{ref}/roll-call"),
    "training review": Page("POST", "/items/{item_id}/decide"),
    "training cancel": Page("POST", "/trainings/{ref}/cancel"),
    "training show": Reads("/cases/{ref}"),
    "training stats": Reads("/stats/training"),
}
