"""`center complaint …` (register, extend, show one) and `center complaints …` (register, statistics).

Read-only commands do not import Prefect; `open` registers without passing the complainant's
data through Prefect, then runs the handling flow with the case reference only.
"""
from __future__ import annotations

from datetime import datetime

import typer
from rich.table import Table

from deployments.cli.core.console import YEAR, console
from models.core.clock import local_now, parse_local
from models.complaint.store import complaint_view, get_complaint, may_see_personal_data, period_summary
from models.core.db import session_scope
from models.core.errors import InvalidInput
from models.complaint.rules import CATEGORY_LABELS, CHANNEL_HELP, CHANNEL_LABELS, ComplaintChannel
from models.complaint.machine import COMPLAINT
from models.complaint.stats import VERDICT_COLUMNS, rate_text
from deployments.cli.core.marks import Page, Reads

app = typer.Typer(help="投诉（差评）：登记、延期、查看", no_args_is_help=True)
stats_app = typer.Typer(help="投诉统计（月度、年度好差评汇总）", no_args_is_help=True)


def _moment(text: str | None, field: str) -> datetime | None:
    if not text:
        return None
    try:
        return parse_local(text)
    except ValueError:
        raise InvalidInput(field=field, message=f"「{text}」不是有效时间，应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM") from None


@app.command("open")
def open_command(
    channel: ComplaintChannel = typer.Option(..., "--channel", help=f"渠道：{CHANNEL_HELP}"),
    window: str = typer.Option(..., "--window", help="被投诉窗口编号"),
    content: str = typer.Option(..., "--content", help="投诉内容（差评为评价内容）"),
    actor: str = typer.Option(..., "--as", help="登记人工号（窗口管理科或投诉窗口）"),
    received: str = typer.Option(None, "--received", help="收到时间，如 2026-09-30 10:00；默认现在"),
    staff: str = typer.Option(None, "--staff", help="被投诉工作人员工号（差评必填）"),
    category: int = typer.Option(None, "--category", help="受理范围第几项（2–7）：" + "；".join(
        f"{k} {v}" for k, v in CATEGORY_LABELS.items() if k > 1)),
    name: str = typer.Option("", "--name", help="投诉人姓名（一般投诉必填）"),
    contact: str = typer.Option("", "--contact", help="投诉人手机或邮箱（一般投诉必填）"),
    rating_id: str = typer.Option(None, "--rating-id", help="好差评评价编号"),
    stars: int = typer.Option(None, "--stars", help="评价星级（只有1、2星按投诉处理）"),
    ticket: str = typer.Option(None, "--ticket", help="12345工单号或信访件编号"),
    external_due: str = typer.Option(None, "--external-due", help="转办单规定的期限，如 2026-10-15（当天17:00）"),
) -> None:
    """登记一件投诉或差评，计算办理期限，交被投诉窗口核实。"""
    from tasks.complaint.entry import register_complaint

    intake = {"channel": channel, "received_at": _moment(received, "--received"),
              "window_id": window, "staff_id": staff, "category": category, "content": content,
              "complainant_name": name, "complainant_contact": contact, "rating_id": rating_id,
              "stars": stars, "ticket_no": ticket, "external_due_at": _moment(external_due, "--external-due")}
    ref, created = register_complaint(intake=intake, actor=actor)
    from flows.complaint import complaint_handling

    status = complaint_handling(case_ref=ref, actor=actor)
    with session_scope() as session:
        case, _ = get_complaint(session=session, ref=ref)
    console.print(f"{'已登记' if created else '此投诉已登记过'}：{ref}（{CHANNEL_LABELS[channel]}），"
                  f"办理期限 {case.due_at:%Y-%m-%d %H:%M}{'（暂定）' if case.due_provisional else ''}；"
                  f"状态：{COMPLAINT.status_label(status)}")


@app.command("extend")
def extend_command(
    ref: str = typer.Argument(..., help="投诉案件编号"),
    reason: str = typer.Option("", "--reason", help="向投诉人做出的说明（必填，将发送给投诉人）"),
    until: str = typer.Option(None, "--until", help="延至日期 YYYY-MM-DD；默认收到后第10个工作日"),
    actor: str = typer.Option(..., "--as", help="办理人工号（被投诉窗口负责人或窗口管理科）"),
) -> None:
    """情况复杂不能按期办结：向投诉人说明并延期（仅一次，最长收到后10个工作日）。"""
    day = _moment(until, "--until")
    from flows.complaint import extend_complaint_flow
    from models.complaint.inputs import ExtensionRequest

    request = ExtensionRequest(case_ref=ref, reason=reason, until=day.date() if day else None)
    due = extend_complaint_flow(request=request, actor=actor)
    console.print(f"{ref} 已延期至 {due}，说明已发送给投诉人")


@app.command("show")
def show_command(ref: str = typer.Argument(..., help="投诉案件编号"),
                 actor: str = typer.Option(..., "--as", help="查看人工号（只有办理人看到投诉人完整信息）")) -> None:
    """显示投诉登记内容；投诉人姓名和联系方式只对当前办理人显示。"""
    from deployments.web.core.access import viewable_case  # the web case page's rule, the same function
    from models.core.workitems import actor_of

    with session_scope() as session:
        case, c = get_complaint(session=session, ref=ref)
        viewable_case(session=session, ref=ref, actor=actor_of(session=session, staff_id=actor))
        full = may_see_personal_data(session=session, case_ref=ref, actor_id=actor)
        rows = [("状态", COMPLAINT.status_label(case.status)),
                *complaint_view(session=session, case=case, complaint=c, full=full)]
    table = Table("项目", "内容", title=f"{ref} {case.title}", show_header=False)
    for label, value in rows:
        table.add_row(label, value)
    console.print(table)


@stats_app.command("stats")
def stats_command(month: str = typer.Option(None, "--month", help="月份，如 2026-10"),
                  year: int = typer.Option(None, "--year", help="年份，如 2026", parser=YEAR),
                  as_of: str = typer.Option(None, "--as-of", help="按此时间判断是否超期，默认现在")) -> None:
    """月度或年度投诉（好差评）统计：按渠道、窗口、结论计数，按期办结率。"""
    with session_scope() as session:
        stats, names = period_summary(session=session, month=month, year=year,
                                      as_of=_moment(as_of, "--as-of") or local_now())
    console.print(f"投诉（好差评）统计 {stats.period}：共 {stats.total} 件，已答复 {stats.answered} 件，"
                  f"按期 {stats.on_time} 件，超期 {stats.late} 件，按期办结率 {rate_text(stats)}")
    sections = [("渠道", {CHANNEL_LABELS[ComplaintChannel(k)]: v for k, v in sorted(stats.by_channel.items())}),
                ("窗口", {f"{k} {names.get(k, '')}": v for k, v in sorted(stats.by_window.items())}),
                ("核查结论", {VERDICT_COLUMNS[k]: v for k, v in stats.by_verdict.items()}),
                ("差评星级", {f"{k}星": v for k, v in sorted(stats.by_stars.items())})]
    for heading, counts in sections:
        if counts:
            table = Table(heading, "件数")
            for name, count in counts.items():
                table.add_row(name, str(count))
            console.print(table)
    from deployments.cli.complaint.rating_counts import print_rating_counts

    print_rating_counts(month, year)  # every rating the 好差评 system posted, 3–5 stars included


# The desk's page for each command (deployments/cli/core/marks.py).
COMMAND_PAGES = {
    "complaint open": Page("POST", "/new/complaint"),
    "complaint extend": Page("POST", "/cases/{ref}/extend"),
    "complaint show": Reads(),
    "complaints stats": Reads("/stats/complaints"),
}
