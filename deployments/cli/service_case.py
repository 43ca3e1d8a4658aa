"""`center service`: service cases at the window (首问负责, 一次性告知, 限时办结).

Read-only commands (show, stats) do not import Prefect; the others run their flow.
"""
from __future__ import annotations

import typer

from deployments.cli.core.console import console, styled
from models.core.clock import parse_local
from models.core.db import session_scope
from models.core.errors import InvalidInput
from deployments.cli.core.marks import Page, Reads

app = typer.Typer(help="窗口办件：首问负责、一次性告知、限时办结", no_args_is_help=True)
AS = typer.Option(..., "--as", help="办理人工号（本窗口工作人员）")
NOW = typer.Option(None, "--now", help="办理时间（默认现在），如 2026-09-30T10:00")


def _moment(now: str | None):
    return parse_local(now) if now else None


@app.command("open")
def open_command(
    matter: str = typer.Option(..., "--matter", help="事项编码"),
    applicant: str = typer.Option(..., "--applicant", help="申请人（个人姓名或单位名称）"),
    phone: str = typer.Option("", "--phone", help="申请人手机号码（短信告知）"),
    email: str = typer.Option("", "--email", help="申请人电子邮箱（邮件告知）"),
    channel: str = typer.Option("window", "--channel", help="渠道：window 窗口、phone 电话、online 网络"),
    actor: str = AS, now: str = NOW,
) -> None:
    """接件：首问责任人登记申请人、事项和渠道；不属本窗口的事项登记转办去向。"""
    from models.core.errors import validated
    from models.service_case.inputs import ServiceIntake

    intake = validated(ServiceIntake, {"applicant": applicant, "phone": phone, "email": email,
                                        "matter_code": matter, "channel": channel})
    # Registered without a flow run, so the applicant's name and contacts never become Prefect run
    # parameters (the web desk does the same); the steps that follow run their flows.
    from tasks.service_case import submit_service_case

    ref, created = submit_service_case(intake=intake, actor=actor, now=_moment(now))
    if not created:
        console.print(f"此次接件已登记过：{ref}，未重复登记")
    _print_case(ref)


@app.command("check")
def check_command(
    ref: str = typer.Argument(..., help="办件编号"),
    have: list[str] = typer.Option([], "--have", help="已提交的材料（可多次）"),
    missing: list[str] = typer.Option([], "--missing", help="缺少的材料（可多次）"),
    sent: bool = typer.Option(False, "--send", help="一次性告知书同时以短信告知申请人"),
    actor: str = AS, now: str = NOW,
) -> None:
    """核验材料：每项材料已提交或缺少；缺少的一次性书面告知，补正时只核验告知书所列材料。"""
    from flows.service_case import check_materials_flow

    check_materials_flow(case_ref=ref, have=have, missing=missing, actor=actor, now=_moment(now), sent=sent)
    _print_case(ref)


@app.command("accept")
def accept_command(ref: str = typer.Argument(..., help="办件编号"), actor: str = AS, now: str = NOW) -> None:
    """材料齐全予以受理（所需材料全部视为已提交）：即办件当场办结，承诺件计算办结期限。"""
    from models.service_case.store import get_service_case, materials_to_check

    with session_scope() as session:
        _, record = get_service_case(session=session, ref=ref)
        expected = [m.name for m in materials_to_check(session=session, record=record)[1]]
    from flows.service_case import check_materials_flow

    check_materials_flow(case_ref=ref, have=expected, missing=[], actor=actor, now=_moment(now))
    _print_case(ref)


@app.command("complete")
def complete_command(ref: str = typer.Argument(..., help="办件编号"), actor: str = AS, now: str = NOW) -> None:
    """办结已受理的承诺件。"""
    from flows.service_case import complete_service_case_flow

    complete_service_case_flow(case_ref=ref, actor=actor, now=_moment(now))
    _print_case(ref)


@app.command("extend")
def extend_command(
    ref: str = typer.Argument(..., help="办件编号"),
    days: int = typer.Option(..., "--days", help="延期的工作日数"),
    reason: str = typer.Option("", "--reason", help="延期理由"),
    consent: bool = typer.Option(False, "--consent", help="已向申请人说明理由和时间并取得同意"),
    actor: str = AS, now: str = NOW,
) -> None:
    """延期办结：须写明理由、告知申请人并取得同意（限时办结制度 5）；理由和新期限以短信、邮件告知申请人。"""
    from flows.service_case import extend_service_case_flow
    from models.service_case.inputs import ServiceExtension

    request = ServiceExtension(case_ref=ref, days=days, reason=reason, consent=consent)
    due = extend_service_case_flow(request=request, actor=actor, now=_moment(now))
    console.print(f"{ref} 已延期，办结期限 {due:%Y-%m-%d %H:%M}，已告知申请人")


@app.command("show")
def show_command(ref: str = typer.Argument(..., help="办件编号")) -> None:
    """显示办件：首问责任人、事项、状态、告知书、期限。"""
    _print_case(ref)


def _print_case(ref: str) -> None:
    from models.core.documents import documents_of
    from models.service_case.rules import CHANNEL_LABELS
    from models.service_case.machine import ACCEPTED, REFERRED, SERVICE_CASE
    from models.service_case.store import get_service_case, notices_of

    with session_scope() as session:
        case, record = get_service_case(session=session, ref=ref)
        notices = notices_of(session=session, case_ref=ref)
        documents = documents_of(session=session, case_ref=ref)
    console.print(styled((ref, "bold"), f" {case.title}　状态：{SERVICE_CASE.status_label(case.status)}"))
    console.print(f"首问责任人 {record.owner_id}，渠道：{CHANNEL_LABELS[record.channel]}，事项 {record.matter_code}",
                  markup=False)
    if case.status == REFERRED:
        console.print(f"转办：{record.referred_department}{record.referred_window}，联系电话 {record.referred_contact}",
                      markup=False)
    for n in notices:
        console.print(f"一次性告知书第{n.number}份：{'、'.join(n.items)}", markup=False)
    if case.due_at and case.status == ACCEPTED:
        console.print(f"办结期限：{case.due_at:%Y-%m-%d %H:%M}")
    for d in documents:
        console.print(f"文书：{d.title}　{d.path}")


@app.command("stats")
def stats_command(month: str = typer.Option(..., "--month", help="月份，如 2026-10")) -> None:
    """月度统计：按窗口和事项的办件量、即办率、按时办结率、转办数、一次性告知书数。"""
    from datetime import datetime

    from models.service_case.store import month_figures

    try:
        start = datetime.strptime(month, "%Y-%m")
    except ValueError:
        raise InvalidInput(field="--month", message="格式须为 YYYY-MM，如 2026-10") from None
    end = datetime(start.year + start.month // 12, start.month % 12 + 1, 1)
    with session_scope() as session:
        summary = month_figures(session=session, start=start, end=end)
    console.print(styled((f"{month} 窗口办件统计", "bold"), f"：共 {summary['total']} 件，办结 {summary['completed']} 件"))
    for window, matter, count in summary["by_window_matter"]:
        console.print(f"{window}　{matter}：{count} 件", markup=False)
    share, rate = summary["at_once_share"], summary["on_time_rate"]
    console.print(f"即办率：{'—' if share is None else f'{share:.0%}'}　按时办结率：{'—' if rate is None else f'{rate:.0%}'}")
    console.print(f"转办 {summary['referrals']} 件，一次性告知书 {summary['notices']} 份")


# The desk's page for each command (deployments/cli/core/marks.py).
COMMAND_PAGES = {
    "service open": Page("POST", "/new/service"),
    "service check": Page("POST", "/cases/{ref}/service/materials"),
    "service accept": Page("POST", "/cases/{ref}/service/materials"),  # all materials present → accepted
    "service complete": Page("POST", "/cases/{ref}/service/complete"),
    "service extend": Page("POST", "/cases/{ref}/service/extend"),
    "service show": Reads(),
    "service stats": Reads("/stats/service"),
}
