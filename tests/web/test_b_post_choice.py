"""The 登记B岗 step offers the window's eligible people to pick from, not a free-text staff number: the
one B-post rule (models.rules.ab_posts via models.core.roster) decides who is listed (issue 28 item 17)."""
from __future__ import annotations

import re

from models.core.db import session_scope
from models.core.org import Role, Staff, StaffStatus
from models.core.workitems import open_work_item
from models.core.workitems import bpost_key
from web.web_desk import sample_case

ISSUE_28_DEFECTS = (17,)  # counted in the reliability summary when these tests pass


def _b_post_item(ref: str, staff_id: str) -> None:
    with session_scope() as session:
        open_work_item(session=session, key=bpost_key(ref, staff_id), case_ref=ref, step="b_post",
                       title=f"为王芳（{staff_id}）指定B岗", role=Role.head, form="b_post", window_id="W01")


def test_the_b_post_is_picked_from_the_windows_eligible_people(as_):
    ref, _ = sample_case()
    _b_post_item(ref, "S0102")
    with session_scope() as session:
        session.get(Staff, "S0110").status = StaffStatus.returned
    page = as_("S0101").get(f"/cases/{ref}").text
    select = re.search(r'<select id="f-b_post" name="b_post">(.*?)</select>', page, re.S)
    assert select is not None, "the B post is typed, not picked"
    offered = re.findall(r'<option value="(S\d+)"', select.group(1))
    assert "S0101" in offered and "S0103" in offered and "刘洋（S0104）" in select.group(1)
    assert "S0102" not in offered and "S0110" not in offered and "S0201" not in offered
