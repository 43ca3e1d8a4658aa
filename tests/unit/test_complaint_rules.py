"""The pure complaint rules: transitions, due dates across the National Day holiday, extensions,
intake checks, outcomes (窗口投诉(差评)处置规定)."""
from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace

import chinese_calendar
import pytest

from models.core.calendar import base_years
from models.core.errors import InvalidInput, InvalidTransition, PolicyViolation, ValidationFailed
from models.core.org import Role
from models.complaint.machine import COMPLAINT
from models.complaint.rules import (ComplaintChannel, ComplaintVerdict, Deduction, complaint_deadline, deductions,
                                    extension_deadline, handling_role, may_extend, may_register, return_is_due)
from models.complaint.rules import contact_channel, intake_key, intake_problems, normalize_contact
from models.rules.permissions import Actor
from models.rules.workdays import Deadline, WorkdayCalendar
from models.core.settings import Policy

CAL = WorkdayCalendar(days_off=set(chinese_calendar.constants.holidays),
                      makeup_workdays=set(chinese_calendar.constants.workdays), covered_years=base_years())
POLICY = Policy()
EVE = datetime(2026, 9, 30, 10, 0)  # the day before National Day, in office hours


def due(channel: ComplaintChannel, received: datetime, external: datetime | None = None):
    return complaint_deadline(channel=channel, received_at=received, external_due_at=external,
                              calendar=CAL, policy=POLICY)[0]


@pytest.mark.parametrize(("status", "event"), sorted(COMPLAINT.transitions))
def test_every_row_of_the_complaint_table_moves_to_its_target(status, event):
    assert COMPLAINT.next_status(status, event) == COMPLAINT.transitions[(status, event)]


def test_a_closed_complaint_cannot_be_extended():
    with pytest.raises(InvalidTransition, match="不能对状态为「已办结」的投诉\\(差评\\)执行「延期并说明」"):
        COMPLAINT.next_status("closed", "extend")


def test_phone_complaint_on_national_day_eve_is_due_on_the_make_up_saturday():
    assert due(ComplaintChannel.phone, EVE) == Deadline(datetime(2026, 10, 10, 17, 0), False)


def test_phone_complaint_after_office_hours_counts_from_the_next_working_day():
    assert due(ComplaintChannel.phone, datetime(2026, 9, 30, 18, 0)).at == datetime(2026, 10, 12, 17, 0)


def test_complaint_received_during_the_holiday_counts_from_the_first_working_day_after():
    assert due(ComplaintChannel.email, datetime(2026, 10, 3, 11, 0)).at == datetime(2026, 10, 12, 17, 0)


def test_bad_rating_follows_the_hotline_limit_of_the_policy():
    assert due(ComplaintChannel.rating, EVE).at == datetime(2026, 10, 13, 17, 0)  # 5 working days


def test_hotline_transfer_keeps_its_own_deadline_and_a_bare_date_ends_at_office_close():
    assert due(ComplaintChannel.hotline, EVE, datetime(2026, 10, 9)).at == datetime(2026, 10, 9, 17, 0)


def test_deadline_in_a_year_without_published_holidays_is_provisional():
    assert due(ComplaintChannel.phone, datetime(2026, 12, 30, 10, 0)).provisional


def extend(*, channel=ComplaintChannel.phone, current=datetime(2026, 10, 10, 17), extensions=0, reason="需调取监控",
           until=None, now=datetime(2026, 10, 9, 9)):
    return extension_deadline(channel=channel, received_at=EVE, current_due=current, extensions=extensions,
                              reason=reason, until=until, now=now, calendar=CAL, policy=POLICY)


def test_extension_defaults_to_the_tenth_working_day_after_receipt():
    deadline, days = extend()
    assert (deadline.at, days) == (datetime(2026, 10, 20, 17, 0), 10)


def test_extension_to_a_chosen_working_day_counts_its_working_days():
    deadline, days = extend(until=date(2026, 10, 14))
    assert (deadline.at, days) == (datetime(2026, 10, 14, 17, 0), 6)


def test_extension_beyond_ten_working_days_is_refused():
    with pytest.raises(PolicyViolation, match="最长应在收到后10个工作日内办结，即 2026-10-20 17:00 前") as refused:
        extend(until=date(2026, 10, 21))
    assert refused.value.rule == "complaint.extension_max"


def test_a_second_extension_is_refused():
    with pytest.raises(PolicyViolation) as refused:
        extend(extensions=1)
    assert refused.value.rule == "complaint.extension_once"


def test_an_extension_without_explanation_is_refused():
    with pytest.raises(InvalidInput) as refused:
        extend(reason="  ")
    assert refused.value.field == "reason"


def test_an_extension_after_the_due_date_is_refused():
    with pytest.raises(PolicyViolation) as refused:
        extend(now=datetime(2026, 10, 10, 17, 1))
    assert refused.value.rule == "complaint.extension_before_due"


def test_a_transferred_complaint_cannot_be_extended_here():
    with pytest.raises(PolicyViolation) as refused:
        extend(channel=ComplaintChannel.hotline)
    assert refused.value.rule == "complaint.extension_channel"


def test_extension_to_a_day_off_is_refused():
    with pytest.raises(InvalidInput, match="2026-10-11 不是工作日"):
        extend(until=date(2026, 10, 11))


def test_extension_problems_are_reported_all_at_once():
    with pytest.raises(ValidationFailed) as refused:
        extend(extensions=1, reason="", until=date(2026, 10, 30))
    rules = {getattr(p, "rule", None) for p in refused.value.problems}
    assert rules >= {"complaint.extension_once", "complaint.extension_max"}


def intake(**changes):
    base = dict(channel=ComplaintChannel.phone, received_at=EVE, window_id="W01", staff_id="S0102", category=3,
                content="态度生硬", complainant_name="张三", complainant_contact="13912345678", rating_id=None,
                stars=None, ticket_no=None, external_due_at=None)
    return SimpleNamespace(**{**base, **changes})


def problems(value, **facts):
    return intake_problems(value, **{"window_known": True, "staff_known": True, "staff_window_id": "W01",
                                     "now": datetime(2026, 9, 30, 12), **facts})


def test_a_complete_phone_complaint_has_no_problem():
    assert problems(intake()) == []


def test_a_three_star_rating_is_not_a_complaint():
    found = problems(intake(channel=ComplaintChannel.rating, stars=3, rating_id="HC-1", category=None))
    assert [(p.field, p.rule) for p in found] == [("stars", "complaint.rating_stars")]


def test_a_phone_complaint_without_contact_is_refused():
    assert [p.field for p in problems(intake(complainant_contact=""))] == ["complainant_contact"]


def test_a_contact_that_cannot_be_answered_is_refused():
    assert [p.field for p in problems(intake(complainant_contact="青浦区某路1号"))] == ["complainant_contact"]


def test_unknown_window_and_staff_of_another_window_are_named():
    assert [p.field for p in problems(intake(), window_known=False, staff_known=False)] == ["window_id", "staff_id"]
    assert "不在窗口 W01" in str(problems(intake(), staff_window_id="W02")[0])


def test_a_hotline_transfer_needs_its_ticket_and_deadline_but_no_contact():
    found = problems(intake(channel=ComplaintChannel.hotline, complainant_name="", complainant_contact=""))
    assert [p.field for p in found] == ["ticket_no", "external_due_at"]


def test_a_complaint_received_in_the_future_is_refused():
    assert [p.field for p in problems(intake(), now=datetime(2026, 9, 30, 9))] == ["received_at"]


def test_the_same_rating_gives_the_same_key_and_different_complaints_different_keys():
    rating = intake(channel=ComplaintChannel.rating, rating_id="HC-9")
    assert intake_key(rating) == intake_key(intake(channel=ComplaintChannel.rating, rating_id="HC-9", content="x"))
    assert intake_key(intake()) != intake_key(intake(content="另一件事"))


def test_contacts_are_normalised_and_classified():
    assert normalize_contact(" 139-1234 5678 ") == "13912345678"
    assert [contact_channel(c) for c in ("13912345678", "a@b.cn", "021-12345678")] == ["sms", "email", None]


def test_substantiated_complaint_deducts_from_staff_and_window():
    assert deductions(ComplaintVerdict.substantiated, staff_id="S0102", window_id="W01") == [
        Deduction("staff", "S0102", "complaint.substantiated"), Deduction("window", "W01", "complaint.window")]


def test_partly_substantiated_deducts_the_partly_points_and_unsubstantiated_nothing():
    assert deductions(ComplaintVerdict.partly, staff_id="S0102", window_id="W01")[0].kind == "complaint.partly"
    assert deductions(ComplaintVerdict.unsubstantiated, staff_id="S0102", window_id="W01") == []


def test_return_is_due_from_the_third_substantiated_complaint():
    assert [return_is_due(n, POLICY) for n in (2, 3, 4)] == [False, True, True]


def test_ratings_go_to_the_complaint_window_and_the_rest_to_the_management_section():
    assert [handling_role(c) for c in (ComplaintChannel.rating, ComplaintChannel.hotline, ComplaintChannel.phone)] == [
        Role.complaint_window, Role.management, Role.management]


def test_only_the_sections_register_and_only_the_window_head_or_management_extends():
    head, other_head = Actor("S0101", Role.head, "W01"), Actor("S0201", Role.head, "W02")
    assert may_register(Actor("T001", Role.complaint_window))[0] and not may_register(head)[0]
    assert may_extend(head, "W01")[0] and not may_extend(other_head, "W01")[0]
    assert may_extend(Actor("G001", Role.management), "W01")[0]
