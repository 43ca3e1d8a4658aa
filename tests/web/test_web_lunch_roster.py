"""延时服务人员安排表 on the desk (考勤办法 二(一)4, 6): the head of W02 ticks the window's people for each
working day of next month (one list per day), the management section sees the whole roster and the
rules' checks on the case page and approves it there; refusals are shown next to the days and write
nothing; the printed 安排表 has names and borders; the menu lists it."""
from __future__ import annotations

import re
from datetime import date

import pytest
from sqlmodel import select

from models.core.calendar import load_calendar
from models.core.cases import Case, WorkItem
from models.core.clock import local_now
from models.core.db import session_scope
from models.lunch_roster.store import serving_on, working_days
from support.snapshot import snapshot
from web.web_desk import post_form, set_passwords

pytestmark = pytest.mark.usefixtures("prefect_api")


def next_month() -> date:
    today = local_now().date()
    return date(today.year + today.month // 12, today.month % 12 + 1, 1)


def days_of(month: date) -> list[date]:
    with session_scope() as session:
        return working_days(calendar=load_calendar(session=session), month=month)


def form(month: date, turns: dict[date, list[str]]) -> dict:
    """As a browser posts the ticked boxes: each day's name once per person ticked."""
    return {"window": "W02", "month": f"{month:%Y-%m}", **{f"day-{d.isoformat()}": ids for d, ids in turns.items()}}


def post(client, month: date, turns: dict[date, list[str]]):
    from web.web_desk import token_of

    page = client.get(f"/lunch-roster?month={month:%Y-%m}")
    return client.post("/lunch-roster", data={**form(month, turns), "csrf_token": token_of(page.text)},
                       follow_redirects=False)


def test_the_head_files_the_month_and_the_management_section_approves_on_the_case_page(as_):
    month, head = next_month(), as_("S0201")
    days = days_of(month)
    page = head.get(f"/lunch-roster?month={month:%Y-%m}").text
    assert page.count('type="checkbox"') == 3 * len(days) and "孙悦" in page and f'name="day-{days[0]}"' in page
    response = post(head, month, {d: ["S0202"] if i else ["S0201", "S0203"] for i, d in enumerate(days)})
    assert response.status_code == 303, response.text
    ref = response.headers["location"].removeprefix("/cases/")
    management = as_("G001")
    case_page = management.get(f"/cases/{ref}").text
    assert "徐明、马超" in case_page and "孙悦" in case_page and "规则检查" in case_page and "通过：" in case_page
    assert f"/lunch-roster/{ref}/print" in case_page
    with session_scope() as session:
        item = session.exec(select(WorkItem.id).where(WorkItem.case_ref == ref)).one()
    decided = post_form(management, f"/cases/{ref}", f"/items/{item}/decide", {"approve": "true"})
    assert decided.status_code == 303
    with session_scope() as session:
        assert session.get(Case, ref).status == "registered"
        assert serving_on(session=session, staff_ids={"S0201", "S0202", "S0203"}, day=days[0]) == {"S0201", "S0203"}
    printed = head.get(f"/lunch-roster/{ref}/print")
    assert printed.status_code == 200 and "border: 1px solid #000" in printed.text
    assert "徐明、马超" in printed.text and "S0203" not in printed.text
    again = head.get(f"/lunch-roster?month={month:%Y-%m}").text
    assert "已登记" in again and "重新填报" in again


def test_a_refused_roster_is_shown_next_to_the_days_with_the_boxes_kept_and_nothing_written(as_):
    month, head = next_month(), as_("S0201")
    days = days_of(month)
    before = snapshot()
    response = post(head, month, {days[0]: ["S0201"]})
    assert response.status_code == 400 and snapshot() == before
    assert "以下工作日没有安排延时服务人员" in response.text and "考勤办法 二(一)1、4" in response.text
    assert re.search(rf'name="day-{days[0]}" value="S0201" checked', response.text)


def test_only_the_head_of_a_lunch_service_window_files(as_):
    month = next_month()
    set_passwords("S0202")
    staff, other_head = as_("S0202"), as_("S0101")
    page = staff.get("/lunch-roster").text
    assert "企业登记窗口" in page and 'method="post" action="/lunch-roster"' not in page  # reads, does not file
    before = snapshot()
    assert post(staff, month, {d: ["S0202"] for d in days_of(month)}).status_code == 403
    assert post(other_head, month, {d: ["S0202"] for d in days_of(month)}).status_code == 403
    assert snapshot() == before
    assert "不提供中午延时服务" in other_head.get("/lunch-roster").text  # W01 has no lunch service
    assert 'href="/lunch-roster"' in other_head.get("/").text  # in the menu (查询) for everyone


def test_another_windows_people_do_not_read_the_roster(as_):
    month, head = next_month(), as_("S0201")
    ref = post(head, month, {d: ["S0202"] for d in days_of(month)}).headers["location"].removeprefix("/cases/")
    assert as_("S0101").get(f"/lunch-roster/{ref}/print").status_code == 403
    assert "不提供中午延时服务" in as_("S0101").get("/lunch-roster?window=W02").text
