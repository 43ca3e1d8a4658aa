"""`center leave` and `center ledger` commands that only read the case store, and the refusals
that happen before any flow runs (exit status 2, the field named)."""
from __future__ import annotations

from datetime import date, datetime

from support.cli import run_cli
from support.leaves import apply, proof_file
from tasks.core.sweep import collect_and_queue


def test_show_prints_the_leave_its_status_and_what_is_missing(org, capsys):
    ref = apply(start=date(2026, 3, 4), end=date(2026, 3, 6))
    out = run_cli(capsys, "leave", "show", ref).out
    assert "共 3 个工作日" in out and "待窗口负责人审核签字" in out and "尚缺：医院证明（复印件）" in out


def test_show_of_an_unknown_leave_exits_2(org, capsys):
    result = run_cli(capsys, "leave", "show", "QJ-2026-999999")
    assert result.code == 2 and "QJ-2026-999999" in result.err


def test_list_shows_a_persons_leave(org, capsys, tmp_path):
    ref = apply(kind="personal", start=date(2026, 3, 4), start_half="pm", proofs=[proof_file(tmp_path)])
    out = run_cli(capsys, "leave", "list", "--staff", "S0103").out
    assert ref in out and "待登记考勤" in out


def test_a_malformed_start_is_refused_naming_the_option(org, capsys):
    result = run_cli(capsys, "leave", "apply", "--staff", "S0103", "--kind", "病假", "--start", "2026-3-4",
                     "--end", "2026-03-05", "--reason", "发烧", "--as", "S0103")
    assert result.code == 2 and "--start" in result.err


def test_an_unknown_kind_is_refused_with_the_choices(org, capsys):
    result = run_cli(capsys, "leave", "apply", "--staff", "S0103", "--kind", "年假", "--start", "2026-03-04",
                     "--end", "2026-03-05", "--reason", "休息", "--as", "S0103")
    assert result.code == 2 and "公休(annual)" in result.err


def test_the_saturday_schedule_is_written_as_the_paper_form(org, capsys, tmp_path):
    from models.leave.inputs import SaturdayCoverEntry
    from tasks.leave.entry import record_cover

    record_cover(entry=SaturdayCoverEntry(window_id="W03", staff_id="S0302", saturday=date(2026, 3, 7),
                                          day_off=date(2026, 3, 10), actor="S0301"))
    target = tmp_path / "schedule.html"
    result = run_cli(capsys, "leave", "saturday", "list", "--window", "W03", "--month", "2026-03", "--html", target)
    assert result.code == 0 and "胡军" in result.out and "调休日程表" in target.read_text(encoding="utf-8")


def test_the_ledger_lists_a_deduction_for_irregular_attendance(org, capsys):
    apply(kind="personal", start=date(2026, 3, 4), start_half="pm")
    collect_and_queue(as_of=datetime(2026, 3, 10, 8, 30), dry_run=False)
    out = run_cli(capsys, "ledger", "--subject", "S0103").out
    assert "视作未正常考勤" in out and "工作人员 S0103" in out
