"""`center matters list` and `show`: read-only, no Prefect."""
from __future__ import annotations

import pytest

from support.cli import run_cli
from support.matters import EXAMPLES, file_and_screen, sample, through

pytestmark = pytest.mark.usefixtures("org")


def test_the_list_shows_each_matter_with_its_window_or_branch(capsys):
    through(sample())
    through(sample("branch-window"))
    out = run_cli(capsys, "matters", "list").out
    assert "QP-RSJ-001" in out and "W01" in out and "分中心：青浦区公安分局交警支队车辆管理所" in out


def test_the_list_in_service_leaves_out_proposed_matters(capsys):
    through(sample())
    file_and_screen(sample(code="QP-RSJ-002", name="就业困难人员认定"))
    out = run_cli(capsys, "matters", "list", "--in-service").out
    assert "QP-RSJ-001" in out and "QP-RSJ-002" not in out


def test_show_lists_the_materials_and_every_version(capsys):
    through(sample())
    through(sample(request="change", guide={"steps": "网上申请 → 窗口核验"}))
    out = run_cli(capsys, "matters", "show", "QP-RSJ-001").out
    assert "解除或终止劳动合同证明" in out and "第1版" in out and "第2版（现行）" in out and "matters/QP-RSJ-001.html" in out


def test_show_of_an_unknown_code_exits_2(capsys):
    result = run_cli(capsys, "matters", "show", "NOPE")
    assert result.code == 2 and "事项编码: 找不到 NOPE" in result.err


def test_a_file_with_structural_problems_is_refused_with_every_problem(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("request: 合并\ncode: A B\ndepartment: rsj\n", encoding="utf-8")
    result = run_cli(capsys, "matters", "request", bad, "--as", "D-rsj")
    assert result.code == 2 and "共 2 处问题" in result.err and "申请类型（request）: 取值「合并」无效" in result.err


def test_a_request_needs_exactly_one_of_file_cancel_exit(capsys):
    result = run_cli(capsys, "matters", "request", EXAMPLES / "with-gaps.yaml", "--cancel", "X", "--as", "D-rsj")
    assert result.code == 2 and "三者选一" in result.err
