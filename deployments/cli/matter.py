"""`center matters`: the matter list (清单), its service guides, change requests and publishing.

`list` and `show` only read the case store (no Prefect); `request`, `publish` and `review` run flows.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import typer
from rich.table import Table
from sqlmodel import select

from deployments.cli.core.console import console, styled
from models.core.cases import Case
from models.core.clock import parse_local
from models.core.db import session_scope
from models.core.errors import InvalidInput, NotFound
from models.matter.store import get_matter, list_matters
from models.matter.tables import Matter, MatterRequest
from models.matter.guides import guide_of, guide_versions, page_path
from models.matter.inputs import KIND_LABELS, REQUEST_LABELS, STATUS_LABELS, parse_request, read_request
from models.matter.machine import INCOMPLETE
from models.core.org import Staff
from models.procedures import get_procedure
from deployments.cli.core.marks import Page, Reads

app = typer.Typer(help="事项清单：进驻、变更、取消、退出申请和办事指南", no_args_is_help=True)


def _where(matter: Matter) -> str:
    if matter.window_id:
        return matter.window_id
    return f"分中心：{matter.branch['name']}" if matter.branch else "—"


def _limit(matter: Matter) -> str:
    if matter.kind == "immediate":
        return "即办"
    return f"承诺{matter.promised_days}日/法定{matter.statutory_days}日"


@app.command("request")
def request_command(
    file: Path = typer.Argument(None, help="申请文件（YAML 或 JSON，见 examples/matters/）"),
    actor: str = typer.Option(..., "--as", help="申请部门联系人工号"),
    cancel: str = typer.Option(None, "--cancel", help="申请取消此编码的事项（不需要申请文件）"),
    exit_code: str = typer.Option(None, "--exit", help="申请此编码的事项退出中心（不需要申请文件）"),
    reason: str = typer.Option("", "--reason", help="取消或退出的理由"),
) -> None:
    """部门提出事项进驻、变更、取消或退出申请，报区政务服务办。"""
    if sum(x is not None for x in (file, cancel, exit_code)) != 1:
        raise InvalidInput(field="申请文件/--cancel/--exit", message="请给出申请文件，或 --cancel 编码，或 --exit 编码，三者选一")
    if file is not None:
        form = read_request(file)
    else:
        with session_scope() as session:
            staff = session.get(Staff, actor)
        if staff is None:
            raise NotFound(field="办理人(--as)", value=actor)
        form = parse_request({"request": "cancel" if cancel else "exit", "code": cancel or exit_code,
                              "department": staff.department_id or "", "reason": reason})
    from flows.matter import matter_onboarding

    result = matter_onboarding(request=form, actor=actor)
    _print_outcome(result["case_ref"], result["created"])


def _print_outcome(ref: str, created: bool) -> None:
    with session_scope() as session:
        case, request = session.get(Case, ref), session.get(MatterRequest, ref)
    again = "" if created else "（此申请此前已提交，未重复登记）"
    console.print(f"申请 {ref}（{case.title}）：{get_procedure('matter').status_label(case.status)}{again}")
    if case.status == INCOMPLETE:
        console.print(f"办事指南不完整，共 {len(request.gaps)} 处，已一次性告知部门：")
        for number, gap in enumerate(request.gaps, start=1):
            console.print(f"  {number}. {gap}", markup=False)


@app.command("list")
def list_command(window: str = typer.Option(None, "--window", help="只列出此窗口的事项"),
                 in_service: bool = typer.Option(False, "--in-service", help="只列出在办事项")) -> None:
    """显示事项清单（含分中心自设窗口的事项）。"""
    with session_scope() as session:
        matters = [m for m in list_matters(session=session, in_service_only=in_service)
                   if window is None or m.window_id == window]
    table = Table("编码", "名称", "部门", "窗口", "类型", "时限", "状态", "版本", title="事项清单")
    for m in matters:
        table.add_row(m.code, m.name, m.department_id, _where(m), KIND_LABELS[m.kind], _limit(m),
                      STATUS_LABELS[m.status], str(m.current_version or "—"))
    console.print(table if matters else "清单中没有事项")


@app.command("show")
def show_command(code: str = typer.Argument(..., help="事项编码")) -> None:
    """显示一个事项：当前办事指南、历次版本和申请。"""
    with session_scope() as session:
        matter = get_matter(session=session, code=code)
        guide = guide_of(session=session, matter=matter) if matter.current_version else None
        versions = guide_versions(session=session, code=code)
        requests = session.exec(select(MatterRequest, Case).join(Case, Case.ref == MatterRequest.case_ref)
                                .where(MatterRequest.matter_code == code).order_by(Case.opened_at)).all()
    console.print(styled((f"{matter.code} {matter.name}", "bold"), f"　{STATUS_LABELS[matter.status]}　{KIND_LABELS[matter.kind]}"
                  f"　{_limit(matter)}　窗口：{_where(matter)}　部门：{matter.department_id}"))
    if guide:
        console.print(f"办事指南第 {guide.version} 版（{guide.approved_at:%Y-%m-%d}）：{page_path(code)}")
        materials = Table("材料名称", "规格/样式", "份数", "原件/复印件", title="申报材料")
        for m in guide.materials:
            materials.add_row(m.name, m.form, str(m.copies), m.original_label)
        console.print(materials)
    history = Table("版本", "批准", "批准人", "申请", "状态", title="版本和申请")
    for v in versions:
        history.add_row(f"第{v.version}版" + ("（现行）" if v.version == matter.current_version else ""),
                        f"{v.approved_at:%Y-%m-%d %H:%M}", v.approved_by, v.case_ref, "")
    for request, case in requests:
        history.add_row("", f"{case.opened_at:%Y-%m-%d %H:%M}", case.opened_by,
                        f"{case.ref} {REQUEST_LABELS[request.request]}", get_procedure("matter").status_label(case.status))
    console.print(history)


@app.command("publish")
def publish_command(actor: str = typer.Option(..., "--as", help="窗口管理科工号")) -> None:
    """按现行事项清单重新生成公开的办事指南网页。"""
    from flows.matter import publish_matter_guides

    result = publish_matter_guides(actor=actor)
    console.print(f"已发布 {result['pages']} 项办事指南：{result['index']}")


@app.command("review")
def review_command(as_of: str = typer.Option(None, "--as-of", help="按此时间发起（如 2026-10-08 09:00），默认现在")) -> None:
    """发起本季度事项清单梳理：每个窗口一项确认待办（计划任务每季度初自动运行）。"""
    from flows.matter import matter_list_review

    moment: datetime | None = parse_local(as_of) if as_of else None
    report = matter_list_review(as_of=moment)
    if not report["working_day"]:
        console.print("今天不是工作日，未发起梳理")
        return
    console.print(f"事项清单梳理 {report['case_ref']}：共 {report['items']} 项确认待办")


# The desk's page for each command (deployments/cli/core/marks.py).
COMMAND_PAGES = {
    "matters request": Page("POST", "/new/matter"),
    "matters list": Reads(),
    "matters show": Reads(),
    "matters publish": Page("POST", "/matters/publish"),
    "matters review": Page("POST", "/matters/review"),
}
