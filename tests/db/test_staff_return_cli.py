"""The staff-return commands that need no flow: show a case, refuse malformed input and outsiders."""
from __future__ import annotations

import pytest

from support.cli import run_cli
from support.staff_returns import CONFIRM, decide, open_manual, return_cases

pytestmark = pytest.mark.usefixtures("org")


def test_show_gives_the_grounds_the_evidence_and_the_letter(capsys):
    ref = open_manual()
    decide(ref, "decide", "G001", CONFIRM)
    shown = run_cli(capsys, "return", "show", ref)
    assert shown.code == 0 and "进出管理制度 三.1" in shown.out and "多次无故离岗" in shown.out
    assert "退回函 青行服退〔2026〕1号" in shown.out and "窗口工作人员退回函（王芳）" in shown.out


def test_an_unknown_ground_is_refused_by_name_before_anything_runs(capsys):
    refused = run_cli(capsys, "return", "open", "--staff", "S0102", "--ground", "laziness", "--note", "x",
                      "--as", "G001")
    assert refused.code == 2 and "grounds" in refused.err and return_cases() == []


def test_only_the_management_section_may_adopt_the_placeholders(capsys):
    refused = run_cli(capsys, "return", "adopt-placeholders", "--as", "D-rsj")
    assert refused.code == 2 and "只有窗口管理科可以办理" in refused.err
