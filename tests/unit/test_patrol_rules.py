"""Patrol findings: what they deduct, which records are refused (窗口巡查制度; 窗口禁烟制度 二.2)."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from models.core.errors import InvalidInput
from models.rules.absences import Absence, Half, Span, away_at
from models.patrol.rules import (STANDARD_ITEMS, CheckItem, Deduction, Finding, deductions, parse_item,
                                 patrol_errors, withdraws_eligibility)

NOW = datetime(2026, 10, 12, 10, 0)
WINDOW_OF = {"S0103": "W01", "S0201": "W02"}


def finding(item=CheckItem.dress, staff="S0103", window="W01", deduct=True, description="未佩戴胸牌") -> Finding:
    return Finding(window, staff, item, description, deduct)


def errors(findings, windows=("W01",), at=datetime(2026, 10, 12, 9, 40), items=STANDARD_ITEMS,
           away=None) -> list[str]:
    return [str(e) for e in patrol_errors(at=at, now=NOW, windows=list(windows), items=list(items),
                                          findings=findings, known_windows={"W01", "W02"}, window_of=WINDOW_OF,
                                          away=away or {})]


def test_a_deducted_finding_against_a_person_deducts_them_and_the_windows_share():
    assert deductions(finding()) == [Deduction("staff", "S0103", "patrol.dress"),
                                     Deduction("window", "W01", "patrol.window")]


def test_a_finding_about_the_window_alone_deducts_the_window_the_items_points():
    assert deductions(finding(CheckItem.environment, staff=None)) == [Deduction("window", "W01", "patrol.environment")]


def test_a_finding_noted_without_deduction_deducts_nothing():
    assert deductions(finding(deduct=False)) == []


def test_smoking_is_always_deducted_and_withdraws_the_smokers_eligibility():
    smoking = finding(CheckItem.smoking, deduct=False, description="在楼梯间吸烟")
    assert deductions(smoking)[0] == Deduction("staff", "S0103", "patrol.smoking") and withdraws_eligibility(smoking)


def test_only_smoking_withdraws_eligibility():
    assert not withdraws_eligibility(finding(CheckItem.conduct))


def test_a_clean_patrol_has_no_errors():
    assert errors([finding()]) == []


def test_every_problem_of_a_patrol_is_reported_at_once():
    found = errors([finding(window="W02", staff="S0201"), finding(CheckItem.smoking, staff=None),
                    finding(staff="S0201"), finding(description=" ")],
                   windows=("W01", "W09"), at=datetime(2026, 10, 12, 11, 0))
    assert len(found) == 6 and any("晚于现在" in e for e in found) and any("W09 不存在" in e for e in found)


def test_a_rating_device_finding_must_name_the_person():
    assert errors([finding(CheckItem.rating_device, staff=None)]) == ["问题1.工作人员: 「电子评价器显示」问题须写明所涉工作人员"]


def test_a_finding_at_a_window_not_visited_is_refused():
    assert "不在本次巡查的窗口中" in errors([finding(window="W02", staff="S0201")])[0]


def test_a_person_of_another_window_is_refused():
    assert errors([finding(staff="S0201")]) == ["问题1.工作人员: S0201 不是窗口 W01 的工作人员"]


@pytest.mark.parametrize("text, item", [("着装", CheckItem.dress), ("吸烟", CheckItem.smoking),
                                        ("rating_device", CheckItem.rating_device)])
def test_items_are_named_in_chinese_or_by_code(text, item):
    assert parse_item(text) == item


def test_an_unknown_item_lists_the_items():
    with pytest.raises(InvalidInput, match="不是巡查项目.*着装"):
        parse_item("发型")


def test_a_finding_of_an_item_the_patrol_did_not_check_is_refused():
    found = errors([finding(CheckItem.smoking)], items=[CheckItem.dress, CheckItem.rating_device])
    assert found == ["问题1.项目: 本次巡查未检查「禁烟」"]


def test_a_free_text_finding_fits_any_patrol_and_a_patrol_checks_at_least_one_item():
    assert errors([finding(CheckItem.other)], items=[]) == ["检查项目: 至少检查一项"]


def test_pause_on_the_rating_device_while_the_person_is_on_leave_is_no_finding():
    [problem] = errors([finding(CheckItem.rating_device, description="评价器显示暂停服务，人不在岗")],
                       away={"S0103": "请假 QJ-2026-000004"})
    assert problem.startswith("问题1.工作人员: S0103 此时请假 QJ-2026-000004") and "patrol.rating_device_away" in problem


def test_pause_on_the_rating_device_of_someone_not_away_is_a_finding():
    assert errors([finding(CheckItem.rating_device)], away={"S0201": "请假 QJ-2026-000004"}) == []


MORNING_LEAVE = Absence("请假 QJ-2026-000004", "S0103", Span(date(2026, 10, 12), Half.am, date(2026, 10, 12), Half.am))


@pytest.mark.parametrize("at, away", [(datetime(2026, 10, 12, 11, 59), {"S0103": "请假 QJ-2026-000004"}),
                                      (datetime(2026, 10, 12, 14, 0), {}),
                                      (datetime(2026, 10, 13, 9, 0), {})])
def test_a_leave_covers_the_patrol_only_in_its_own_half_days(at, away):
    assert away_at([MORNING_LEAVE], at) == away
