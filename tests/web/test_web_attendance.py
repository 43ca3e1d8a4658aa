"""考勤 on the desk: the management section uploads the attendance system's export (a bad file refused
whole, every bad row listed, nothing written), the month's exceptions are listed, the case page shows the
decider the punches, the computed exception and the excuse checks, and the person explains with proof."""
from __future__ import annotations

import pytest
from sqlmodel import select

from models.attendance.tables import AttendanceException
from models.core.cases import Case
from models.core.db import session_scope
from support.cli import ROOT
from web.web_desk import post_form

pytestmark = pytest.mark.usefixtures("prefect_api")
SAMPLE = ROOT / "examples" / "attendance-2026-10.csv"


def upload(client, name: str, content: bytes):
    return post_form(client, "/attendance?month=2026-10", "/attendance/import", {}, files={"file": (name, content)})


def test_the_management_section_imports_the_month_and_the_person_explains_with_proof(as_):
    response = upload(as_("G001"), "attendance-2026-10.csv", SAMPLE.read_bytes())
    assert response.status_code == 303, response.text
    assert response.headers["location"] == "/attendance?month=2026-10"
    with session_scope() as session:
        row = session.exec(select(AttendanceException).where(AttendanceException.staff_id == "S0102")).one()
        ref = row.case_ref
        assert session.get(Case, ref).status == "explain"
    listed = as_("G001").get("/attendance?month=2026-10").text
    assert ref in listed and "迟到" in listed and "08:41:17" in listed
    assert ref not in as_("S0103").get("/attendance?month=2026-10").text  # a person reads their own

    person = as_("S0102")
    case_page = person.get(f"/cases/{ref}").text
    assert "08:41:17、17:06:40" in case_page and "核对：上午" in case_page and "说明情况并上传证明" in case_page
    refused = post_form(person, f"/cases/{ref}/attendance/explain", f"/cases/{ref}/attendance/explain",
                        {"explanation": " "})
    assert refused.status_code == 400 and "请说明情况" in refused.text
    done = post_form(person, f"/cases/{ref}/attendance/explain", f"/cases/{ref}/attendance/explain",
                     {"explanation": "早高峰道路封闭"}, files={"files": ("证明.pdf", b"%PDF")})
    assert done.status_code == 303, done.text
    with session_scope() as session:
        assert session.get(Case, ref).status == "register"
    assert "早高峰道路封闭" in as_("S0101").get(f"/cases/{ref}").text  # the head sees what they register


def test_a_bad_file_lists_every_bad_row_and_writes_nothing(as_):
    from support.snapshot import snapshot

    before = snapshot()
    bad = "工号,日期,时间\nS0101,2026-10-12,08:10\nX999,2026-10-12,08:10\nS0102,2026-10-12,8点\n".encode()
    response = upload(as_("G001"), "bad.csv", bad)
    assert response.status_code == 400
    assert "共 2 处问题" in response.text and "第3行" in response.text and "第4行" in response.text
    assert snapshot() == before


def test_only_the_management_section_imports(as_):
    response = upload(as_("S0101"), "attendance-2026-10.csv", SAMPLE.read_bytes())
    assert response.status_code == 403


def test_the_month_s_figures_per_window_with_the_chart_and_csv(as_):
    from datetime import datetime

    from tasks.attendance import import_clock_file
    from tasks.core.advance import advance_case
    from tasks.core.step_context import plain_calls
    from tasks.core.workitems import record_decision

    now = datetime(2026, 11, 2, 9, 0)
    result = import_clock_file(path=SAMPLE, actor="G001", now=now)
    with session_scope() as session:
        first = session.exec(select(AttendanceException).where(AttendanceException.staff_id == "S0102")).one().case_ref
    with plain_calls():
        advance_case(case_ref=first, actor="G001", now=now)
    from support.leaves import items
    [explain] = items(first)
    record_decision(item_id=explain.id, actor="S0102", decision={"explanation": "堵车"}, at=now)
    with plain_calls():
        advance_case(case_ref=first, actor="G001", now=now)
    record_decision(item_id=items(first)[0].id, actor="S0101", decision={"reason": "other"}, at=now)
    with plain_calls():
        advance_case(case_ref=first, actor="G001", now=now)
    record_decision(item_id=items(first)[0].id, actor="G001", decision={"approve": False, "comment": "无证明"}, at=now)
    with plain_calls():
        assert advance_case(case_ref=first, actor="G001", now=now) == "irregular"

    page_ = as_("G001").get("/stats/attendance?month=2026-10&by=window")
    assert page_.status_code == 200 and ("<svg" in page_.text or "data:image/svg" in page_.text)
    assert f"考勤异常 {len(result['opened'])} 项" in page_.text and "未正常考勤（扣分） 1 项" in page_.text
    csv_text = as_("G001").get("/stats/attendance.csv?month=2026-10&by=window&table=window").content.decode("utf-8-sig")
    assert csv_text.splitlines()[0] == "窗口,异常,已认可,未正常考勤,办理中"
    # no excuses registered here: W01 has S0108×2 (the 调休 Saturday), S0102–S0107 one each, S0110×2
    assert "社保综合窗口（W01）,10,0,1,9" in csv_text and "企业登记窗口（W02）,2,0,0,2" in csv_text
    head = as_("S0201").get("/stats/attendance.csv?month=2026-10&by=window&table=window").content.decode("utf-8-sig")
    assert "W01" not in head and "企业登记窗口（W02）" in head  # a head reads the own window
    assert as_("S0102").get("/stats/attendance?month=2026-10").status_code == 403
