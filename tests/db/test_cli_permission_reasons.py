"""The command line refuses what the web desk refuses, and says the real reason (issue 19, defect
12): `complaint show --as` follows the case page's visibility rule; `leave register --as` another
window's head names the missing permission, not "找不到"."""
from __future__ import annotations

from datetime import date

import pytest

from support import complaint_cases
from support.cli import run_cli
from support.leaves import apply, proof_file
from support.snapshot import snapshot

ISSUE_19_DEFECTS = (12,)  # counted in the reliability summary when these tests pass

pytestmark = pytest.mark.usefixtures("org")


def test_complaint_show_refuses_whoever_the_case_page_refuses(capsys):
    ref = complaint_cases.register()  # about S0102 at W01
    complaint_cases.advance(ref)
    for outsider in ("S0201", "S0202", "S0302"):  # another window's head and staff
        result = run_cli(capsys, "complaint", "show", ref, "--as", outsider)
        assert result.code == 2, (outsider, result)
        assert "无权查看案件" in result.err and "窗口工作人员态度生硬" not in result.out + result.err
    for insider in ("S0101", "S0102", "G001"):  # the window's head, the person concerned, the management section
        assert run_cli(capsys, "complaint", "show", ref, "--as", insider).code == 0, insider


@pytest.mark.parametrize("half_day", [True, False], ids=["at the register step", "awaiting the head"])
def test_leave_register_by_another_window_s_head_names_the_permission(half_day, capsys, tmp_path):
    if half_day:
        ref = apply(kind="personal", start=date(2026, 3, 4), start_half="pm", proofs=[proof_file(tmp_path)])
    else:
        ref = apply(kind="personal", start=date(2026, 3, 4))
    before = snapshot()
    result = run_cli(capsys, "leave", "register", ref, "--as", "S0201")
    assert result.code == 2, result
    assert "找不到" not in result.err and "S0201 无权" in result.err and "只能处理本窗口的事项" in result.err
    assert snapshot() == before


def test_leave_register_before_its_step_says_so(capsys):
    ref = apply(kind="personal", start=date(2026, 3, 4))
    result = run_cli(capsys, "leave", "register", ref, "--as", "S0101")
    assert result.code == 2 and "不在待登记考勤步骤" in result.err and "待窗口负责人审核签字" in result.err
