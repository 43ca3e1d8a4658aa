"""用户 on the desk: the management section sets or resets a password (models.core.users.set_password, as
`center users set-password`); the new password ends the person's older sessions."""
from __future__ import annotations

from models.core.db import session_scope
from models.core.users import UserCredential
from support.snapshot import snapshot
from web.web_desk import PASSWORD, log_in, post_form


def test_the_management_section_resets_a_password_and_the_old_session_ends(as_, desk):
    from fastapi.testclient import TestClient

    old = as_("S0103")
    response = post_form(as_("G001"), "/users/S0103/password", "/users/S0103/password",
                         {"password": "new-pass-2027", "confirm": "new-pass-2027"})
    assert response.status_code == 303
    with session_scope() as session:
        credential = session.get(UserCredential, "S0103")
        assert credential.set_by == "G001" and credential.session_epoch == 1
    assert old.get("/", follow_redirects=False).status_code == 303  # back to the log-in page
    assert log_in(TestClient(desk), "S0103", "new-pass-2027").status_code == 303
    assert log_in(TestClient(desk), "S0103", PASSWORD).status_code != 303


def test_a_password_for_someone_without_one_is_set(as_):
    response = post_form(as_("G001"), "/users/S0104/password", "/users/S0104/password",
                         {"password": "first-pass-1", "confirm": "first-pass-1"})
    with session_scope() as session:
        assert response.status_code == 303 and session.get(UserCredential, "S0104").set_by == "G001"


def test_the_list_shows_who_has_a_password(as_):
    text = as_("G001").get("/users").text
    assert "/users/S0104/password" in text and "未设置" in text and "重设密码" in text


def test_a_window_head_may_not_set_passwords_and_nothing_is_written(as_):
    client = as_("S0101")
    assert client.get("/users").status_code == 403
    before = snapshot()
    response = post_form(client, "/org", "/users/S0103/password", {"password": "new-pass-2027",
                                                                     "confirm": "new-pass-2027"})
    assert response.status_code == 403 and snapshot() == before


def test_a_short_password_is_refused_next_to_the_field_and_nothing_is_written(as_):
    client = as_("G001")
    before = snapshot()
    response = post_form(client, "/users/S0103/password", "/users/S0103/password",
                         {"password": "short", "confirm": "short"})
    assert response.status_code == 400 and "至少 10 个字符" in response.text and snapshot() == before
    assert '<div class="field invalid">\n  <label class="title" for="f-password">' in response.text


def test_a_mismatched_confirmation_is_refused_and_nothing_is_written(as_):
    client = as_("G001")
    before = snapshot()
    response = post_form(client, "/users/S0103/password", "/users/S0103/password",
                         {"password": "new-pass-2027", "confirm": "new-pass-2028"})
    assert response.status_code == 400 and "两次输入的密码不一致" in response.text and snapshot() == before
