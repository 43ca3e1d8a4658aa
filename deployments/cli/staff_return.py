"""`center return`: staff returns (退回, 进出管理制度 三). Decisions go through `center decide`.

Read-only commands (show) do not import Prefect; the others run their flow.
"""
from __future__ import annotations

import typer

from deployments.cli.core.console import console, styled
from models.core.clock import local_now, parse_local
from models.core.db import session_scope
from models.core.errors import validated
from deployments.cli.core.marks import Page, Reads

app = typer.Typer(help="窗口工作人员退回（进出管理制度 三）", no_args_is_help=True)


def _request(data: dict):
    from models.staff_return.inputs import ReturnRequest

    return validated(ReturnRequest, data)


@app.command("open")
def open_command(
    staff: str = typer.Option(..., "--staff", help="退回人员工号"),
    ground: list[str] = typer.Option(..., "--ground", help="退回情形（可多次）：discipline 违反纪律、不服从管理；"
                                     "service 服务差、不能胜任；misconduct 违纪违规；complaints 投诉经查属实"),
    case: list[str] = typer.Option([], "--case", help="关联案件编号（投诉、巡查、考勤等，可多次）"),
    note: str = typer.Option("", "--note", help="情况说明"),
    actor: str = typer.Option(..., "--as", help="窗口管理科人员工号"),
) -> None:
    """窗口管理科提出退回：写明情形和证据，待窗口管理科决定。"""
    request = _request({"staff_id": staff, "grounds": ground, "cases": case, "notes": note})
    from flows.staff_return import open_staff_return_flow

    result = open_staff_return_flow(request=request, actor=actor)
    head = "已提出退回" if result["created"] else "此退回已提出过，未重复登记："
    console.print(f"{head} {result['case_ref']}，待窗口管理科决定（center decide 待办编号 --as 工号 --field confirm=true --field reason=理由）")


@app.command("show")
def show_command(ref: str = typer.Argument(..., help="退回案件编号")) -> None:
    """显示退回案件：人员、情形、证据、退回函、新派驻人员、问责处理。"""
    from models.core.documents import documents_of
    from models.staff_return.machine import STAFF_RETURN
    from models.staff_return.rules import EVIDENCE_LABELS, GROUND_LABELS
    from models.staff_return.store import evidence_of, get_return

    with session_scope() as session:
        case, record = get_return(session=session, ref=ref)
        evidence = evidence_of(session=session, case_ref=ref)
        documents = documents_of(session=session, case_ref=ref)
    console.print(styled((ref, "bold"), f" {case.title}　状态：{STAFF_RETURN.status_label(case.status)}"))
    for g in record.grounds:
        console.print(f"情形：{GROUND_LABELS[g]}", markup=False)
    for e in evidence:
        console.print(f"证据：{EVIDENCE_LABELS.get(e.kind, e.kind)} {e.reference} {e.summary}", markup=False)
    if record.letter_no:
        console.print(f"退回函 {record.letter_no}，{record.effective_date} 起退回"
                      + ("（已生效）" if record.applied_at else ""))
    if record.replacement:
        console.print(f"新派驻人员：{record.replacement['name']}（{record.replacement['staff_id']}），"
                      f"{record.arrival_date} 到岗")
    if record.accountability:
        console.print(f"问责处理：{record.accountability}", markup=False)
    for d in documents:
        console.print(f"文书：{d.title}　{d.path}")


@app.command("apply")
def apply_command(as_of: str = typer.Option(None, "--as-of", help="按此日期办理（默认今天）")) -> None:
    """执行到期的退回和新人员到岗（每天定时运行，重复运行无副作用）。"""
    from flows.staff_return import staff_return_day

    moment = parse_local(as_of) if as_of else local_now()
    done = staff_return_day(as_of=moment)
    for ref, status in done.items():
        console.print(f"退回 {ref}：{status}")
    if not done:
        console.print(f"{moment:%Y-%m-%d} 没有到期的退回事项")


@app.command("adopt-placeholders")
def adopt_command(actor: str = typer.Option(..., "--as", help="窗口管理科人员工号")) -> None:
    """一次性：把投诉程序此前开出的“应退回”待办改为退回案件（每日定时任务也会执行）。"""
    from models.core.workitems import check_management
    from tasks.staff_return.entry import adopt_placeholders

    with session_scope() as session:
        check_management(session=session, actor_id=actor, action="接管退回待办")
    adopted = adopt_placeholders(actor=actor)
    for item_id, ref in adopted.items():
        console.print(f"待办 {item_id} → 退回案件 {ref}")
    console.print(f"共接管 {len(adopted)} 项")


# The desk's page for each command (deployments/cli/core/marks.py).
COMMAND_PAGES = {
    "return open": Page("POST", "/new/return"),
    "return show": Reads(),
}
