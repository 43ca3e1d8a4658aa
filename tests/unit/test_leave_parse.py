"""Reading `center leave` options: half-day moments, kinds by their Chinese names, and input errors
named by the field's Chinese title."""
from __future__ import annotations

from datetime import date

import pytest

from deployments.cli.leave.parse import build, parse_kind, parse_moment
from models.core.errors import InvalidInput, ValidationFailed
from models.leave.inputs import LeaveWithdrawal
from models.leave.rules import Half, LeaveKind


@pytest.mark.parametrize("text, expected", [
    ("2026-03-04", (date(2026, 3, 4), Half.am)), ("2026-03-04下午", (date(2026, 3, 4), Half.pm)),
    ("2026-03-04 上午", (date(2026, 3, 4), Half.am)), ("2026-03-04pm", (date(2026, 3, 4), Half.pm))])
def test_a_moment_is_a_day_and_an_optional_half(text, expected):
    assert parse_moment(text, "--start", Half.am) == expected


@pytest.mark.parametrize("text", ["2026-02-30", "2026-3-4", "明天"])
def test_a_malformed_moment_names_the_option(text):
    with pytest.raises(InvalidInput, match="--end"):
        parse_moment(text, "--end", Half.pm)


@pytest.mark.parametrize("text, kind", [("病假", LeaveKind.sick), ("培训", LeaveKind.meeting),
                                        ("annual", LeaveKind.annual), ("中心统一安排外出", LeaveKind.outing)])
def test_a_kind_is_read_by_its_chinese_name_or_its_value(text, kind):
    assert parse_kind(text) == kind


def test_every_input_problem_is_named_by_its_chinese_title():
    with pytest.raises(ValidationFailed) as raised:
        build(LeaveWithdrawal, case_ref="", actor="S" * 41)
    assert [str(p) for p in raised.value.problems] == ["请假申请编号（case_ref）: 不能为空", "请假人工号（actor）: 不能超过 40 个字符"]
