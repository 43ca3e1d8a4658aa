"""`center attendance …`: the month imported (a re-import changes nothing), a bad file exits 2 naming
every bad row and writes nothing, the list and one exception shown, the explanation handed in."""
from __future__ import annotations

import pytest
from sqlmodel import select

from models.attendance.tables import AttendanceException
from support.cli import ROOT, run_cli
from support.snapshot import snapshot

pytestmark = pytest.mark.usefixtures("org", "prefect_api")
SAMPLE = ROOT / "examples" / "attendance-2026-10.csv"


def test_import_list_show_and_explain(capsys, tmp_path):
    result = run_cli(capsys, "attendance", "import", SAMPLE, "--as", "G001", "--now", "2026-11-02 09:00")
    assert result.code == 0 and "已导入 650 条打卡记录（已有 0 条）" in result.out, result.err
    again = run_cli(capsys, "attendance", "import", SAMPLE, "--as", "G001", "--now", "2026-11-02 09:00")
    assert "已导入 0 条打卡记录（已有 650 条）" in again.out and "新增考勤异常 0 项，已消除 0 项" in again.out
    listed = run_cli(capsys, "attendance", "list", "--month", "2026-10", "--staff", "S0110")
    assert listed.out.count("S0110") == 2 and "迟到" in listed.out and "早退" in listed.out

    from models.core.db import session_scope
    with session_scope() as session:
        ref = session.exec(select(AttendanceException.case_ref).where(AttendanceException.staff_id == "S0102")).one()
    shown = run_cli(capsys, "attendance", "show", ref)
    assert "08:41:17、17:06:40" in shown.out and "核对：延时服务（安排表）：否" in shown.out
    proof = tmp_path / "证明.pdf"
    proof.write_bytes(b"%PDF")
    explained = run_cli(capsys, "attendance", "explain", ref, "--as", "S0102", "--text", "道路封闭", "--file", proof)
    assert explained.code == 0 and "待窗口负责人登记" in explained.out, explained.err
    stats = run_cli(capsys, "attendance", "stats", "--month", "2026-10", "--by", "staff")
    assert stats.code == 0 and "S0110" in stats.out and "考勤统计 2026-10" in stats.out


def test_a_bad_file_exits_2_naming_every_bad_row_and_writes_nothing(capsys, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("工号,日期,签到,签退\nS0101,2026-10-12,08:10,17:05\nX999,2026-10-12,08:10,17:05\n"
                   "S0102,2026-10-12,08:10,5点\n", encoding="utf-8")
    before = snapshot()
    result = run_cli(capsys, "attendance", "import", bad, "--as", "G001")
    assert result.code == 2 and "第3行" in result.err and "X999" in result.err and "第4行" in result.err
    assert snapshot() == before
