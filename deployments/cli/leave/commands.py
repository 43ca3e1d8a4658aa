"""`center leave`: apply for leave, hand in proofs, withdraw, register attendance, show a leave,
and the Saturday cover schedule (调休日程表) of convenience windows.

`show`, `list` and `saturday list` only read the case store (no Prefect); the others run flows.
"""
from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table
from sqlmodel import select

from deployments.cli.core.cases import case_show_command
from deployments.cli.leave.parse import build, parse_kind, parse_moment
from deployments.cli.leave.saturday import app as saturday_app
from deployments.cli.core.console import console
from models.core.cases import Case
from models.core.db import session_scope
from models.core.errors import InvalidInput, PermissionDenied
from models.leave.store import get_leave, leave_status_label, leave_view, missing_of
from models.leave.tables import LeaveRequest
from models.leave.inputs import LeaveApplication, LeaveProofs, LeaveWithdrawal
from models.core.org import CENTER_ROLES
from models.leave.rules import HALF_LABELS, KIND_LABELS, Half
from models.leave.machine import LEAVE, STEP_REGISTER
from models.core.workitems import actor_of, open_item
from deployments.cli.core.marks import Page, Reads

app = typer.Typer(help="请假：申请、补交证明、撤回、登记考勤；便民窗口调休日程表", no_args_is_help=True)
app.add_typer(saturday_app, name="saturday")

@app.command("apply")
def apply_command(
    staff: str = typer.Option(..., "--staff", help="请假人员工号"),
    kind: str = typer.Option(..., "--kind", help="病假 事假 公休 产假 家庭特殊情况 会议/培训 中心统一安排外出（或 sick 等）"),
    start: str = typer.Option(..., "--start", help="开始：YYYY-MM-DD，可加 上午/下午（默认上午）"),
    end: str = typer.Option(..., "--end", help="结束：YYYY-MM-DD，可加 上午/下午（默认下午）"),
    reason: str = typer.Option(..., "--reason", help="请假事由"),
    proof: list[Path] = typer.Option([], "--proof", help="相关证明文件（可多次）"),
    hospital_proof: list[Path] = typer.Option([], "--hospital-proof", help="医院证明（复印件）文件（可多次）"),
    substitute: str = typer.Option(None, "--substitute", help="替岗人员工号，默认本人的B岗"),
    cover: str = typer.Option("", "--cover", help="一人窗口：原部门派出的顶岗人员"),
    affects_window: bool = typer.Option(False, "--affects-window", help="影响窗口正常工作（告知所在单位领导）"),
    late_explanation: str = typer.Option("", "--late-explanation", help="事前未能办理的情况说明"),
    key: str = typer.Option(None, "--key", help="提交编号：重复提交同一编号只受理一次"),
    actor: str = typer.Option(..., "--as", help="提交人工号（本人或本窗口负责人）"),
) -> None:
    """提交请假申请：半天的附证明后登记；一天以上的生成请假报告单，送窗口负责人审核签字。"""
    start_day, start_half = parse_moment(start, "--start", Half.am)
    end_day, end_half = parse_moment(end, "--end", Half.pm)
    application = build(LeaveApplication, staff_id=staff, kind=parse_kind(kind), start_day=start_day,
                        start_half=start_half, end_day=end_day, end_half=end_half, reason=reason,
                        proofs=[str(p) for p in proof], hospital_proofs=[str(p) for p in hospital_proof],
                        substitute_id=substitute, cover_name=cover, affects_window=affects_window,
                        late_explanation=late_explanation, actor=actor, idempotency_key=key)
    from flows.core.steps import run_step
    from flows.leave import LEAVE_APPLICATION

    result = run_step(LEAVE_APPLICATION, application=application)
    if not result["created"]:
        console.print(f"此请假申请已登记过：{result['case_ref']}，未重复登记")
    _print_outcome(result["case_ref"])


def _print_outcome(ref: str) -> None:
    with session_scope() as session:
        case, leave = get_leave(session=session, ref=ref)
        missing = missing_of(session=session, leave=leave)
        status = leave_status_label(session=session, case=case)
    console.print(f"请假申请 {ref}（{case.title}）：{status}")
    if leave.days_provisional:
        console.print("注意：该年度放假安排尚未发布，请假天数为暂定")
    if missing:
        console.print(f"尚缺：{'、'.join(missing)}，请于 {leave.filing_due_at:%Y-%m-%d %H:%M} 前补交"
                      f"（center leave attach {ref} 文件 --as {leave.staff_id}）")


@app.command("show")
def show_command(ref: str = typer.Argument(..., help="请假申请编号")) -> None:
    """显示请假申请：时间、天数、替岗、材料，以及待办、历史和通知。"""
    with session_scope() as session:
        _, leave = get_leave(session=session, ref=ref)
        rows = leave_view(session=session, leave=leave)
        missing = missing_of(session=session, leave=leave)
    for label, value in rows:
        console.print(f"{label}：{value}")
    console.print(f"尚缺：{'、'.join(missing) or '无'}")
    case_show_command(ref)


@app.command("list")
def list_command(staff: str = typer.Option(None, "--staff", help="只列出此人的请假"),
                 window: str = typer.Option(None, "--window", help="只列出此窗口的请假")) -> None:
    """列出请假申请（最近的在前）。"""
    with session_scope() as session:
        query = select(Case, LeaveRequest).join(LeaveRequest, LeaveRequest.case_ref == Case.ref)
        if staff:
            query = query.where(LeaveRequest.staff_id == staff)
        if window:
            query = query.where(LeaveRequest.window_id == window)
        rows = session.exec(query.order_by(LeaveRequest.start_day.desc(), Case.ref.desc())).all()
        statuses = {case.ref: leave_status_label(session=session, case=case) for case, _ in rows}
    table = Table("编号", "人员", "类别", "开始", "结束", "天数", "状态", title="请假申请")
    for case, leave in rows:
        table.add_row(case.ref, leave.staff_id, KIND_LABELS[leave.kind],
                      f"{leave.start_day}{HALF_LABELS[leave.start_half]}",
                      f"{leave.end_day}{HALF_LABELS[leave.end_half]}", f"{leave.days:g}",
                      statuses[case.ref])
    console.print(table if rows else "没有请假申请")


@app.command("attach")
def attach_command(ref: str = typer.Argument(..., help="请假申请编号"),
                   files: list[Path] = typer.Argument(..., help="证明文件"),
                   hospital: bool = typer.Option(False, "--hospital", help="这些文件是医院证明（复印件）"),
                   actor: str = typer.Option(..., "--as", help="请假人工号（本人补交）")) -> None:
    """补交证明材料；材料齐全后继续审批或登记。"""
    proofs = build(LeaveProofs, case_ref=ref, files=[str(f) for f in files], hospital=hospital, actor=actor)
    from flows.leave import attach_leave_proofs

    attach_leave_proofs(proofs=proofs)
    _print_outcome(ref)


@app.command("withdraw")
def withdraw_command(ref: str = typer.Argument(..., help="请假申请编号"),
                     actor: str = typer.Option(..., "--as", help="请假人工号"),
                     comment: str = typer.Option("", "--comment", help="撤回理由")) -> None:
    """在最终决定前撤回请假申请。"""
    withdrawal = build(LeaveWithdrawal, case_ref=ref, actor=actor, comment=comment)
    from flows.leave import withdraw_leave_request

    status = withdraw_leave_request(withdrawal=withdrawal)
    console.print(f"请假申请 {ref}：{LEAVE.status_label(status)}")


@app.command("register")
def register_command(ref: str = typer.Argument(..., help="请假申请编号"),
                     actor: str = typer.Option(..., "--as", help="窗口负责人工号"),
                     comment: str = typer.Option("", "--comment", help="备注")) -> None:
    """窗口负责人确认已在考勤管理系统登记（两个工作日内）。"""
    with session_scope() as session:
        case, leave = get_leave(session=session, ref=ref)
        item = open_item(session=session, case_ref=ref, step=STEP_REGISTER)
        if item is None:  # say why: not this person's window, or not at this step
            who = actor_of(session=session, staff_id=actor)
            if not who.active or (who.role not in CENTER_ROLES and who.window_id != leave.window_id):
                raise PermissionDenied(actor=actor, action=f"登记请假申请 {ref} 的考勤", reason="只能处理本窗口的事项")
            raise InvalidInput(field="请假申请编号", message=f"请假申请 {ref} 当前为「{leave_status_label(session=session, case=case)}」，"
                                         "不在待登记考勤步骤")
    from flows.core.steps import DECIDE, run_step

    status = run_step(DECIDE, case_ref=ref, item_id=item.id, actor=actor,
                      decision={"comment": comment} if comment else {})
    console.print(f"请假申请 {ref}：{LEAVE.status_label(status)}")


@app.command("advance")
def advance_command(ref: str = typer.Argument(..., help="请假申请编号"),
                    actor: str = typer.Option(..., "--as", help="办理人工号")) -> None:
    """重新推进请假申请（中断后恢复；重复执行不会重复写入或发送）。"""
    from flows.leave import advance_leave

    console.print(f"请假申请 {ref}：{LEAVE.status_label(advance_leave(case_ref=ref, actor=actor))}")


# The desk's page for each command (deployments/cli/core/marks.py).
COMMAND_PAGES = {
    "leave apply": Page("POST", "/new/leave"),
    "leave show": Reads(),
    "leave list": Reads(),
    "leave attach": Page("POST", "/cases/{ref}/proofs"),
    "leave withdraw": Page("POST", "/cases/{ref}/withdraw"),
    "leave register": Page("POST", "/items/{item_id}/decide"),  # the head's register step on the case page
}
