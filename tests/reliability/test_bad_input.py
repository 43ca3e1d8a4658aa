"""Issue 10, part 2: a corpus of invalid inputs across the procedures and the import commands. Each one
exits 2 with a Chinese message naming the field, and leaves the case store exactly as it was (row
counts and content hash). A refusal inside a flow shows the user only that message: no traceback."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import select

from models.core.cases import WorkItem
from models.core.db import session_scope
from reliability.summary import record
from support import complaint_cases
from support.cli import ROOT, run_cli
from support.snapshot import snapshot

pytestmark = pytest.mark.usefixtures("org", "prefect_api")
CJK = re.compile(r"[\u4e00-\u9fff]")
BIG = "长" * 35_000  # 105 KB in UTF-8
SQL = "S0103' OR '1'='1"
JINJA = "{{ config.__class__ }}"
HTML = "<script>alert(1)</script>"
LEAVE = ["leave", "apply", "--staff", "S0103", "--kind", "事假", "--start", "2026-12-14", "--end", "2026-12-14",
         "--reason", "办事", "--as", "S0103"]
COMPLAINT = ["complaint", "open", "--channel", "phone", "--window", "W01", "--staff", "S0102", "--category", "3",
             "--content", "态度生硬", "--name", "张三", "--contact", "13912345678", "--as", "G001"]
ROTATION = ["rotation", "propose", "--window", "W01", "--notice-ref", "青人社函〔2026〕12号", "--received",
            "2026-03-31 10:00", "--effective", "2026-04-15", "--leave", "S0102", "--as", "D-rsj"]
TRAINING = ["training", "open", "--topic", "服务礼仪", "--category", "服务礼仪", "--start", "2026-12-15 14:00",
            "--end", "2026-12-15 16:00", "--window", "W01", "--as", "G001"]
IT = ["it", "request", "--window", "W01", "--kind", "lan", "--device", "交换机", "--purpose", "社保专网", "--as", "S0101"]
SERVICE = ["service", "open", "--matter", "QP-RSJ-001", "--applicant", "李明", "--as", "S0103"]
MATTER = ROOT / "examples" / "matters" / "unemployment-registration.yaml"
MATTER_TEXT = MATTER.read_text(encoding="utf-8")


def with_(argv: list[str], option: str, value: str) -> list[str]:
    """`argv` with `option` set to `value` (replaced, or added)."""
    if option not in argv:
        return [*argv, option, value]
    i = argv.index(option)
    return [*argv[:i + 1], value, *argv[i + 2:]]


# Data files: name → bytes, written to the test's folder; "{f}" in an argument is that folder.
FILES = {
    "gbk.yaml": "departments:\n  - {id: x, name: 区税务局}\n".encode("gbk"),
    "gbk-cal.yaml": "days_off:\n  - {day: 2027-02-08, name: 春节}\n".encode("gbk"),
    "gbk.csv": "kind,year,window,rank\nrankings,2025,Ｗ０１,1\n".encode("gbk"),
    "missing-columns.csv": b"kind,id\nwindows,W09\n",
    "missing-rank.csv": b"kind,year,window\nrankings,2025,W01\n",
    "cal-missing-day.csv": "kind,name\ndays_off,春节\n".encode(),
    "empty.yaml": b"",
    "not-yaml.yaml": b"departments: [unclosed\n",
    "binary.yaml": bytes(range(256)),
    "wrong-enum-role.yaml": "staff:\n  - {id: X1, name: 某人, department: rsj, role: boss}\n".encode(),
    "unknown-window.yaml": "staff:\n  - {id: X1, name: 某人, window: W99}\n".encode(),
    "cal-reversed-kind.yaml": b"makeup_workdays:\n  - {day: 2027-02-10}\n",
    "cal-bad-date.yaml": b"days_off:\n  - {day: 2027-02-30}\n",
    "cal-jinja.yaml": "days_off:\n  - {day: \"{{ 7*7 }}\"}\n".encode(),
    "matter-gbk.yaml": MATTER_TEXT.encode("gbk", errors="replace"),
    "matter-bad-dept.yaml": MATTER_TEXT.replace("department: rsj", "department: \"rsj' OR '1'='1\"").encode(),
    "matter-empty.yaml": b"{}\n",
    "rank-bad-year.csv": b"kind,year,window,rank\nrankings,20x5,W01,1\n",
    "rank-unknown-window.csv": b"kind,year,window,rank\nrankings,2025,W99,1\n",
}

# (id, arguments, the field the message must name)
CORPUS = [
    # 请假
    ("leave reversed dates", with_(LEAVE, "--end", "2026-12-10"), "结束时间"),
    ("leave unknown staff", with_(LEAVE, "--staff", "S9999"), "S9999"),
    ("leave sql in staff id", with_(LEAVE, "--staff", SQL), "S0103' OR"),
    ("leave wrong kind", with_(LEAVE, "--kind", "旅游假"), "--kind"),
    ("leave impossible date", with_(LEAVE, "--start", "2026-02-30"), "--start"),
    ("leave empty reason", with_(LEAVE, "--reason", ""), "请假事由"),
    ("leave 100 KB reason", with_(LEAVE, "--reason", BIG), "请假事由"),
    ("leave unknown substitute", with_(LEAVE, "--substitute", "S9998"), "S9998"),
    ("leave missing proof file", with_(LEAVE, "--proof", "/nonexistent/证明.pdf"), "证明"),
    ("leave unknown actor", with_(LEAVE, "--as", "X999"), "X999"),
    ("leave empty actor", with_(LEAVE, "--as", ""), "提交人工号"),
    # 投诉
    ("complaint wrong channel", with_(COMPLAINT, "--channel", "fax"), "--channel"),
    ("complaint unknown window", with_(COMPLAINT, "--window", "W99"), "W99"),
    ("complaint html window", with_(COMPLAINT, "--window", HTML), "window"),
    ("complaint category out of range", with_(COMPLAINT, "--category", "9"), "category"),
    ("complaint category not a number", with_(COMPLAINT, "--category", "三"), "--category"),
    ("complaint empty content", with_(COMPLAINT, "--content", ""), "content"),
    ("complaint 100 KB content", with_(COMPLAINT, "--content", BIG), "content"),
    ("complaint bad received time", with_(COMPLAINT, "--received", "昨天"), "--received"),
    ("complaint bad contact", with_(COMPLAINT, "--contact", "not-a-phone"), "contact"),
    ("complaint stars out of range", [*with_(COMPLAINT, "--channel", "rating"), "--stars", "7",
                                      "--rating-id", "HCP-1"], "stars"),
    ("complaint unknown staff", with_(COMPLAINT, "--staff", "S9999"), "S9999"),
    ("complaint jinja in staff id", with_(COMPLAINT, "--staff", JINJA), "staff"),
    ("complaint extend unknown ref", ["complaint", "extend", "TS-2026-999999", "--reason", "复杂", "--as", "G001"],
     "TS-2026-999999"),
    # 轮换、借调、实习
    ("rotation effective before notice", with_(ROTATION, "--effective", "2026-03-20"), "生效日期"),
    ("rotation unknown leaver", with_(ROTATION, "--leave", "S9999"), "S9999"),
    ("rotation bad arrival spec", [*ROTATION, "--arrive", "没有冒号"], "--arrive"),
    ("rotation unknown window", with_(ROTATION, "--window", "W99"), "W99"),
    ("rotation bad received", with_(ROTATION, "--received", "2026-31-03"), "--received"),
    ("rotation 100 KB notice ref", with_(ROTATION, "--notice-ref", BIG), "notice"),
    ("second reversed dates", ["rotation", "second", "S0105", "--from", "2026-12-11", "--to", "2026-12-07",
                               "--reason", "检查", "--as", "S0101"], "结束日期"),
    ("intern unknown window", ["rotation", "intern", "--window", "W99", "--person", "X01:实习生", "--from", "2026-12-07",
                               "--to", "2026-12-31", "--as", "G001"], "W99"),
    # 退回
    ("return wrong ground", ["return", "open", "--staff", "S0102", "--ground", "dislike", "--as", "G001"], "ground"),
    ("return unknown staff", ["return", "open", "--staff", "S9999", "--ground", "discipline", "--note", "x",
                              "--as", "G001"], "S9999"),
    ("return unknown case", ["return", "open", "--staff", "S0102", "--ground", "complaints", "--case",
                             "TS-2026-999999", "--as", "G001"], "TS-2026-999999"),
    # 事项
    ("matters missing file", ["matters", "request", "/nonexistent/m.yaml", "--as", "D-rsj"], "m.yaml"),
    ("matters non-UTF-8 file", ["matters", "request", "{f}/matter-gbk.yaml", "--as", "D-rsj"], "matter-gbk.yaml"),
    ("matters sql in department", ["matters", "request", "{f}/matter-bad-dept.yaml", "--as", "D-rsj"], "申请部门编号"),
    ("matters empty request", ["matters", "request", "{f}/matter-empty.yaml", "--as", "D-rsj"], "申请类型"),
    ("matters cancel without reason", ["matters", "request", "--cancel", "QP-RSJ-001", "--as", "D-rsj"], "申请理由"),
    # 窗口办件
    ("service unknown matter", with_(SERVICE, "--matter", "QP-XXX-999"), "QP-XXX-999"),
    ("service wrong channel", with_(SERVICE, "--channel", "pigeon"), "channel"),
    ("service empty applicant", with_(SERVICE, "--applicant", ""), "applicant"),
    ("service unknown case", ["service", "check", "BJ-2026-999999", "--missing", "身份证", "--as", "S0103"],
     "BJ-2026-999999"),
    # 巡查、培训、IT、考核
    ("patrol malformed finding", ["patrol", "record", "--windows", "W01", "--finding", "W01/着装", "--as", "G001"],
     "--finding"),
    ("patrol wrong kind", ["patrol", "record", "--windows", "W01", "--kind", "无人机", "--as", "G001"], "--kind"),
    ("patrol unknown window", ["patrol", "record", "--windows", "W99", "--as", "G001"], "W99"),
    ("training reversed times", with_(TRAINING, "--end", "2026-12-15 13:00"), "结束"),
    ("training wrong category", with_(TRAINING, "--category", "娱乐"), "category"),
    ("training empty topic", with_(TRAINING, "--topic", ""), "topic"),
    ("training in the past", with_(with_(TRAINING, "--start", "2020-01-06 14:00"), "--end", "2020-01-06 16:00"),
     "开始时间"),
    ("it wrong kind", with_(IT, "--kind", "wifi"), "--kind"),
    ("it empty purpose", with_(IT, "--purpose", ""), "purpose"),
    ("it violation bad date", ["it", "violation", "--window", "W01", "--kind", "shared_account", "--description",
                               "共用", "--on", "2026-02-31", "--as", "I001"], "--on"),
    ("assessment bad year", ["assessment", "year", "两千", "--as", "G001"], "year"),
    # 导入
    ("org import non-UTF-8", ["org", "import", "{f}/gbk.yaml"], "gbk.yaml"),
    ("org import binary", ["org", "import", "{f}/binary.yaml"], "binary.yaml"),
    ("org import broken YAML", ["org", "import", "{f}/not-yaml.yaml"], "组织架构文件"),
    ("org import CSV missing columns", ["org", "import", "{f}/missing-columns.csv"], "name"),
    ("org import wrong role", ["org", "import", "{f}/wrong-enum-role.yaml"], "role"),
    ("org import unknown window", ["org", "import", "{f}/unknown-window.yaml"], "W99"),
    ("org import empty file", ["org", "import", "{f}/empty.yaml"], "empty.yaml"),
    ("calendar import non-UTF-8", ["calendar", "import", "{f}/gbk-cal.yaml", "--as", "G001"], "gbk-cal.yaml"),
    ("calendar import CSV missing day", ["calendar", "import", "{f}/cal-missing-day.csv", "--as", "G001"], "day"),
    ("calendar import make-up day on a weekday", ["calendar", "import", "{f}/cal-reversed-kind.yaml", "--as", "G001"],
     "makeup_workdays[0].day"),
    ("calendar import impossible date", ["calendar", "import", "{f}/cal-bad-date.yaml", "--as", "G001"],
     "days_off[0].day"),
    ("calendar import jinja date", ["calendar", "import", "{f}/cal-jinja.yaml", "--as", "G001"], "days_off[0].day"),
    ("assessment import non-UTF-8", ["assessment", "import", "{f}/gbk.csv", "--as", "G001"], "gbk.csv"),
    ("assessment import CSV missing rank", ["assessment", "import", "{f}/missing-rank.csv", "--as", "G001"], "rank"),
    ("assessment import bad year", ["assessment", "import", "{f}/rank-bad-year.csv", "--as", "G001"], "year"),
    ("assessment import unknown window", ["assessment", "import", "{f}/rank-unknown-window.csv", "--as", "G001"],
     "W99"),
    # 办理待办
    ("decide unknown item", ["decide", "999999", "--approve", "--as", "G001"], "999999"),
    ("decide item not a number", ["decide", "一", "--approve", "--as", "G001"], "item_id"),
    ("decide malformed field", ["decide", "1", "--field", "verdict", "--as", "S0101"], "--field"),
    ("outbox resend unknown message", ["outbox", "resend", "999999", "--as", "G001"], "999999"),
    ("tasks unknown role", ["tasks", "--role", "boss"], "--role"),
]


@pytest.fixture
def folder(tmp_path) -> Path:
    for name, content in FILES.items():
        (tmp_path / name).write_bytes(content)
    return tmp_path


@pytest.mark.parametrize(("argv", "field"), [c[1:] for c in CORPUS], ids=[c[0] for c in CORPUS])
def test_an_invalid_input_exits_2_naming_the_field_and_writes_nothing(argv, field, folder, capsys):
    before = snapshot()
    result = run_cli(capsys, *[str(a).replace("{f}", str(folder)) for a in argv])
    record("inputs")
    assert result.code == 2, f"exit {result.code}: {result.out}{result.err}"
    message = result.err.replace("\n", "")
    assert CJK.search(message) and field in message, message[:2000]
    assert "Traceback" not in result.err + result.out
    assert snapshot() == before


def test_the_corpus_is_large_and_every_entry_is_distinct():
    assert len(CORPUS) >= 60 and len({c[0] for c in CORPUS}) == len(CORPUS)
    assert len({tuple(map(str, c[1])) for c in CORPUS}) == len(CORPUS)


def test_a_repeated_submission_with_the_same_idempotency_key_writes_nothing_more(capsys):
    argv = [*with_(LEAVE, "--start", "2026-12-16"), "--key", "leave-S0103-2026-12-16"]
    argv = with_(argv, "--end", "2026-12-16")
    first = run_cli(capsys, *argv)
    assert first.code == 0, first.err
    before = snapshot()
    again = run_cli(capsys, *argv)
    record("inputs")
    assert snapshot() == before, "the repeated submission wrote to the case store"
    assert again.code == 0 and CJK.search(again.out)


def test_a_refusal_inside_a_flow_shows_only_the_chinese_message(capsys):
    """The real command in its own process, against the test's Prefect API: Prefect prints no
    traceback and no Failed run for a refusal, only our message."""
    from prefect.settings import PREFECT_API_URL

    ref = complaint_cases.register()
    complaint_cases.advance(ref)
    with session_scope() as session:
        item = session.exec(select(WorkItem.id).where(WorkItem.case_ref == ref)).one()
    before = snapshot()
    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value(), "COLUMNS": "300"}
    done = subprocess.run([sys.executable, "-m", "deployments.cli.app", "decide", str(item), "--field",
                           "verdict=substantiated", "--field", "findings=属实", "--field", "reply=已整改",
                           "--as", "S0201"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    record("inputs")
    assert done.returncode == 2, done.stderr
    assert "S0201 无权办理待办" in done.stderr and "只能处理本窗口的事项" in done.stderr
    assert "Traceback" not in done.stderr and "Failed" not in done.stderr, done.stderr
    assert snapshot() == before
