"""Issue 26 at the desk, on SQLite and PostgreSQL alike: a NUL in a page address is refused naming
the part (defect 6), an over-long case reference names nothing (16), a search date beyond the
calendar is refused naming the field (10), and 管理总览 shows the rows the deadline sweep could not
compute instead of failing (2)."""
from __future__ import annotations

import re
from datetime import datetime

import pytest

from models.core.clock import TZ
from web.web_desk import sample_case

ISSUE_26_DEFECTS = (2, 6, 10, 16)  # counted in the reliability summary when these tests pass


@pytest.fixture
def db(any_db):
    """Every test of this module on both stores (the sample organisation is imported into it)."""
    return any_db


@pytest.mark.parametrize("address, part", [("/cases/TS%00", "ref"), ("/org/staff/S01%00", "staff_id"),
                                           ("/matters/QP%00", "code")], ids=["case", "staff", "matter"])
def test_a_nul_in_a_page_address_is_refused_naming_the_part(as_, address, part):
    response = as_("G001").get(address)
    assert response.status_code == 400, response.text[:300]
    assert part in response.text and "空字符" in response.text


def test_an_over_long_case_reference_names_no_case(as_):
    ref, _ = sample_case()
    client = as_("G001")
    assert client.get(f"/cases/{ref}").status_code == 200
    response = client.get(f"/cases/{ref}{'9' * (41 - len(ref))}")
    assert response.status_code == 404 and "超过 40 个字符" in response.text


@pytest.mark.parametrize("field", ["to", "from"])
def test_a_search_date_beyond_the_calendar_is_refused_naming_the_field(as_, field):
    response = as_("G001").get(f"/search?{field}=9999-12-31")
    assert response.status_code == 400, response.text[:300]
    assert "超出工作日历范围" in response.text


def test_the_overview_shows_a_row_the_sweep_cannot_compute_and_still_every_other_finding(as_):
    """The overdue items by SQL (the bad one too: it is past due), and what the last real sweep could not
    compute, from its stored findings (issue 30)."""
    import time_machine

    from tasks.core.sweep import collect_and_queue, keep_report

    good, _ = sample_case("W01", due_at=datetime(2026, 10, 9, 17))
    bad, _ = sample_case("W01", due_at=datetime(1999, 2, 1, 17))
    as_of = datetime(2026, 10, 13, 9, 0)
    keep_report(report=collect_and_queue(as_of=as_of, dry_run=False), as_of=as_of)
    with time_machine.travel(as_of.replace(tzinfo=TZ), tick=False):
        response = as_("G001").get("/overview")
    assert response.status_code == 200, response.text[:300]
    html = re.sub(r">\s+<", "><", response.text)
    overdue = html.split("<h2>逾期待办</h2>")[1].split("<h2>")[0]
    sweep = html.split("<h2>上次期限检查</h2>")[1].split("<h2>")[0]
    assert "逾期待办 2 项" in overdue and overdue.index(f'<a href="/cases/{bad}">') < overdue.index(
        f'<a href="/cases/{good}">')
    assert "上次期限检查于 2026-10-13 09:00" in sweep
    listed, failures = sweep.split("无法计算、已跳过")
    assert good not in listed and f'<td data-label="案件">{bad}</td>' in failures and "超出工作日历范围" in failures
