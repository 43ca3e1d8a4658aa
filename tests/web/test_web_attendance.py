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
