"""监督考核 and 新建: each role is offered the oversight pages it may use, and only those; every page opens."""
from __future__ import annotations

import pytest

from web.web_desk import set_passwords


@pytest.mark.parametrize("staff_id, offered, not_offered", [
    ("G001", {"/patrols/new", "/trainings/new", "/it/violation"}, {"/it/request"}),
    ("S0101", {"/it/request"}, {"/patrols/new", "/trainings/new", "/it/violation"}),
    ("S0102", set(), {"/patrols/new", "/trainings/new", "/it/request", "/it/violation"}),
    ("T001", {"/trainings/new"}, {"/patrols/new", "/it/request", "/it/violation"}),
])
def test_new_offers_the_oversight_records_each_role_may_start(as_, staff_id, offered, not_offered):
    html = as_(staff_id).get("/new").text
    assert all(f'href="{h}"' in html for h in offered) and not any(f'href="{h}"' in html for h in not_offered)


def test_the_oversight_page_lists_the_management_sections_pages_and_they_open(as_):
    client = as_("G001")
    html = client.get("/oversight").text
    links = ["/patrols/new", "/patrols", "/patrols/summary", "/trainings/new", "/trainings", "/trainings/stats",
             "/it/configs", "/it/violation", "/ledger", "/assessment", "/assessment/import"]
    assert all(f'href="{h}"' in html for h in links) and 'href="/oversight"' in html
    assert [client.get(h).status_code for h in links] == [200] * len(links)


def test_a_window_staff_member_sees_the_registers_but_no_management_page(as_):
    client = as_("S0102")
    html = client.get("/oversight").text
    assert 'href="/ledger"' in html and 'href="/patrols"' in html
    assert not any(h in html for h in ('href="/assessment"', 'href="/patrols/new"', 'href="/trainings/new"'))
    assert [client.get(h).status_code for h in ("/patrols", "/patrols/summary", "/trainings", "/trainings/stats",
                                                "/it/configs", "/ledger")] == [200] * 6


def test_the_it_section_records_violations_but_not_patrols(as_):
    set_passwords("I001")
    client = as_("I001")
    assert client.get("/it/violation").status_code == 200 and client.get("/patrols/new").status_code == 403


def test_bad_filters_are_refused_with_the_fields_message(as_):
    client = as_("G001")
    month, day = client.get("/patrols?month=2026-13"), client.get("/patrols?day=12-10")
    year = client.get("/ledger?year=x")
    assert (month.status_code, day.status_code, year.status_code) == (400, 400, 400)
    assert "应为 YYYY-MM" in month.text and "不是有效日期" in day.text and "不是有效年度" in year.text
