"""Issuing and revoking keys: `center api-keys …` and the 接口密钥 page, the management section
only; the key is shown once and works at once; a revoked key stops working."""
from __future__ import annotations

import re

from api.payloads import ORDER, bearer
from support.cli import run_cli
from support.snapshot import snapshot
from web.web_desk import PEOPLE, client_for, post_form, set_passwords

TOKEN = re.compile(r"ck_[A-Za-z0-9_-]{43}")


def test_the_cli_issues_lists_and_revokes_and_the_key_works_until_revoked(api, capsys):
    issued = run_cli(capsys, "api-keys", "issue", "12345", "--as", "G001")
    assert issued.code == 0, issued.err
    [token] = TOKEN.findall(issued.out)
    assert api.post("/api/v1/hotline-orders", json=ORDER, headers=bearer(token)).status_code == 201
    listed = run_cli(capsys, "api-keys", "list")
    assert "12345" in listed.out and token not in listed.out and "有效" in listed.out
    assert run_cli(capsys, "api-keys", "revoke", "12345", "--as", "G001").code == 0
    assert api.post("/api/v1/hotline-orders", json=ORDER, headers=bearer(token)).status_code == 401
    assert "已撤销" in run_cli(capsys, "api-keys", "list").out


def test_only_the_management_section_issues_or_revokes_and_a_refusal_writes_nothing(org, capsys):
    before = snapshot()
    for args in (("issue", "12345", "--as", "S0101"), ("issue", "12345", "--as", "T001"),
                 ("issue", "fax", "--as", "G001"), ("issue", "rating", "--scope", "all", "--as", "G001"),
                 ("issue", "12345", "--name", "S0101", "--as", "G001"), ("revoke", "nope", "--as", "G001")):
        refused = run_cli(capsys, "api-keys", *args)
        assert refused.code == 2, args
    assert "只有窗口管理科可以办理" in run_cli(capsys, "api-keys", "issue", "12345", "--as", "S0101").err
    assert snapshot() == before


def test_the_management_page_issues_shows_the_key_once_and_revokes(api):
    set_passwords(*PEOPLE)
    desk = client_for(api.app, "G001")
    assert "接口密钥" in desk.get("/").text  # in the management section's menu
    answer = post_form(desk, "/admin/api-keys", "/admin/api-keys", {"system": "rating"})
    assert answer.status_code == 200
    [token] = TOKEN.findall(answer.text)
    assert token not in desk.get("/admin/api-keys").text  # shown once
    rating = {"rating_id": "R-9", "stars": 4, "rated_at": "2026-11-20T10:00:00+08:00", "window_id": "W01"}
    assert api.post("/api/v1/ratings", json=rating, headers=bearer(token)).status_code == 201
    revoked = post_form(desk, "/admin/api-keys", "/admin/api-keys/rating/revoke", {})
    assert revoked.status_code == 303
    assert api.post("/api/v1/ratings", json=rating, headers=bearer(token)).status_code == 401


def test_the_page_refuses_other_people_and_shows_a_bad_request_next_to_its_field(api):
    set_passwords(*PEOPLE)
    head = client_for(api.app, "S0101")
    assert head.get("/admin/api-keys").status_code == 403
    desk = client_for(api.app, "G001")
    before = snapshot()
    refused = post_form(desk, "/admin/api-keys", "/admin/api-keys", {"system": "12345", "name": "坏 名字"})
    assert refused.status_code == 400 and "名称只能用字母" in refused.text
    assert snapshot() == before
