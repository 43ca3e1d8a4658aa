"""Revocable sessions (issue 19 §1): logging out, a password change and the management section's
"sign this person out" end every copy of a session at once — a copied cookie replayed afterwards is
refused before anything is read or written."""
from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient

from models.core.db import session_scope
from models.core.users import set_password, verify_login
from support.cli import run_cli
from support.snapshot import snapshot
from web.web_desk import PASSWORD, client_for, post_form, sample_case, token_of

ISSUE_19_DEFECTS = (1,)  # counted in the reliability summary when these tests pass

pytestmark = pytest.mark.usefixtures("probe")


def _copy(client: TestClient, desk) -> TestClient:
    """Another browser holding a copy of `client`'s session cookie (e.g. a stolen one)."""
    thief = TestClient(desk)
    thief.cookies.set("center_session", client.cookies.get("center_session"))
    return thief


def _replayed_decision(thief: TestClient, item_id: int, token: str):
    return thief.post(f"/items/{item_id}/decide", data={"approve": "true", "comment": "同意", "csrf_token": token},
                      follow_redirects=False)


def _is_login_redirect(response) -> bool:
    return response.status_code == 303 and response.headers["location"].startswith("/login")


def test_a_copied_cookie_replayed_after_logout_decides_nothing(desk):
    _, item_id = sample_case("W01")
    client = client_for(desk, "S0101")
    ref_page = client.get("/")
    token = token_of(ref_page.text)
    thief = _copy(client, desk)
    assert thief.get("/", follow_redirects=False).status_code == 200  # the copy works while logged in
    client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    before = snapshot()
    response = _replayed_decision(thief, item_id, token)
    assert _is_login_redirect(response) and snapshot() == before
    assert _is_login_redirect(thief.get("/", follow_redirects=False))


def test_logging_out_on_one_browser_ends_the_persons_other_sessions_too(desk):
    first, second = client_for(desk, "S0102"), client_for(desk, "S0102")
    first.post("/logout", data={"csrf_token": token_of(first.get("/").text)})
    assert _is_login_redirect(second.get("/", follow_redirects=False))
    assert client_for(desk, "S0102").get("/", follow_redirects=False).status_code == 200  # a new login works


def test_a_password_set_at_the_command_line_ends_a_copied_session(desk, capsys, monkeypatch):
    thief = _copy(client_for(desk, "S0102"), desk)
    monkeypatch.setattr("sys.stdin", io.StringIO("a-new-pass-77\n"))
    assert run_cli(capsys, "users", "set-password", "S0102", "--as", "G001").code == 0
    assert _is_login_redirect(thief.get("/", follow_redirects=False))


def test_the_management_section_signs_a_person_out_on_the_desk(desk):
    victim = client_for(desk, "S0101")
    thief = _copy(victim, desk)
    manager = client_for(desk, "G001")
    page = manager.get("/users")
    assert page.status_code == 200 and 'action="/users/S0101/sign-out"' in page.text
    response = post_form(manager, "/users", "/users/S0101/sign-out", {})
    assert response.status_code == 303 and "已结束 S0101 的全部登录会话" in manager.get("/users").text
    assert _is_login_redirect(thief.get("/", follow_redirects=False))
    assert _is_login_redirect(victim.get("/", follow_redirects=False))
    assert manager.get("/", follow_redirects=False).status_code == 200  # the manager's own session stays


def test_only_the_management_section_signs_people_out(desk):
    head = client_for(desk, "S0101")
    assert head.get("/users").status_code == 403
    before = snapshot()
    response = post_form(head, "/", "/users/S0102/sign-out", {})
    assert response.status_code == 403 and "只有窗口管理科可以结束他人的登录会话" in response.text
    assert snapshot() == before


def test_the_sign_out_command_ends_every_session_of_the_person(desk, capsys):
    thief = _copy(client_for(desk, "S0103"), desk)
    result = run_cli(capsys, "users", "sign-out", "S0103", "--as", "G001")
    assert result.code == 0 and "已结束 S0103 的全部登录会话" in result.out
    assert _is_login_redirect(thief.get("/", follow_redirects=False))


def test_the_sign_out_command_is_refused_to_a_window_head_and_writes_nothing(desk, capsys):
    client = client_for(desk, "S0103")
    before = snapshot()
    result = run_cli(capsys, "users", "sign-out", "S0103", "--as", "S0101")
    assert result.code == 2 and "只有窗口管理科可以结束他人的登录会话" in result.err and snapshot() == before
    assert client.get("/", follow_redirects=False).status_code == 200


def test_the_sign_out_command_names_an_unknown_person(desk, capsys):
    result = run_cli(capsys, "users", "sign-out", "X999", "--as", "G001")
    assert result.code == 2 and "工号: 找不到 X999" in result.err


def test_a_password_change_in_the_store_still_ends_older_sessions(desk):
    thief = _copy(client_for(desk, "S0102"), desk)
    with session_scope() as session:
        set_password(session=session, staff_id="S0102", password="another-pass-1", actor="G001")
    assert _is_login_redirect(thief.get("/", follow_redirects=False))


def _change_password(client: TestClient, current: str, new: str, confirm: str | None = None):
    return post_form(client, "/password", "/password",
                     {"current": current, "new": new, "confirm": new if confirm is None else confirm})


def test_changing_my_own_password_ends_the_copies_and_keeps_me_logged_in(desk):
    client = client_for(desk, "S0102")
    thief = _copy(client, desk)
    response = _change_password(client, PASSWORD, "my-new-pass-2026")
    assert response.status_code == 303 and "密码已修改" in client.get("/").text
    assert _is_login_redirect(thief.get("/", follow_redirects=False))
    with session_scope() as session:
        assert verify_login(session=session, staff_id="S0102", password="my-new-pass-2026") is not None


@pytest.mark.parametrize("current, new, confirm, message", [
    ("wrong-password", "my-new-pass-2026", None, "当前密码不正确"),
    (PASSWORD, "short", None, "至少 10 个字符"),
    (PASSWORD, "my-new-pass-2026", "my-new-pass-2027", "两次输入的新密码不一致")])
def test_a_refused_password_change_says_why_and_writes_nothing(desk, current, new, confirm, message):
    client = client_for(desk, "S0102")
    before = snapshot()
    response = _change_password(client, current, new, confirm)
    assert response.status_code == 400 and message in response.text and snapshot() == before
    assert client.get("/", follow_redirects=False).status_code == 200
