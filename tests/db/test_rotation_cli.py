"""The rotation commands that need no flow: show a case with its checks, record a window's
required qualification, refuse malformed input before anything runs."""
from __future__ import annotations

from models.core.posting_requirements import PostingRequirement
from support.cli import run_cli
from support.rotations import count, propose, review


def test_show_lists_every_check_with_its_clause_and_the_exception(org, capsys):
    ref = propose("W02", ["S0203"], actor="D-scjgj")
    review(ref, exception=True, comment="业务调整")
    shown = run_cli(capsys, "rotation", "show", ref)
    assert shown.code == 0
    assert "轮换人数不超过30%" in shown.out and "【未通过，可例外批准】轮换人数不超过30%" in shown.out and "进出管理制度 二.2" in shown.out
    assert "例外批准：G001，理由：业务调整" in shown.out and "窗口工作人员调离申请表（马超）" in shown.out


def test_the_management_section_records_a_windows_required_qualification(org, capsys):
    done = run_cli(capsys, "rotation", "require", "W02", "企业登记审核资格", "--as", "G001")
    assert done.code == 0 and count(PostingRequirement) == 1


def test_a_window_head_may_not_record_a_required_qualification(org, capsys):
    refused = run_cli(capsys, "rotation", "require", "W02", "企业登记审核资格", "--as", "S0201")
    assert refused.code == 2 and "只有窗口管理科可以办理" in refused.err and count(PostingRequirement) == 0


def test_a_malformed_date_and_arrival_are_both_refused_before_anything_runs(org, capsys):
    refused = run_cli(capsys, "rotation", "propose", "--window", "W01", "--notice-ref", "函", "--received",
                      "三月", "--effective", "2026-04-15", "--arrive", "S0111", "--as", "D-rsj")
    assert refused.code == 2 and "--arrive" in refused.err and "--received" in refused.err


def test_an_unknown_case_is_reported_by_name(org, capsys):
    missing = run_cli(capsys, "rotation", "show", "LH-2026-999999")
    assert missing.code == 2 and "LH-2026-999999" in missing.err
