"""Every entry of the menu opens for whoever it is shown to (issue 28 defect 12): each person of the sample
organisation — 窗口管理科, the complaint window, the district office, IT, every department contact, every window
head and every clerk — logs in and opens every link of their menu; all answer 200. The 调休日程表 is shown to
those with a Saturday window's schedule to read (考勤办法 二(一)5), and a refused page names itself."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from web.test_web_nav import menu_links
from web.web_desk import PEOPLE, client_for, set_passwords

ISSUE_28_DEFECTS = (12,)  # issue 28 is not yet in reliability.summary.PROBES: the lead adds it

ORG = yaml.safe_load((Path(__file__).resolve().parents[2] / "examples" / "org.yaml").read_text(encoding="utf-8"))
EVERYONE = [person["id"] for person in ORG["staff"]]


@pytest.fixture
def login(desk):
    def as_(staff_id: str):
        if staff_id not in PEOPLE:  # the desk fixture set theirs
            set_passwords(staff_id)
        return client_for(desk, staff_id)
    return as_


@pytest.mark.parametrize("staff_id", EVERYONE)
def test_every_menu_entry_a_person_is_shown_opens(login, staff_id):
    client = login(staff_id)
    links = menu_links(client.get("/").text)
    assert "/" in links
    refused = {link: status for link in links if (status := client.get(link).status_code) != 200}
    assert refused == {}, (staff_id, refused)


@pytest.mark.parametrize("staff_id, shown", [("S0101", False), ("S0102", False), ("D-rsj", False),
                                             ("S0301", True), ("S0302", True), ("D-gaj", True), ("G001", True)])
def test_the_saturday_schedule_is_offered_to_who_has_one_to_read(login, staff_id, shown):
    assert ("/leave/saturday" in menu_links(login(staff_id).get("/").text)) is shown


def test_the_refusal_of_the_api_keys_page_names_that_page(login):
    response = login("S0101").get("/admin/api-keys")
    assert response.status_code == 403
    assert "接口密钥" in response.text and "管理总览" not in response.text.split("<main")[-1]
