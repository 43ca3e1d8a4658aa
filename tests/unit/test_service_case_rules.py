"""The pure checks of service cases: the materials check of a visit, the one-time notice rule,
extensions, the window permission and the month's summary."""
from __future__ import annotations

from datetime import datetime

from models.core.errors import InvalidInput, PolicyViolation
from models.service_case.rules import extension_problems, material_problems, month_summary, window_problem

GUIDE = ["身份证", "申请表", "证明"]


def test_a_complete_first_visit_has_no_problem():
    assert material_problems(GUIDE, GUIDE, ["身份证", "申请表"], ["证明"]) == []


def test_every_material_of_the_visit_must_be_ticked_or_missing():
    [problem] = material_problems(GUIDE, GUIDE, ["身份证"], ["证明"])
    assert isinstance(problem, InvalidInput) and "申请表" in problem.message


def test_asking_for_an_item_the_notice_did_not_list_is_a_policy_violation():
    [problem] = material_problems(GUIDE, ["申请表"], [], ["申请表", "身份证"])
    assert isinstance(problem, PolicyViolation) and problem.rule == "一次性告知制度 2" and "身份证" in problem.message


def test_a_material_both_ticked_and_missing_is_refused():
    assert any("既已提交又缺少" in p.message for p in material_problems(GUIDE, GUIDE, GUIDE, ["证明"]))


def test_an_extension_lists_every_problem_at_once():
    problems = extension_problems(" ", 0, False)
    assert [p.field for p in problems] == ["--reason", "--days", "--consent"]


def test_staff_of_another_window_may_not_act():
    assert window_problem("W02", True, "W01") == "只能办理本窗口的办件"
    assert window_problem("W01", True, "W01") == ""
    assert window_problem(None, True, None) != ""


def test_the_month_summary_counts_at_once_on_time_referrals_and_notices():
    due = datetime(2026, 10, 13, 17)
    cases = [{"window": "社保", "matter": "失业登记", "status": "completed", "at_once": False, "due_at": due,
              "completed_at": datetime(2026, 10, 12, 9)},
             {"window": "社保", "matter": "失业登记", "status": "completed", "at_once": False, "due_at": due,
              "completed_at": datetime(2026, 10, 14, 9)},
             {"window": "社保", "matter": "挂失", "status": "completed", "at_once": True, "due_at": None,
              "completed_at": datetime(2026, 10, 9, 9)},
             {"window": "企业", "matter": "失业登记", "status": "referred", "at_once": False, "due_at": None,
              "completed_at": None}]
    summary = month_summary(cases, notices=2)
    assert summary["by_window_matter"] == [("企业", "失业登记", 1), ("社保", "失业登记", 2), ("社保", "挂失", 1)]
    assert (summary["at_once_share"], summary["on_time_rate"], summary["referrals"], summary["notices"]) == (
        1 / 3, 0.5, 1, 2)
