"""Logging in: argon2 passwords, signed HttpOnly SameSite cookies, CSRF, measured backoff."""
from __future__ import annotations

import time

from fastapi.testclient import TestClient

from models.core.db import session_scope
from models.core.users import UserCredential, set_password
from web.web_desk import PASSWORD, desk_app, log_in, token_of


def test_a_page_needs_a_login_and_remembers_where_it_was_going(desk):
    response = TestClient(desk).get("/calendar?month=2026-10", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login?next=/calendar%3Fmonth%3D2026-10"


def test_the_right_password_opens_my_work_page(desk):
    client = TestClient(desk)
    response = log_in(client, "S0102")
    assert response.status_code == 303 and "我的待办" in client.get("/").text


def test_the_session_cookie_is_signed_httponly_and_samesite(desk):
    cookie = log_in(TestClient(desk), "S0102").headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "center_session=" in cookie


def test_a_forged_session_cookie_is_not_a_login(desk):
    client = TestClient(desk)
    log_in(client, "S0102")
    value = client.cookies.get("center_session")
    client.cookies.set("center_session", value[:-3] + ("AAA" if not value.endswith("AAA") else "BBB"))
    assert client.get("/", follow_redirects=False).status_code == 303


def test_a_wrong_password_is_refused_in_chinese(desk):
    response = log_in(TestClient(desk), "S0102", "wrong-password")
    assert response.status_code == 401 and "工号或密码不正确" in response.text


def test_the_password_is_stored_as_an_argon2_hash(org):
    with session_scope() as session:
        stored = set_password(session=session, staff_id="S0102", password=PASSWORD, actor="G001").password_hash
    with session_scope() as session:
        assert session.get(UserCredential, "S0102").password_hash == stored
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_login_without_the_csrf_token_is_refused(desk):
    client = TestClient(desk)
    client.get("/login")
    response = client.post("/login", data={"staff_id": "S0102", "password": PASSWORD})
    assert response.status_code == 403 and "表单已失效" in response.text


def test_a_post_from_another_origin_is_refused(desk):
    client = TestClient(desk)
    token = token_of(client.get("/login").text)
    response = client.post("/login", data={"staff_id": "S0102", "password": PASSWORD, "csrf_token": token},
                           headers={"Origin": "http://evil.example"})
    assert response.status_code == 403


def test_a_password_change_ends_the_older_sessions(desk):
    client = TestClient(desk)
    log_in(client, "S0102")
    with session_scope() as session:
        set_password(session=session, staff_id="S0102", password="another-pass-1", actor="G001")
    assert client.get("/", follow_redirects=False).status_code == 303


def test_logging_out_ends_the_session(as_):
    client = as_("S0102")
    client.post("/logout", data={"csrf_token": token_of(client.get("/").text)})
    assert client.get("/", follow_redirects=False).status_code == 303


def test_after_the_free_failures_an_account_must_wait_even_with_the_right_password(desk):
    client = TestClient(desk)
    for _ in range(4):
        log_in(client, "S0102", "wrong-password")
    failed_at = time.monotonic()
    refused = log_in(client, "S0102")
    assert refused.status_code == 429 and "登录失败次数过多" in refused.text
    while log_in(client, "S0102").status_code == 429:
        time.sleep(0.05)
    assert time.monotonic() - failed_at >= 0.4  # the base wait of the test configuration


def test_the_wait_doubles_with_each_further_failure(desk):
    client = TestClient(desk)
    waits = []
    for _ in range(6):
        started = time.monotonic()
        while (response := log_in(client, "S0102", "wrong-password")).status_code == 429:
            time.sleep(0.02)
        assert response.status_code == 401
        waits.append(time.monotonic() - started)
    assert waits[4] >= 0.4 and waits[5] >= 0.8  # after the 4th failure 0.4 s, after the 5th 0.8 s


def test_a_blocked_account_does_not_block_another_account(desk):
    client = TestClient(desk)
    for _ in range(4):
        log_in(client, "S0102", "wrong-password")
    assert log_in(client, "S0103").status_code == 303


def test_many_failures_from_one_address_slow_every_account_from_it(org):
    from web.web_desk import set_passwords

    set_passwords("S0102", "S0103", "S0104", "S0105")
    client = TestClient(desk_app())
    for staff_id in ("S0102", "S0104", "S0105") * 3:  # 9 failures, at most 3 per account
        log_in(client, staff_id, "wrong-password")
    assert log_in(client, "S0103").status_code == 429
