"""`center users set-password` (management section only, password from stdin) and `center web`."""
from __future__ import annotations

import io

from models.core.db import session_scope
from models.core.users import UserCredential, verify_login
from support.cli import run_cli
from support.snapshot import snapshot


def test_the_management_section_sets_a_password_read_from_stdin(org, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-pass-9\n"))
    result = run_cli(capsys, "users", "set-password", "S0102", "--as", "G001")
    with session_scope() as session:
        assert verify_login(session=session, staff_id="S0102", password="s3cret-pass-9") is not None
    assert result.code == 0 and "已为 S0102 设置登录密码" in result.out


def test_a_window_head_may_not_set_passwords_and_nothing_is_written(org, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-pass-9\n"))
    before = snapshot()
    result = run_cli(capsys, "users", "set-password", "S0102", "--as", "S0101")
    assert result.code == 2 and "只有窗口管理科可以设置密码" in result.err and snapshot() == before


def test_a_short_password_is_refused_naming_the_rule(org, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    result = run_cli(capsys, "users", "set-password", "S0102", "--as", "G001")
    with session_scope() as session:
        assert session.get(UserCredential, "S0102") is None
    assert result.code == 2 and "密码: 至少 10 个字符" in result.err


def test_an_unknown_staff_number_is_named(org, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-pass-9\n"))
    result = run_cli(capsys, "users", "set-password", "X999", "--as", "G001")
    assert result.code == 2 and "工号: 找不到 X999" in result.err


def test_the_password_cannot_be_given_on_the_command_line(org, capsys):
    result = run_cli(capsys, "users", "set-password", "S0102", "s3cret-pass-9", "--as", "G001")
    assert result.code != 0


def test_web_offers_the_host_option_for_the_office_network(capsys):
    result = run_cli(capsys, "web", "--help")
    assert result.code == 0 and "--host" in result.out and "127.0.0.1" in result.out
