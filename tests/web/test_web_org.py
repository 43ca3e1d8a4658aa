"""组织 on the desk: readable by everyone logged in; the management section edits contacts and B posts,
each change audited with its actor; anybody else is refused and nothing is written."""
from __future__ import annotations

from sqlmodel import select

from models.core.cases import AuditEvent
from models.core.db import session_scope
from models.core.org import Staff
from support.snapshot import snapshot
from web.web_desk import post_form


def _staff(staff_id: str) -> Staff:
    with session_scope() as session:
        return session.get(Staff, staff_id)


def test_every_logged_in_person_reads_the_organisation_with_b_posts(as_):
    text = as_("S0103").get("/org").text
    assert "社保综合窗口" in text and "刘洋（S0104）" in text and "13700000103" in text
    assert "/org/staff/S0103" not in text  # no edit links for a clerk


def test_the_management_section_sees_edit_links(as_):
    assert 'href="/org/staff/S0103"' in as_("G001").get("/org").text


def test_the_management_section_changes_a_contact_and_the_b_post_audited_with_the_actor(as_):
    response = post_form(as_("G001"), "/org/staff/S0103", "/org/staff/S0103",
                         {"phone": "13711112222", "email": "lina.new@example.gov.cn", "b_post": "S0105"})
    assert response.status_code == 303
    staff = _staff("S0103")
    assert (staff.phone, staff.email, staff.b_post_id) == ("13711112222", "lina.new@example.gov.cn", "S0105")
    with session_scope() as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.case_ref == "org").order_by(AuditEvent.id)).all()
    assert [(e.actor, e.action, e.details["staff"]) for e in events] == [
        ("G001", "org:contact", "S0103"), ("G001", "org:b_post", "S0103")]
    assert events[1].details["before"] == "S0104" and events[1].details["after"] == "S0105"
    history = as_("G001").get("/org/staff/S0103").text
    assert "指定B岗" in history and "S0104" in history and "13711112222" in history


def test_an_unchanged_form_writes_nothing(as_):
    client = as_("G001")
    before = snapshot()
    response = post_form(client, "/org/staff/S0103", "/org/staff/S0103",
                         {"phone": "13700000103", "email": "lina@example.gov.cn", "b_post": "S0104"})
    assert response.status_code == 303 and snapshot() == before


def test_a_window_head_may_not_edit_and_nothing_is_written(as_):
    client = as_("S0101")
    assert client.get("/org/staff/S0103").status_code == 403
    token_page = client.get("/org").text
    from web.web_desk import token_of

    before = snapshot()
    response = client.post("/org/staff/S0103", data={"phone": "13711112222", "email": "", "b_post": "",
                                                    "csrf_token": token_of(token_page)}, follow_redirects=False)
    assert response.status_code == 403 and snapshot() == before


def test_bad_phone_and_a_b_post_of_another_window_are_shown_next_to_their_fields_and_nothing_is_written(as_):
    client = as_("G001")
    before = snapshot()
    response = post_form(client, "/org/staff/S0103", "/org/staff/S0103",
                         {"phone": "12345", "email": "not-an-address", "b_post": "S0201"})
    text = response.text
    assert response.status_code == 400 and snapshot() == before
    assert '<div class="field invalid">\n  <label class="title" for="f-phone">' in text
    assert "「12345」不是有效的手机号码：应为11位手机号码" in text and "应为有效的电子邮箱地址" in text
    assert "B岗 S0201 应为窗口 W01 的其他在岗正式人员（AB岗工作制度 2）" in text


def test_a_person_cannot_be_their_own_b_post(as_):
    before = snapshot()
    response = post_form(as_("G001"), "/org/staff/S0103", "/org/staff/S0103",
                         {"phone": "", "email": "", "b_post": "S0103"})
    assert response.status_code == 400 and "AB岗工作制度 2" in response.text and snapshot() == before


def test_names_are_shown_as_text_not_markup(as_):
    with session_scope() as session:
        session.get(Staff, "S0103").name = "<script>alert(1)</script>"
    text = as_("S0101").get("/org").text
    assert "<script>alert(1)</script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_the_management_section_changes_a_departments_leader_and_contacts_audited(as_):
    from models.core.org import Department

    client = as_("G001")
    response = post_form(client, "/org/departments/rsj", "/org/departments/rsj",
                         {"leader": "王新", "phone": "021-59731234", "email": "rsj-new@example.gov.cn"})
    assert response.status_code == 303
    with session_scope() as session:
        department = session.get(Department, "rsj")
        event = session.exec(select(AuditEvent).where(AuditEvent.case_ref == "org")).one()
    assert (department.leader, department.phone, department.email) == ("王新", "021-59731234", "rsj-new@example.gov.cn")
    assert event.actor == "G001" and event.details["before"]["leader"] == "王建国"
    assert "王建国" in client.get("/org/departments/rsj").text


def test_a_bad_department_email_is_refused_and_nothing_is_written(as_):
    client = as_("G001")
    before = snapshot()
    response = post_form(client, "/org/departments/rsj", "/org/departments/rsj",
                         {"leader": "王新", "phone": "电话", "email": "nobody"})
    assert response.status_code == 400 and snapshot() == before
    assert "「电话」不是有效的电话号码：应为11位手机号码，或带区号的固定电话" in response.text and "应为有效的电子邮箱地址" in response.text


def test_a_department_contact_may_not_edit_its_own_department_and_nothing_is_written(as_):
    client = as_("D-rsj")
    assert client.get("/org/departments/rsj").status_code == 403
    before = snapshot()
    response = post_form(client, "/org", "/org/departments/rsj", {"leader": "冒名", "phone": "", "email": ""})
    assert response.status_code == 403 and snapshot() == before
