"""Short secondments need the center's consent (进出管理制度 四.2); interns are entered only after
the center approves the window head's report (二.3); the reminder before a rotation takes effect."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from models.core.calendar import load_calendar
from models.core.cases import Case
from models.core.db import session_scope
from models.core.errors import PermissionDenied, ValidationFailed
from models.core.org import Role, Staff, StaffStatus
from models.core.roster import window_roster
from models.rotation.inputs import InternInput, SecondmentInput
from models.rotation.deadlines import rotation_reminders
from models.core.settings import get_settings
from support.rotations import advance, count, decide, propose, review, status
from tasks.rotation.intern import open_intern
from tasks.rotation.secondment import open_secondment

NOW = datetime(2026, 11, 2, 9, 0)


def second(staff_id: str = "S0105", start=date(2026, 11, 9), end=date(2026, 11, 13), actor: str = "S0101") -> str:
    return open_secondment(request=SecondmentInput(staff_id=staff_id, start=start, end=end, reason="参加局专项检查"),
                           actor=actor, now=NOW)


def staff_status(staff_id: str) -> StaffStatus:
    with session_scope() as session:
        return session.get(Staff, staff_id).status


def test_an_approved_secondment_seconds_the_person_from_its_first_day_and_back_after_its_last(org):
    ref = second()
    decide(ref, "review", "G001", approve=True)
    assert advance(ref, "G001", now=NOW) == "approved"
    assert advance(ref, "system", now=datetime(2026, 11, 9, 7, 30)) == "seconded"
    assert staff_status("S0105") == StaffStatus.seconded
    assert advance(ref, "system", now=datetime(2026, 11, 14, 7, 30)) == "closed"
    assert staff_status("S0105") == StaffStatus.active


def test_a_refused_secondment_leaves_the_person_on_post(org):
    ref = second()
    decide(ref, "review", "G001", approve=False, comment="窗口业务高峰")
    assert advance(ref, "G001", now=datetime(2026, 11, 9, 8)) == "rejected"
    assert staff_status("S0105") == StaffStatus.active


def test_overlapping_secondments_and_reversed_dates_are_refused_at_once(org):
    second()
    with pytest.raises(ValidationFailed) as refused:
        second(start=date(2026, 11, 12), end=date(2026, 11, 10))
    assert {p.field for p in refused.value.problems} == {"end", "start/end"}
    assert count(Case) == 1


def test_a_window_head_may_not_request_a_secondment_for_another_window(org):
    with pytest.raises(PermissionDenied):
        second(actor="S0201")


def intern(actor: str = "S0101", staff_id: str = "X0101") -> str:
    request = InternInput(window_id="W01", person={"staff_id": staff_id, "name": "林小雨", "employment": "other"},
                          start=date(2026, 11, 16), end=date(2027, 1, 15), reason="高校实习")
    return open_intern(request=request, actor=actor, now=NOW)


def test_an_intern_is_entered_only_once_the_center_approves(org):
    ref = intern()
    with session_scope() as session:
        assert session.get(Staff, "X0101") is None
    decide(ref, "review", "G001", approve=True)
    assert advance(ref, "G001") == "entered"
    with session_scope() as session:
        entered = session.get(Staff, "X0101")
        assert (entered.role, entered.window_id, entered.posted_since) == (Role.intern, "W01", date(2026, 11, 16))


def test_an_intern_does_not_count_as_window_staff_for_the_cap(org):
    decide(ref := intern(), "review", "G001", approve=True)
    advance(ref, "G001")
    with session_scope() as session:
        assert len(window_roster(session=session, window_id="W01")) == 10


def test_a_refused_intern_is_not_entered(org):
    ref = intern()
    decide(ref, "review", "G001", approve=False, comment="无带教人员")
    assert advance(ref, "G001") == "rejected"
    assert count(Staff, Staff.id == "X0101") == 0


def reminders(as_of: datetime) -> list:
    policy = get_settings().policy
    with session_scope() as session:
        return rotation_reminders(session, as_of, load_calendar(session=session), policy)


def test_the_department_and_the_management_section_are_reminded_three_working_days_before(org):
    ref = propose("W01", ["S0102"])
    review(ref, comment="同意")
    assert reminders(datetime(2026, 4, 9, 8, 30)) == []  # four working days before
    [notice] = reminders(datetime(2026, 4, 10, 8, 30))
    assert {r.key for r in notice.recipients} == {"dept:rsj", "role:management"}
    assert notice.key == f"{ref}:effective:remind" and status(ref) == "approved"
