"""The menu, grouped by use (我的待办, 新建, 查询, 统计, 管理): each person sees the entries of their role,
no more; the new-case entries agree with the forms' own rules; every entry is a page the desk serves."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from deployments.web.core.auth import Viewer, viewer_of
from deployments.web.core.nav import GROUPS, nav, visible
from deployments.web.core.new import offers
from models.core.db import session_scope
from models.core.org import Staff
from web.web_desk import PEOPLE, desk_app
from web.web_routes import serves


class _Menu(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.inside = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "nav" and "main" in (a.get("class") or ""):
            self.inside = True
        elif tag == "a" and self.inside:
            self.links.append(a["href"])

    def handle_endtag(self, tag):
        if tag == "nav":
            self.inside = False


def menu_links(html: str) -> list[str]:
    parser = _Menu()
    parser.feed(html)
    return parser.links


def viewer(staff_id: str) -> Viewer:
    with session_scope() as session:
        return viewer_of(session, session.get(Staff, staff_id))


@pytest.mark.parametrize("staff_id", PEOPLE)
def test_each_person_sees_the_entries_of_their_role(as_, staff_id):
    person = viewer(staff_id)
    role = person.role
    expected = {e.path for e in nav() if visible(e, person)} | {"/new" for e in nav() if e.group == "新建" and role in e.roles} \
        | {"/stats" for e in nav() if e.group == "统计" and role in e.roles}
    assert set(menu_links(as_(staff_id).get("/calendar").text)) == expected


@pytest.mark.parametrize("staff_id", PEOPLE)
def test_the_new_case_entries_agree_with_the_forms_rules(org, staff_id):
    person = viewer(staff_id)
    assert {e.path for e in nav() if e.group == "新建" and person.role in e.roles} == \
        {href for href, _, _ in offers(person)}


def group_labels(html: str) -> list[str]:
    return re.findall(r'class="group-label">(?:<a [^>]*>)?([^<]+)<', html)


def test_the_groups_by_role(as_):
    assert group_labels(as_("G001").get("/").text) == list(GROUPS)  # 我的待办 holds 已办 and 我发起的 too: its label shows
    assert set(group_labels(as_("S0101").get("/").text)) <= set(GROUPS)
    staff = as_("S0102").get("/").text.split("</nav>")[0]
    assert "统计" not in staff and "管理总览" not in staff and "请假申请" in staff
    department = as_("D-rsj").get("/").text.split("</nav>")[0]
    assert "事项申请" in department and "请假申请" not in department and "统计" not in department


def test_every_entry_is_a_page_the_desk_serves():
    app = desk_app()
    assert [e.path for e in nav() if not serves(app, "GET", e.path)] == []


@pytest.mark.parametrize("staff_id", PEOPLE)
def test_a_statistics_page_opens_exactly_for_the_roles_its_entry_names(as_, staff_id):
    client, role = as_(staff_id), viewer(staff_id).role
    for entry in (e for e in nav() if e.path.startswith("/stats/")):
        status = client.get(entry.path).status_code
        assert status == (200 if role in entry.roles else 403), (entry.path, staff_id, status)
