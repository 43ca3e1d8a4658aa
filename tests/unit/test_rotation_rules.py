"""The rules of a rotation (进出管理制度 一, 二), on the real working-day calendar."""
from __future__ import annotations

from datetime import date, datetime, time

import chinese_calendar
import pytest

from models.core.calendar import base_years
from models.core.errors import InvalidInput, InvalidTransition
from models.rotation.rules import (Arrival, Person, Proposal, arrival_checks, evaluate, failing, notice_check, proposal_errors, quarter_of, years_after)
from models.rotation.machine import HEAD_REPLACEMENT, INTERN, ROTATION, SECONDMENT
from models.rules.workdays import WorkdayCalendar

CAL = WorkdayCalendar(days_off=set(chinese_calendar.constants.holidays),
                      makeup_workdays=set(chinese_calendar.constants.workdays), covered_years=base_years())
CLOSE = time(17, 0)
EFFECTIVE = date(2026, 4, 15)  # a Wednesday after the Qingming holiday (4–6 April 2026)
TEN_AHEAD = datetime(2026, 3, 31, 10, 0)
W01 = [Person(f"S01{i:02d}", f"员工{i}", date(2022, 1, 4)) for i in range(1, 11)]


def proposal(leaving, *, roster=10, earlier=0, received=TEN_AHEAD, effective=EFFECTIVE, arriving=(),
             qualification="") -> Proposal:
    return Proposal(received_at=received, effective=effective, leaving=list(leaving), arriving=list(arriving),
                    department_id="rsj", roster_size=roster, left_earlier_in_quarter=earlier,
                    required_qualification=qualification)


def check(p: Proposal):
    return evaluate(p, CAL, notice_days=10, months=(1, 4, 7, 10), percent=30, posting_years=2, office_close=CLOSE)


def failing_rules(p: Proposal) -> list[str]:
    return [c.rule for c in failing(check(p))]


def test_window_of_ten_rotating_three_in_april_with_ten_working_days_notice_passes():
    assert failing_rules(proposal(W01[:3])) == []


def test_window_of_ten_rotating_four_exceeds_the_cap():
    assert failing_rules(proposal(W01[:4])) == ["rotation.cap_percent"]


def test_two_now_after_two_earlier_in_the_quarter_exceeds_the_cap():
    assert failing_rules(proposal(W01[:2], earlier=2)) == ["rotation.cap_percent"]


def test_window_of_three_rotating_one_exceeds_the_cap_but_may_be_excepted():
    [cap] = failing(check(proposal(W01[:1], roster=3)))
    assert (cap.rule, cap.overridable) == ("rotation.cap_percent", True)


def test_notice_nine_working_days_ahead_across_the_qingming_holiday_fails():
    received = datetime(2026, 4, 1, 9, 0)  # ten weekdays before, but Monday 6 April is a holiday
    result = notice_check(CAL, received, EFFECTIVE, 10, CLOSE)
    assert (result.passed, result.overridable) == (False, True)
    assert "提前 9 个工作日" in result.detail and "最迟 2026-03-31 送达" in result.detail


def test_notice_received_after_office_hours_counts_from_the_next_working_day():
    assert not notice_check(CAL, datetime(2026, 3, 31, 17, 30), EFFECTIVE, 10, CLOSE).passed


def test_effective_date_outside_the_first_month_of_a_quarter_fails():
    assert failing_rules(proposal(W01[:1], received=datetime(2026, 4, 20, 9), effective=date(2026, 5, 12))) == [
        "rotation.quarter_month"]


def test_person_posted_less_than_two_years_fails_the_posting_rule():
    recent = Person("S0110", "吴斌", date(2024, 4, 16))
    assert failing_rules(proposal([recent])) == ["rotation.posting_years"]


def test_person_without_a_recorded_posting_date_fails_the_posting_rule():
    assert failing_rules(proposal([Person("S0199", "某某", None)])) == ["rotation.posting_years"]


def test_arrival_who_is_not_a_formal_employee_of_the_department_fails_overridably():
    outsider = Arrival("N1", "新人", "other", "rsj")
    [result] = arrival_checks(outsider, "rsj", "")
    assert (result.passed, result.overridable, result.clause) == (False, True, "进出管理制度 一.1")


def test_arrival_without_the_required_qualification_cannot_be_excepted():
    arrival = Arrival("N1", "新人", "civil_servant", "scjgj")
    result = arrival_checks(arrival, "scjgj", "企业登记审核资格")[-1]
    assert (result.rule, result.passed, result.overridable) == ("rotation.arrival_qualification", False, False)


def test_intern_arrival_is_flagged_without_failing():
    [flag] = arrival_checks(Arrival("N1", "实习生", "other", "rsj", intern=True), "rsj", "")
    assert (flag.flag, flag.passed) == (True, True)


def test_every_check_names_its_clause():
    assert all(c.clause.startswith("进出管理制度") for c in check(proposal(W01[:1])))


def _errors(**overrides) -> list[str]:
    args = dict(window_found=True, window_id="W01", leaving=["S0101"], arriving=[], on_window={"S0101", "S0102"},
                known_staff={"S0101", "S0102", "S0201"}, received=date(2026, 3, 31), effective=EFFECTIVE,
                today=date(2026, 3, 31))
    args.update(overrides)
    return [str(e) for e in proposal_errors(**args)]


def test_a_valid_proposal_has_no_hard_errors():
    assert _errors() == []


@pytest.mark.parametrize(("overrides", "expected"), [
    ({"window_found": False}, "window_id: 窗口 W01 不存在"),
    ({"leaving": []}, "轮换方案为空"),
    ({"leaving": ["S0101", "S0101"]}, "人员 S0101 重复列出"),
    ({"arriving": ["S0101"]}, "人员 S0101 不能同时调离和进驻"),
    ({"leaving": ["X9"]}, "人员 X9 不存在"),
    ({"leaving": ["S0201"]}, "人员 S0201 不是窗口 W01 的在岗人员"),
    ({"arriving": ["S0102"], "leaving": []}, "工号 S0102 已被使用"),
    ({"effective": date(2026, 3, 30)}, "生效日期 2026-03-30 早于公函收到日期 2026-03-31"),
    ({"today": date(2026, 3, 30)}, "公函收到日期 2026-03-31 晚于今天 2026-03-30"),
])
def test_hard_errors_are_reported(overrides, expected):
    assert any(expected in e for e in _errors(**overrides))


def test_every_hard_error_is_reported_at_once():
    problems = proposal_errors(window_found=False, window_id="W9", leaving=[], arriving=[], on_window=set(),
                               known_staff=set(), received=date(2026, 4, 2), effective=date(2026, 4, 1),
                               today=date(2026, 4, 2))
    assert len(problems) == 3 and all(isinstance(p, InvalidInput) for p in problems)


def test_quarter_of_a_date():
    assert [quarter_of(date(2026, m, 1)) for m in (1, 4, 6, 12)] == ["2026Q1", "2026Q2", "2026Q2", "2026Q4"]


def test_two_years_after_29_february_is_1_march():
    assert years_after(date(2024, 2, 29), 2) == date(2026, 3, 1)


TRANSITIONS = [(p, s, e, t) for p in (ROTATION, SECONDMENT, INTERN, HEAD_REPLACEMENT)
               for (s, e), t in p.transitions.items()]


@pytest.mark.parametrize(("procedure", "status", "event", "target"), TRANSITIONS,
                         ids=[f"{p.kind}:{s}+{e}" for p, s, e, _ in TRANSITIONS])
def test_transition_table(procedure, status, event, target):
    assert procedure.next_status(status, event) == target and target in procedure.status_labels


def test_a_rejected_rotation_cannot_be_applied():
    with pytest.raises(InvalidTransition, match="不能对状态为「未批准」的窗口人员轮换执行「人员变动生效」"):
        ROTATION.next_status("rejected", "apply")


def test_a_notice_time_with_an_offset_is_kept_as_shanghai_time():
    from models.rotation.inputs import RotationProposalInput

    notice = RotationProposalInput(window_id="W01", notice_ref="青人社函〔2026〕12号", leaving=["S0102"],
                                   notice_received="2026-03-31T09:30:00Z", effective_date="2026-04-15")
    assert notice.notice_received == datetime(2026, 3, 31, 17, 30)
