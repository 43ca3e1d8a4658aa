"""Issue 10, part 1: the permission matrix. Every (role, action) pair across the procedures, at the
command line against a real Prefect API: the allowed actor succeeds and the audit trail names them;
every other role is refused with exit status 2, a Chinese message saying who may act, and nothing
written (row counts and content hash of the whole case store, before and after). The allowed sets
below are read from the regulations, not from the code under test."""
from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
import typer
from sqlmodel import select

from deployments.cli.app import app
from deployments.cli.core.marks import Reads
from models.api.keys import ApiKey
from models.rotation.tables import HeadRanking
from models.core.calendar import load_calendar
from models.core.cases import AuditEvent, WorkItem, WorkItemStatus
from models.core.clock import local_now
from models.core.db import session_scope
from models.core.outbox import OutboxMessage, OutboxStatus
from models.core.posting_requirements import PostingRequirement
from models.core.users import UserCredential
from reliability.summary import record
from support import complaint_cases, leaves, rotations
from support.cli import ROOT, run_cli
from support.cli_tree import center_commands, command_pages, leaf_commands
from support.snapshot import snapshot

pytestmark = pytest.mark.usefixtures("org", "prefect_api")

# One person per role of examples/org.yaml (and the same role elsewhere, to catch a missing scope).
ACTORS = {
    "G001": "窗口管理科", "T001": "投诉窗口", "Q001": "区政务服务办", "I001": "信息技术科",
    "D-rsj": "派驻部门（人社局，W01）", "D-scjgj": "派驻部门（市场监管局）",
    "S0101": "窗口负责人（W01）", "S0201": "窗口负责人（W02）",
    "S0103": "窗口工作人员（W01）", "S0202": "窗口工作人员（W02）",
}


def ahead(days: int) -> str:
    """A working day `days` from today: commands that file something now need a future date."""
    with session_scope() as session:
        calendar = load_calendar(session=session)
    return str(calendar.next_working_day(local_now().date() + timedelta(days=days)))


def ref_in(text: str, prefix: str) -> str:
    return next(word for word in text.replace("：", " ").replace("，", " ").replace("（", " ").split()
                if word.startswith(prefix))


def open_item(ref: str, step: str) -> int:
    with session_scope() as session:
        return session.exec(select(WorkItem.id).where(WorkItem.case_ref == ref, WorkItem.step == step,
                                                      WorkItem.status == WorkItemStatus.open)).one()


# ---- what each action needs to exist first (returns what the command line names) -------------

def a_complaint(capsys) -> str:
    """Received now, so that its deadline is still ahead (an extension must come before it)."""
    now = local_now()
    ref = complaint_cases.register(received_at=now, now=now)
    complaint_cases.advance(ref)
    return ref


def a_provisional_complaint(capsys) -> str:
    """Received on 30 December: its deadline falls in 2027, provisional until that year is imported."""
    received = datetime(2026, 12, 30, 10)
    ref = complaint_cases.register(received_at=received, now=received)
    complaint_cases.advance(ref)
    return ref


def a_smoking_finding(capsys) -> str:
    """A deduction in the ledger, for the annual assessment to rank."""
    return cli_ref("patrol", "record", "--windows", "W02", "--at", "2026-10-12 09:40",
                   "--finding", "W02/S0203/吸烟/在楼梯间吸烟", "--as", "G001", prefix="XC")(capsys)


def a_leave(capsys) -> str:
    return leaves.apply("S0103", kind="personal")


def a_failed_message(capsys) -> str:
    ref = a_complaint(capsys)
    with session_scope() as session:
        message = session.exec(select(OutboxMessage).where(OutboxMessage.case_ref == ref)).first()
        message.status, message.last_error = OutboxStatus.failed, "发送失败（测试）"
        return str(message.id)


def cli_ref(*argv: str, prefix: str):
    def setup(capsys) -> str:
        result = run_cli(capsys, *argv)
        assert result.code == 0, result.err
        return ref_in(result.out, prefix)
    return setup


def an_api_key(capsys) -> str:
    result = run_cli(capsys, "api-keys", "issue", "rating", "--name", "rating-main", "--as", "G001")
    assert result.code == 0, result.err
    return "rating-main"


def an_it_request(capsys) -> str:
    return cli_ref("it", "request", "--window", "W01", "--kind", "lan", "--device", "交换机", "--purpose", "社保专网",
                   "--as", "S0101", prefix="IT")(capsys)


def an_it_violation(capsys) -> str:
    return cli_ref("it", "violation", "--window", "W01", "--kind", "shared_account", "--description", "共用帐号",
                   "--as", "I001", prefix="WG")(capsys)


def a_training(capsys) -> str:
    return cli_ref("training", "open", "--topic", "服务礼仪", "--category", "服务礼仪", "--start", f"{ahead(7)} 14:00",
                   "--end", f"{ahead(7)} 16:00", "--window", "W01", "--as", "G001", prefix="PX")(capsys)


def a_return(capsys) -> str:
    return cli_ref("return", "open", "--staff", "S0102", "--ground", "discipline", "--note", "多次违反纪律",
                   "--as", "G001", prefix="TH")(capsys)


def a_matter_request(capsys) -> str:
    return cli_ref("matters", "request", ROOT / "examples" / "matters" / "unemployment-registration.yaml",
                   "--as", "D-rsj", prefix="SX")(capsys)


def a_rotation(capsys) -> str:
    return rotations.propose("W01", ["S0102"])


def a_leave_for_signature(capsys) -> str:
    return leaves.apply("S0103", kind="personal", start=leaves.NOW.date() + timedelta(days=2),
                        end=leaves.NOW.date() + timedelta(days=3))


@dataclass(frozen=True)
class Action:
    name: str
    argv: Callable[[str, str], list]  # (actor, what the setup returned) → arguments
    allowed: tuple[str, ...]
    setup: Callable | None = None
    stdin: str = ""
    writes: bool = True  # False: with nothing to do, the allowed run may rightly write nothing
    recorded: Callable | None = None  # (session) → who a record outside any case names as its author


def decide(step: str, *fields: str) -> Callable[[str, str], list]:
    return lambda actor, ref: ["decide", str(open_item(ref, step)), *fields, "--as", actor]


ACTIONS = [
    # the center's settings
    Action("users set-password", lambda a, _: ["users", "set-password", "S0103", "--as", a], ("G001",),
           stdin="一个足够长的新登录密码\n", recorded=lambda s: {s.get(UserCredential, "S0103").set_by}),
    Action("calendar import", lambda a, _: ["calendar", "import", ROOT / "examples" / "calendar-2027.yaml", "--as", a],
           ("G001",), a_provisional_complaint),
    Action("outbox resend", lambda a, m: ["outbox", "resend", m, "--as", a], ("G001",), a_failed_message),
    Action("api-keys issue", lambda a, _: ["api-keys", "issue", "12345", "--as", a], ("G001",),
           recorded=lambda s: set(s.exec(select(ApiKey.created_by)).all())),
    Action("api-keys revoke", lambda a, name: ["api-keys", "revoke", name, "--as", a], ("G001",), an_api_key,
           recorded=lambda s: set(s.exec(select(ApiKey.revoked_by)).all()) - {None}),
    # 请假
    Action("leave apply (for S0103)", lambda a, _: ["leave", "apply", "--staff", "S0103", "--kind", "事假",
                                                    "--start", ahead(14), "--end", ahead(14), "--reason", "办事",
                                                    "--as", a], ("S0103", "S0101")),
    Action("leave withdraw", lambda a, ref: ["leave", "withdraw", ref, "--comment", "不需要了", "--as", a], ("S0103",),
           a_leave),
    Action("leave: head signs", decide("head_review", "--approve"), ("S0101",), a_leave_for_signature),
    Action("leave: head sends back (退回修改)", decide("head_review", "--send-back", "--reason", "请写明具体事由"),
           ("S0101",), a_leave_for_signature),
    # 投诉
    Action("complaint open", lambda a, _: ["complaint", "open", "--channel", "phone", "--window", "W01", "--staff",
                                           "S0102", "--category", "3", "--content", "态度生硬", "--name", "张三",
                                           "--contact", "13912345678", "--as", a], ("G001", "T001")),
    Action("complaint extend", lambda a, ref: ["complaint", "extend", ref, "--reason", "需调取录音核实", "--as", a],
           ("G001", "S0101"), a_complaint),
    Action("complaint: investigate", decide("investigate", "--field", "verdict=unsubstantiated", "--field",
                                            "findings=经核实不属实", "--field", "reply=经核实，工作人员按规定办理。"),
           ("S0101",), a_complaint),
    # 轮换
    Action("rotation propose", lambda a, _: ["rotation", "propose", "--window", "W01", "--notice-ref",
                                             "青人社函〔2026〕12号", "--received", "2026-03-31 10:00", "--effective",
                                             "2026-04-15", "--leave", "S0102", "--as", a],
           ("G001", "D-rsj", "S0101")),
    Action("rotation require", lambda a, _: ["rotation", "require", "W01", "社保经办资格", "--as", a], ("G001",),
           recorded=lambda s: set(s.exec(select(PostingRequirement.set_by)).all())),
    Action("rotation second", lambda a, _: ["rotation", "second", "S0105", "--from", ahead(20), "--to", ahead(24),
                                            "--reason", "参加局专项检查", "--as", a], ("G001", "D-rsj", "S0101")),
    Action("rotation: review", decide("review", "--approve", "--comment", "同意"), ("G001",), a_rotation),
    Action("rotation: withdraw (撤回)", lambda a, ref: ["case", "withdraw", ref, "--as", a], ("D-rsj",), a_rotation),
    # 退回
    Action("return open", lambda a, _: ["return", "open", "--staff", "S0102", "--ground", "discipline", "--note",
                                        "多次违反纪律", "--as", a], ("G001",)),
    Action("return adopt-placeholders", lambda a, _: ["return", "adopt-placeholders", "--as", a], ("G001",),
           writes=False),
    Action("return: decide", decide("decide", "--field", "confirm=true", "--field", "reason=多次违反纪律"),
           ("G001",), a_return),
    # 事项
    Action("matters request", lambda a, _: ["matters", "request", ROOT / "examples" / "matters" /
                                            "unemployment-registration.yaml", "--as", a], ("D-rsj",)),
    Action("matters publish", lambda a, _: ["matters", "publish", "--as", a], ("G001",), writes=False),
    Action("matters: forward", decide("forward", "--approve"), ("Q001",), a_matter_request),
    # 巡查、培训、IT、考核
    Action("patrol record", lambda a, _: ["patrol", "record", "--windows", "W01", "--as", a], ("G001",)),
    Action("patrol summary", lambda a, _: ["patrol", "summary", "--month", "2026-10", "--as", a], ("G001",),
           writes=False),
    Action("training open", lambda a, _: ["training", "open", "--topic", "政策学习", "--category", "法规制度",
                                          "--start", f"{ahead(7)} 14:00", "--end", f"{ahead(7)} 16:00",
                                          "--window", "W01", "--as", a], ("G001",)),
    Action("training cancel", lambda a, ref: ["training", "cancel", ref, "--reason", "改期", "--as", a], ("G001",),
           a_training),
    Action("training excuse", lambda a, ref: ["training", "excuse", ref, "--staff", "S0103", "--reason", "出差",
                                              "--as", a], ("G001",), a_training),
    Action("it request", lambda a, _: ["it", "request", "--window", "W01", "--kind", "lan", "--device", "交换机",
                                       "--purpose", "社保专网", "--as", a], ("S0101",)),
    Action("it violation", lambda a, _: ["it", "violation", "--window", "W01", "--kind", "shared_account",
                                         "--description", "共用帐号", "--as", a], ("G001", "I001")),
    Action("it decide", lambda a, ref: ["it", "decide", ref, "--reject", "--comment", "不符合安全要求", "--as", a],
           ("I001",), an_it_request),
    Action("it review (ledger deduction)", lambda a, ref: ["it", "review", ref, "--confirm", "--as", a], ("G001",),
           an_it_violation),
    Action("assessment year", lambda a, _: ["assessment", "year", "2026", "--as-of", "2027-01-05 09:00", "--as", a],
           ("G001",), a_smoking_finding, recorded=lambda s: set(s.exec(select(HeadRanking.recorded_by)).all())),
]
BY_NAME = {a.name: a for a in ACTIONS}


def run_as(capsys, monkeypatch, action: Action, actor: str, context: str):
    monkeypatch.setattr("sys.stdin", io.StringIO(action.stdin))
    return run_cli(capsys, *action.argv(actor, context))


@pytest.mark.parametrize("name", list(BY_NAME))
def test_every_other_role_is_refused_with_exit_2_and_nothing_written(name, capsys, monkeypatch):
    action = BY_NAME[name]
    context = action.setup(capsys) if action.setup else ""
    refused = [actor for actor in ACTORS if actor not in action.allowed]
    for actor in refused:
        before = snapshot()
        result = run_as(capsys, monkeypatch, action, actor, context)
        assert result.code == 2, f"{name} as {ACTORS[actor]}: exit {result.code}\n{result.out}{result.err}"
        assert "无权" in result.err and actor in result.err, f"{name} as {actor}: {result.err}"
        assert snapshot() == before, f"{name} as {ACTORS[actor]} wrote to the case store"
    record("pairs", len(refused))


@pytest.mark.parametrize(("name", "actor"), [(a.name, who) for a in ACTIONS for who in a.allowed])
def test_the_allowed_role_succeeds_and_the_audit_trail_names_them(name, actor, capsys, monkeypatch):
    action = BY_NAME[name]
    context = action.setup(capsys) if action.setup else ""
    before_hash = snapshot()[1]
    with session_scope() as session:
        first_event = session.exec(select(AuditEvent.id).order_by(AuditEvent.id.desc())).first() or 0
    result = run_as(capsys, monkeypatch, action, actor, context)
    assert result.code == 0, f"{name} as {ACTORS[actor]}: {result.err}"
    record("pairs")
    if not action.writes:
        return
    assert snapshot()[1] != before_hash, f"{name} as {actor} succeeded but wrote nothing"
    with session_scope() as session:
        actors = set(session.exec(select(AuditEvent.actor).where(AuditEvent.id > first_event)).all())
        if action.recorded:
            actors |= action.recorded(session)
    assert actor in actors, f"{name}: the audit trail does not name {actor} ({actors})"


# ---- no anonymous decision --------------------------------------------------------------------

# Commands with no actor: they only read, compute, or are the center's own scheduled jobs
# (run as 「系统」 by the deployments), or set the system up before anyone exists.
# The read-only ones are marked beside each command (COMMAND_PAGES, deployments/cli/core/marks.py).
READ_AS_SOMEONE = {"complaint show"}  # reads, but shows a complaint only to whom may see it (--as)
NO_ACTOR = {
    *({path for path, mark in command_pages(center_commands()).items() if isinstance(mark, Reads)}
      - READ_AS_SOMEONE),
    "sweep", "outbox flush", "rotation apply", "return apply", "matters review",  # scheduled jobs
    "cases repair",  # the sweep's repair on demand, as 「system」
    "init", "org import", "deploy", "serve", "workers", "setup-alerts", "web", "backup", "restore",  # installation, processes
}


def test_every_command_that_decides_something_requires_an_actor():
    commands = dict(leaf_commands(typer.main.get_command(app)))
    without = {name for name, command in commands.items()
               if not any(p.opts == ["--as"] and p.required for p in command.params)}
    assert without == NO_ACTOR, (f"commands without a required --as that are not known read-only or scheduled: "
                                 f"{sorted(without - NO_ACTOR)}; listed but gone or now with --as: "
                                 f"{sorted(NO_ACTOR - without)}")
    assert {"decide", "calendar import", "outbox resend", "users set-password"} <= set(commands) - without
