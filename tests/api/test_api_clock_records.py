"""POST /api/v1/clock-records (考勤办法 二(一)2): the attendance system's key (scope clock-records) pushes
punches; a batch sent again changes nothing; a bad batch is refused whole naming each record; another
system's key may not push them."""
from __future__ import annotations

from sqlmodel import func, select

from api.payloads import issue
from models.attendance.tables import AttendanceException, ClockRecord
from models.core.db import session_scope

BATCH = {"records": [{"staff_id": "S0102", "at": "2026-10-12T08:41:17"},
                     {"staff_id": "S0102", "at": "2026-10-12T17:06:40+08:00"}]}


def punches() -> int:
    with session_scope() as session:
        return session.exec(select(func.count()).select_from(ClockRecord)).one()


def test_the_attendance_system_pushes_records_once_and_the_day_s_exceptions_are_computed(api):
    auth = {"Authorization": f"Bearer {issue('attendance')}"}
    first = api.post("/api/v1/clock-records", json=BATCH, headers=auth)
    assert first.status_code == 201, first.text
    assert first.json()["added"] == 2 and first.json()["exceptions"] > 0
    with session_scope() as session:
        late = session.exec(select(AttendanceException).where(AttendanceException.staff_id == "S0102")).one()
        assert late.kind.value == "late"
    again = api.post("/api/v1/clock-records", json=BATCH, headers=auth)
    assert again.status_code == 200 and again.json()["added"] == 0 and again.json()["existing"] == 2
    assert punches() == 2


def test_a_bad_batch_is_refused_whole_naming_each_record(api):
    auth = {"Authorization": f"Bearer {issue('attendance')}"}
    bad = {"records": [{"staff_id": "S0102", "at": "2026-10-12T08:41:17"}, {"staff_id": "X999", "at": "2026-10-12T08:00:00"},
                       {"staff_id": "Y888", "at": "2026-10-12T08:00:00"}]}
    response = api.post("/api/v1/clock-records", json=bad, headers=auth)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["records.1", "records.2"]
    assert "X999" in response.json()["errors"][0]["message"]
    assert punches() == 0


def test_another_system_s_key_may_not_push_clock_records(api):
    response = api.post("/api/v1/clock-records", json=BATCH, headers={"Authorization": f"Bearer {issue('12345')}"})
    assert response.status_code == 403 and "报送考勤记录" in response.json()["detail"]
    assert punches() == 0
