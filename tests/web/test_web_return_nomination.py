"""The department's nomination of a replacement on the case page (进出管理制度 三: 派驻部门拟定新派驻工作人员报中心):
a birth date is no working-day date, so the calendar's range (2004–2060) does not refuse 1990-05-01 (issue 28
defect 8); an arrival date outside it still is."""
from __future__ import annotations

from datetime import timedelta

import pytest

from models.core.clock import local_now
from models.core.db import session_scope
from models.core.cases import WorkItem
from support.staff_returns import CONFIRM, NEWCOMER, decide, open_items, open_manual
from web.web_desk import post_form

ISSUE_28_DEFECTS = (8,)  # counted in the reliability summary when these tests pass

pytestmark = pytest.mark.usefixtures("prefect_api")


def _nomination() -> tuple[str, int]:
    ref = open_manual()
    decide(ref, "decide", "G001", CONFIRM)
    [item] = open_items(ref, "nominate")
    return ref, item.id


def test_a_birth_date_before_the_calendar_s_range_is_accepted(as_):
    ref, item_id = _nomination()
    arrival = local_now().date() + timedelta(days=3)
    response = post_form(as_("D-rsj"), f"/cases/{ref}", f"/items/{item_id}/decide",
                         {**NEWCOMER, "birth_date": "1990-05-01", "arrival_date": f"{arrival}"})
    assert response.status_code == 303, response.text
    with session_scope() as session:
        decision = session.get(WorkItem, item_id).decision
    assert decision["birth_date"] == "1990-05-01"


def test_an_arrival_date_outside_the_calendar_s_range_is_still_refused(as_):
    ref, item_id = _nomination()
    response = post_form(as_("D-rsj"), f"/cases/{ref}", f"/items/{item_id}/decide",
                         {**NEWCOMER, "birth_date": "1990-05-01", "arrival_date": "1990-05-01"})
    assert response.status_code == 400 and "日期 1990-05-01 超出工作日历范围" in response.text
