"""Saturday cover at convenience windows (调休日程表, 考勤办法 二(一)5): recorded by the window head,
the compensating day off counts as normal attendance, not leave; the B post stays at work (AB岗 2)."""
from __future__ import annotations

from datetime import date

import pytest

from models.core.db import session_scope
from models.core.errors import InvalidInput, PermissionDenied, PolicyViolation
from models.leave.tables import LeaveRequest, SaturdayCover
from models.leave.inputs import SaturdayCoverEntry
from support.leaves import apply, count
from support.snapshot import snapshot
from tasks.leave.entry import record_cover

SATURDAY, DAY_OFF = date(2026, 3, 7), date(2026, 3, 10)


def cover(staff: str = "S0302", actor: str = "S0301", window: str = "W03", saturday: date = SATURDAY,
          day_off: date = DAY_OFF) -> int:
    return record_cover(entry=SaturdayCoverEntry(window_id=window, staff_id=staff, saturday=saturday,
                                                 day_off=day_off, actor=actor))


def test_the_window_head_records_a_saturday_and_its_day_off(org):
    cover()
    with session_scope() as session:
        row = session.query(SaturdayCover).one()
    assert (row.staff_id, row.saturday, row.day_off, row.recorded_by) == ("S0302", SATURDAY, DAY_OFF, "S0301")


def test_recording_the_same_row_twice_keeps_one(org):
    assert cover() == cover() and count(SaturdayCover) == 1


def test_a_second_day_off_for_the_same_saturday_is_refused(org):
    cover()
    with pytest.raises(InvalidInput, match="已安排调休日"):
        cover(day_off=date(2026, 3, 11))


def test_a_member_of_the_window_may_not_record_it(org):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        cover(actor="S0302", staff="S0301")
    assert snapshot() == before


def test_a_window_not_open_on_saturdays_has_no_saturday_cover(org):
    with pytest.raises(PolicyViolation):
        cover(staff="S0102", actor="S0101", window="W01")


def test_the_day_off_is_attendance_so_leave_around_it_does_not_count_it(org):
    cover()
    ref = apply("S0302", "annual", date(2026, 3, 9), date(2026, 3, 11), substitute_id="S0301")
    with session_scope() as session:
        assert session.get(LeaveRequest, ref).days == 2


def test_leave_on_the_day_off_itself_is_refused(org):
    cover()
    with pytest.raises(InvalidInput, match="视作正常出勤"):
        apply("S0302", "annual", DAY_OFF, DAY_OFF, substitute_id="S0301")


def test_the_b_post_on_a_day_off_may_not_be_the_substitute(org):
    cover()
    with pytest.raises(PolicyViolation, match="调休"):
        apply("S0301", "annual", DAY_OFF, DAY_OFF)


def test_a_day_off_while_the_b_post_is_on_leave_is_refused(org):
    apply("S0301", "annual", DAY_OFF, DAY_OFF)
    with pytest.raises(PolicyViolation, match="B岗"):
        cover()
