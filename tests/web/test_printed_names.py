"""The printed 调休日程表 keeps its table borders (its inline style allowed) and names its 登记人,
not their staff number (issue 28 item 5)."""
from __future__ import annotations

from datetime import date

from models.core.db import session_scope
from models.leave.store import record_saturday_cover
from web.web_desk import set_passwords

ISSUE_28_DEFECTS = (5,)  # counted in the reliability summary when these tests pass


def test_the_printed_saturday_schedule_keeps_its_borders_and_names_who_recorded_it(as_):
    set_passwords("S0301")
    with session_scope() as session:
        record_saturday_cover(session=session, window_id="W03", staff_id="S0302", saturday=date(2026, 10, 17),
                              day_off=date(2026, 10, 19), note="换班", actor="S0301")
    printed = as_("S0301").get("/leave/saturday/print?window=W03&month=2026-10")
    assert "style-src 'unsafe-inline'" in printed.headers["content-security-policy"]
    assert "border: 1px solid #000" in printed.text
    assert "<td>换班</td><td>朱丽</td>" in printed.text and "S0301" not in printed.text

