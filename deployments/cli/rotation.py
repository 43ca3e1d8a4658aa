"""`center rotation`: rotations (轮换), secondments (借调), interns (实习生), posting requirements.

Read-only commands (show) do not import Prefect; the others run their flow.
"""
from __future__ import annotations

from pathlib import Path

import typer

from deployments.cli.core.console import console, styled
from models.core.clock import local_now, parse_local
from models.core.db import session_scope
from models.core.errors import InvalidInput, raise_all, validated
from models.core.loading import read_records
from models.rotation.inputs import InternInput, RotationProposalInput, SecondmentInput
from deployments.cli.core.marks import Page, Reads

app = typer.Typer(help="人员轮换、进驻登记、调离、短期借调、实习生", no_args_is_help=True)


def _known(submission) -> bool:
    """Whether this submission opened its case already (a re-run after a crash or by mistake)."""
    from sqlmodel import select

    from models.core.cases import Case
    from models.rotation.inputs import case_key

    with session_scope() as session:
        return session.exec(select(Case.ref).where(Case.idempotency_key == case_key(submission))).first() is not None


def _registered(ref: str, known: bool, what: str) -> str:
    return f"此{what}已登记过，未重复登记：{ref}" if known else f"已登记{what} {ref}"


def _arrival(text: str) -> dict:
    parts = [p.strip() for p in text.split(":")]
    if len(parts) not in (2, 3) or not all(parts[:2]):
        raise InvalidInput(field="--arrive", message=f"「{text}」应为 工号:姓名 或 工号:姓名:资质")
    return {"staff_id": parts[0], "name": parts[1], **({"qualification": parts[2]} if len(parts) == 3 else {})}


def _date(value: str, field: str):
    try:
        return parse_local(value)
    except ValueError:
        raise InvalidInput(field=field, message=f"「{value}」不是有效的日期（如 2026-04-15）") from None


@app.command("propose")
def propose_command(
    window: str = typer.Option(..., "--window", help="窗口编号"),
    notice_ref: str = typer.Option(..., "--notice-ref", help="公函文号"),
    received: str = typer.Option(..., "--received", help="中心收到公函的时间（如 2026-03-31 或 2026-03-31 16:30）"),
    effective: str = typer.Option(..., "--effective", help="生效日期"),
    leave: list[str] = typer.Option([], "--leave", help="调离人员工号（可多次）"),
    arrive: list[str] = typer.Option([], "--arrive", help="进驻人员 工号:姓名[:资质]（可多次）"),
    arrivals: Path = typer.Option(None, "--arrivals", help="进驻人员登记信息文件（YAML 的 arriving 列表，或带 kind 列的 CSV）"),
    note: str = typer.Option("", "--note", help="说明（调离事由等）"),
    actor: str = typer.Option(..., "--as", help="办理人工号（派驻部门、窗口负责人或窗口管理科）"),
) -> None:
    """登记派驻部门的轮换公函：检查全部规定，交窗口管理科审核。"""
    problems, values = [], {}
    for key, parse in (("received", lambda: _date(received, "--received")),
                       ("effective", lambda: _date(effective, "--effective").date()),
                       ("people", lambda: [_arrival(a) for a in arrive])):
        try:
            values[key] = parse()
        except InvalidInput as error:
            problems.append(error)
    raise_all(problems)
    people = values["people"]
    if arrivals is not None:
        people += [row for _, row in read_records(arrivals, ("arriving",), "--arrivals")["arriving"]]
    proposal = validated(RotationProposalInput, {
        "window_id": window, "notice_ref": notice_ref, "notice_received": values["received"],
        "effective_date": values["effective"], "leaving": leave, "arriving": people, "note": note})
    from flows.rotation import staff_rotation

    known = _known(proposal)
    ref = staff_rotation(proposal=proposal, actor=actor)
    console.print(f"{_registered(ref, known, '人员轮换')}，待窗口管理科审核")
    show_command(ref)


@app.command("show")
def show_command(ref: str = typer.Argument(..., help="轮换案件编号")) -> None:
    """显示轮换：各项检查（含条款）、调离和进驻人员、例外批准、表格。"""
    from models.core.cases import get_case
    from models.core.documents import documents_of
    from models.procedures import get_procedure
    from models.rotation.store import get_proposal, members

    with session_scope() as session:
        case = get_case(session=session, ref=ref)
        proposal = get_proposal(session=session, case_ref=ref)
        leaving = members(session=session, case_ref=ref, direction="leave")
        arriving = members(session=session, case_ref=ref, direction="arrive")
        documents = documents_of(session=session, case_ref=ref)
    console.print(styled((ref, "bold"), f" {case.title}　状态：{get_procedure('rotation').status_label(case.status)}"))
    console.print(f"公函 {proposal.notice_ref}，{proposal.notice_received_at:%Y-%m-%d %H:%M} 收到，"
                  f"{proposal.effective_date} 生效")
    console.print("调离：" + ("、".join(f"{m.name}（{m.staff_id}）" for m in leaving) or "无"))
    console.print("进驻：" + ("、".join(f"{m.name}（{m.staff_id}）" for m in arriving) or "无"))
    console.print("规定检查：")
    for c in proposal.checks:
        result = "提示" if c["flag"] else ("通过" if c["passed"] else ("未通过，可例外批准" if c["overridable"] else "未通过"))
        console.print(f"  【{result}】{c['label']}：{c['detail']}（{c['clause']}）", markup=False)
    if proposal.exception:
        console.print(f"例外批准：{proposal.exception['by']}，理由：{proposal.exception['reason']}")
    for d in documents:
        console.print(f"表格：{d.title}　{d.path}")


@app.command("require")
def require_command(
    window: str = typer.Argument(..., help="窗口编号"),
    qualification: str = typer.Argument(..., help="进驻人员须具备的资质或资格（空字符串表示取消）"),
    actor: str = typer.Option(..., "--as", help="窗口管理科人员工号"),
) -> None:
    """登记窗口事项要求的资质（进出管理制度 一.4），进驻人员须具备。"""
    from models.core.posting_requirements import set_requirement
    from models.core.workitems import check_management

    with session_scope() as session:
        check_management(session=session, actor_id=actor, action="登记窗口资质要求")
        set_requirement(session=session, window_id=window, qualification=qualification.strip(), actor=actor)
    console.print(f"已登记：窗口 {window} 进驻人员须具备「{qualification}」" if qualification.strip()
                  else f"已取消窗口 {window} 的资质要求")


@app.command("apply")
def apply_command(as_of: str = typer.Option(None, "--as-of", help="按此日期生效（默认今天）")) -> None:
    """执行到期的人员变动：轮换生效、借调开始或结束（每天定时运行，重复运行无副作用）。"""
    from flows.rotation import roster_day

    moment = _date(as_of, "--as-of") if as_of else local_now()
    done = roster_day(as_of=moment)
    for kind, label in (("rotation", "轮换"), ("secondment", "借调")):
        for ref, status in done[kind].items():
            console.print(f"{label} {ref}：{status}")
    if not any(done.values()):
        console.print(f"{moment:%Y-%m-%d} 没有到期的人员变动")


@app.command("second")
def second_command(
    staff: str = typer.Argument(..., help="借调人员工号"),
    start: str = typer.Option(..., "--from", help="借调开始日期"),
    end: str = typer.Option(..., "--to", help="借调结束日期"),
    reason: str = typer.Option(..., "--reason", help="借调事由"),
    actor: str = typer.Option(..., "--as", help="办理人工号"),
) -> None:
    """申请短期借调回原单位（须经中心同意，进出管理制度 四.2）。"""
    request = validated(SecondmentInput, {"staff_id": staff, "start": _date(start, "--from").date(),
                                            "end": _date(end, "--to").date(), "reason": reason})
    from flows.rotation import request_secondment

    known = _known(request)
    ref = request_secondment(request=request, actor=actor)
    console.print(f"{_registered(ref, known, '借调申请')}，待窗口管理科审核")


@app.command("intern")
def intern_command(
    window: str = typer.Option(..., "--window", help="窗口编号"),
    person: str = typer.Option(..., "--person", help="实习生 工号:姓名"),
    start: str = typer.Option(..., "--from", help="实习开始日期"),
    end: str = typer.Option(..., "--to", help="实习结束日期"),
    phone: str = typer.Option("", "--phone", help="手机号码"),
    reason: str = typer.Option("", "--reason", help="说明"),
    actor: str = typer.Option(..., "--as", help="窗口负责人工号"),
) -> None:
    """窗口负责人报中心安排实习生进驻（经中心同意后登记，进出管理制度 二.3）。"""
    request = validated(InternInput, {
        "window_id": window, "person": {**_arrival(person), "phone": phone, "employment": "other", "intern": True},
        "start": _date(start, "--from").date(), "end": _date(end, "--to").date(), "reason": reason})
    from flows.rotation import request_intern

    known = _known(request)
    ref = request_intern(request=request, actor=actor)
    console.print(f"{_registered(ref, known, '实习生进驻申请')}，待窗口管理科审核")


# The desk's page for each command (deployments/cli/core/marks.py).
COMMAND_PAGES = {
    "rotation propose": Page("POST", "/new/rotation"),
    "rotation show": Reads(),
    "rotation require": Page("POST", "/rotation/requirements"),
    "rotation second": Page("POST", "/rotation/secondment"),
    "rotation intern": Page("POST", "/rotation/intern"),
}
