"""考勤办法 二(一)2–4: the sample month (examples/attendance-2026-10.csv: the demo's 16 window staff, with a
调休 Saturday, a half-day leave, a training, a Saturday-service day off and the lunch roster) imported on
SQLite and PostgreSQL: the exceptions listed exactly; a re-import changes nothing; the Excel shape reads
the same; a bad file is refused whole with every bad row named."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlmodel import func, select

from models import procedures
from models.attendance.tables import AttendanceException, ClockRecord
from models.core.cases import Case
from models.core.db import session_scope
from models.core.errors import PermissionDenied, ValidationFailed
from support.leaves import org_any  # noqa: F401 (fixture)
from tasks.attendance import import_clock_file

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "attendance-2026-10.csv"
NOW = datetime(2026, 11, 2, 9, 0)
EXPECTED = [
    ("S0108", date(2026, 10, 10), "no_in"), ("S0108", date(2026, 10, 10), "no_out"),  # the 调休 Saturday
    ("S0102", date(2026, 10, 12), "late"), ("S0103", date(2026, 10, 13), "no_in"),
    ("S0104", date(2026, 10, 14), "early"), ("S0105", date(2026, 10, 15), "no_out"),
    ("S0203", date(2026, 10, 22), "early"),  # 16:31, not on the lunch roster that day
    ("S0110", date(2026, 10, 23), "late"),  # 08:30:01 (S0109's 08:30:00 and 17:00:00 are on time)
    ("S0110", date(2026, 10, 26), "early"),  # 16:59:59
]


def found() -> list[tuple[str, date, str]]:
    with session_scope() as session:
        rows = session.exec(select(AttendanceException)).all()
        return sorted(((r.staff_id, r.day, r.kind.value) for r in rows), key=lambda r: (r[1], r[0], r[2]))


def counts() -> tuple[int, int]:
    with session_scope() as session:
        return (session.exec(select(func.count()).select_from(ClockRecord)).one(),
                session.exec(select(func.count()).select_from(Case).where(Case.kind == "attendance")).one())


@pytest.fixture
def excuses(org_any, monkeypatch, tmp_path):
    """S0106 on leave the morning of 10-16 (approved), S0107 at a training 10-20 14:00–17:00, S0302 off on
    10-21 for the Saturday 10-17 (调休日程表), S0202 on W02's lunch roster on 10-22."""
    from models.leave.store import record_saturday_cover
    from models.training.inputs import TrainingInput
    from support.leaves import apply, proof_file, status
    from tasks.training import open_training

    at = datetime(2026, 10, 14, 10, 0)
    ref = apply("S0106", kind="personal", start=date(2026, 10, 16), start_half="am", end_half="am", now=at,
                proofs=[proof_file(tmp_path)])
    assert status(ref) == "registration"  # half a day: recorded, so approved (考勤办法 二(二)2(1))
    open_training(request=TrainingInput(topic="企业登记业务培训", category="skills", starts_at=datetime(2026, 10, 20, 14),
                                        ends_at=datetime(2026, 10, 20, 17), staff=["S0107"]),
                  actor="G001", now=datetime(2026, 10, 15, 10))
    with session_scope() as session:
        record_saturday_cover(session=session, window_id="W03", staff_id="S0302", saturday=date(2026, 10, 17),
                              day_off=date(2026, 10, 21), actor="S0301")
    roster = {date(2026, 10, 22): {"S0202"}}
    monkeypatch.setattr(procedures, "lunch_service",
                        lambda *, session, staff_ids, day: roster.get(day, set()) & staff_ids)


def test_the_sample_month_gives_exactly_the_expected_exceptions_and_a_reimport_changes_nothing(excuses):
    result = import_clock_file(path=SAMPLE, actor="G001", now=NOW)
    assert (result["added"], result["existing"]) == (650, 0)
    assert (result["start"], result["end"]) == ("2026-10-08", "2026-10-30")
    assert found() == sorted(EXPECTED, key=lambda r: (r[1], r[0], r[2]))
    assert len(result["opened"]) == len(EXPECTED)
    before = counts()
    again = import_clock_file(path=SAMPLE, actor="G001", now=NOW)
    assert (again["added"], again["existing"], again["opened"]) == (0, 650, [])
    assert counts() == before


def test_without_the_excuses_the_same_days_are_exceptions(org_any):
    import_clock_file(path=SAMPLE, actor="G001", now=NOW)
    extra = set(found()) - set(EXPECTED)
    assert extra == {("S0106", date(2026, 10, 16), "late"), ("S0107", date(2026, 10, 20), "early"),
                     ("S0302", date(2026, 10, 21), "no_in"), ("S0302", date(2026, 10, 21), "no_out"),
                     ("S0202", date(2026, 10, 22), "early")}


def test_the_excel_shape_with_clock_in_and_out_columns_reads_the_same(excuses, tmp_path):
    from openpyxl import Workbook

    import csv
    days: dict[tuple[str, str], list[str]] = {}
    with SAMPLE.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            days.setdefault((row["工号"], row["日期"]), []).append(row["时间"])
    book = Workbook()
    sheet = book.active
    sheet.append(["工号", "姓名", "日期", "签到", "签退"])
    for (staff, day), times in sorted(days.items()):
        times.sort()
        clock_in, clock_out = (times[0], times[-1]) if len(times) > 1 else (
            (times[0], None) if times[0] < "12:45" else (None, times[0]))
        sheet.append([staff, "", datetime.fromisoformat(day), clock_in, clock_out])
    path = tmp_path / "考勤-2026-10.xlsx"
    book.save(path)
    import_clock_file(path=path, actor="G001", now=NOW)
    assert found() == sorted(EXPECTED, key=lambda r: (r[1], r[0], r[2]))


def test_a_bad_file_is_refused_whole_with_every_bad_row_named(org_any, tmp_path):
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    lines[3] = "S9999,2026-10-08,08:10:00"  # row 4: an unknown 工号
    lines[10] = "S0101,2026-10-32,08:10:00"  # row 11: no such day
    lines[20] = "S0102,2026-10-08,8点10分"  # row 21: not a time
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as refused:
        import_clock_file(path=bad, actor="G001", now=NOW)
    messages = [str(p) for p in refused.value.problems]
    assert len(messages) == 3
    assert "第4行" in messages[0] and "S9999" in messages[0]
    assert "第11行" in messages[1] and "2026-10-32" in messages[1]
    assert "第21行" in messages[2] and "8点10分" in messages[2]
    assert counts() == (0, 0)


def test_only_the_management_section_imports(org_any):
    with pytest.raises(PermissionDenied):
        import_clock_file(path=SAMPLE, actor="S0101", now=NOW)
    assert counts() == (0, 0)


def test_a_seconded_person_is_excused_and_one_not_yet_posted_is_not_computed(org_any):
    from models.core.org import Staff, StaffStatus

    with session_scope() as session:
        session.get(Staff, "S0104").status = StaffStatus.seconded  # 进出管理制度 四.2: 短期借调
        session.get(Staff, "S0110").posted_since = date(2026, 10, 26)  # arrived on the 26th
    import_clock_file(path=SAMPLE, actor="G001", now=NOW)
    people = {(staff, day) for staff, day, _ in found()}
    assert ("S0104", date(2026, 10, 14)) not in people
    assert ("S0110", date(2026, 10, 23)) not in people and ("S0110", date(2026, 10, 26)) in people
