"""Weak passwords (issue 26, item 13): at least 10 characters, never the person's 工号, never a common
password (models.rules.passwords, IT设备使用管理规定 二(二)2) — on the desk, at the CLI and for one's own
change; a person whose existing password breaks the rule is sent to 修改密码 after signing in until changed."""
from __future__ import annotations

import io

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from models.core.db import session_scope
from models.core.users import UserCredential, verify_login
from models.rules.passwords import password_problems
from support.cli import run_cli
from support.snapshot import snapshot
from web.web_desk import log_in, post_form

ISSUE_26_DEFECTS = (13,)  # counted in the reliability summary when these tests pass


@pytest.mark.parametrize("password, staff_id, reason", [
    ("12345678", "S0401", "至少 10 个字符"),
    ("aaaaaaaa", "S0401", "至少 10 个字符"),
    ("aaaaaaaaaa", "S0401", "不能只由同一个字符重复组成"),
    ("S0401S0401", "S0401", "不能包含本人工号"),
    ("my-s0401-pass", "S0401", "不能包含本人工号"),
    ("1234567890", "S0401", "是常见密码，容易被猜中"),
    ("Password123", "S0401", "是常见密码，容易被猜中")])
def test_the_rule_refuses_weak_passwords_with_the_reason(password, staff_id, reason):
    assert reason in password_problems(password, staff_id)


def test_the_rule_accepts_a_long_uncommon_password():
    assert password_problems("desk-pass-2026", "S0102") == []


@pytest.mark.parametrize("weak", ["12345678", "aaaaaaaa", "S0102S0102", "qwertyuiop"])
def test_the_cli_refuses_a_weak_password_and_writes_nothing(org, capsys, monkeypatch, weak):
    monkeypatch.setattr("sys.stdin", io.StringIO(weak + "\n"))
    before = snapshot()
    result = run_cli(capsys, "users", "set-password", "S0102", "--as", "G001")
    assert result.code == 2 and "密码: " in result.err and snapshot() == before


def test_the_desk_refuses_a_password_containing_the_staff_number(as_):
    client = as_("G001")
    before = snapshot()
    response = post_form(client, "/users/S0103/password", "/users/S0103/password",
                         {"password": "S0103S0103", "confirm": "S0103S0103"})
    assert response.status_code == 400 and "不能包含本人工号" in response.text and snapshot() == before


def test_my_own_change_to_a_common_password_is_refused(as_):
    client = as_("S0102")
    before = snapshot()
    response = post_form(client, "/password", "/password",
                         {"current": "desk-pass-2026", "new": "1234567890", "confirm": "1234567890"})
    assert response.status_code == 400 and "是常见密码" in response.text and snapshot() == before


def _weak_credential(staff_id: str, password: str) -> None:
    """A password set before the rule was tightened (a real argon2 hash, quick parameters)."""
    with session_scope() as session:
        credential = session.get(UserCredential, staff_id)
        credential.password_hash = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(password)


def test_a_weak_existing_password_must_be_changed_before_anything_else(desk):
    _weak_credential("S0102", "12345678")
    client = TestClient(desk)
    response = log_in(client, "S0102", "12345678")
    assert response.status_code == 303 and response.headers["location"] == "/password"
    for page in ("/", "/search", "/calendar"):
        refused = client.get(page, follow_redirects=False)
        assert refused.status_code == 303 and refused.headers["location"] == "/password"
    assert "不符合现行密码规则" in client.get("/password").text
    changed = post_form(client, "/password", "/password",
                        {"current": "12345678", "new": "a-better-pass-26", "confirm": "a-better-pass-26"})
    assert changed.status_code == 303
    assert client.get("/", follow_redirects=False).status_code == 200
    with session_scope() as session:
        assert verify_login(session=session, staff_id="S0102", password="a-better-pass-26") is not None


def test_signing_in_again_with_the_weak_password_is_still_sent_to_change_it(desk):
    _weak_credential("S0103", "S0103S0103")
    first, second = TestClient(desk), TestClient(desk)
    log_in(first, "S0103", "S0103S0103")
    assert log_in(second, "S0103", "S0103S0103").headers["location"] == "/password"
    assert second.get("/", follow_redirects=False).headers["location"] == "/password"
