"""Careless and hostile input on the desk (issue 19 §7, §12): dates outside the calendar's range and
huge ids are refusals (400/404), never 500; NUL bytes are refused naming the field; an over-size
body is refused before its form is read; a refusal names the right reason; the session cookie's
Secure flag and the signing key come from the one Settings class."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from deployments.web.core.app import create_app
from models.core.settings import get_settings
from support.snapshot import snapshot
from web.web_desk import PASSWORD, desk_app, log_in, post_form, sample_case, token_of

ISSUE_19_DEFECTS = (7, 12)  # counted in the reliability summary when these tests pass

pytestmark = pytest.mark.usefixtures("probe")

HUGE = "99999999999999999999"
OUT_OF_RANGE = ("0001-01-01", "9999-12-31")
LEAVE = {"staff_id": "S0102", "kind": "personal", "start_half": "am", "end_half": "pm", "reason": "家中有事"}
COMPLAINT = {"channel": "phone", "window_id": "W01", "staff_id": "S0102", "category": "3", "content": "态度生硬",
             "complainant_name": "张三", "complainant_contact": "13700004321"}
ROTATION = {"window_id": "W01", "notice_ref": "人社函〔2026〕1号", "leaving": "S0103", "note": ""}


@pytest.mark.parametrize("day", OUT_OF_RANGE)
@pytest.mark.parametrize("field", ["start_day", "end_day"])
def test_a_leave_date_outside_the_calendar_is_a_400_naming_the_field(as_, day, field):
    client, before = as_("S0102"), snapshot()
    data = {**LEAVE, "start_day": "2026-10-12", "end_day": "2026-10-12", field: day}
    response = post_form(client, "/new/leave", "/new/leave", data)
    assert response.status_code == 400 and "超出工作日历范围" in response.text
    assert f'id="f-{field}" name="{field}" value="{day}"' in response.text and snapshot() == before


@pytest.mark.parametrize("moment", [f"{day}T10:00" for day in OUT_OF_RANGE])
def test_a_complaint_received_outside_the_calendar_is_a_400(as_, moment):
    client, before = as_("G001"), snapshot()
    response = post_form(client, "/new/complaint", "/new/complaint", {**COMPLAINT, "received_at": moment})
    assert response.status_code == 400 and "超出工作日历范围" in response.text and snapshot() == before


@pytest.mark.parametrize("day", OUT_OF_RANGE)
def test_a_rotation_dated_outside_the_calendar_is_a_400(as_, day):
    client, before = as_("D-rsj"), snapshot()
    data = {**ROTATION, "notice_received": f"{day}T10:00", "effective_date": day}
    response = post_form(client, "/new/rotation", "/new/rotation", data)
    assert response.status_code == 400 and "超出工作日历范围" in response.text and snapshot() == before


@pytest.mark.parametrize("month", ["0001-01", "9999-12"])
def test_a_calendar_month_outside_the_calendar_is_a_400(as_, month):
    response = as_("S0102").get(f"/calendar?month={month}")
    assert response.status_code == 400 and "月份" in response.text


@pytest.mark.parametrize("path", [f"/documents/{HUGE}", f"/documents/{HUGE}/raw", f"/documents/-{HUGE}",
                                  f"/cases/CS-2026-{HUGE}"])
def test_a_huge_id_in_a_page_address_is_a_404(as_, path):
    response = as_("G001").get(path)
    assert response.status_code == 404 and "找不到" in response.text


@pytest.mark.parametrize("path", [f"/items/{HUGE}/decide", f"/outbox/{HUGE}/resend"])
def test_a_huge_id_in_a_form_address_is_a_404_and_writes_nothing(as_, path):
    client, before = as_("G001"), snapshot()
    response = post_form(client, "/", path, {"approve": "true"})
    assert response.status_code == 404 and "找不到" in response.text and snapshot() == before


@pytest.mark.parametrize("field", ["content", "complainant_name"])
def test_a_nul_byte_in_a_form_is_refused_naming_the_field(as_, field):
    client, before = as_("G001"), snapshot()
    data = {**COMPLAINT, "received_at": "2026-09-30T10:00", field: COMPLAINT[field] + "\x00尾巴"}
    response = post_form(client, "/new/complaint", "/new/complaint", data)
    label = {"content": "投诉内容", "complainant_name": "投诉人姓名"}[field]
    assert response.status_code == 400 and "空字符" in response.text and label in response.text
    assert snapshot() == before


def test_a_nul_byte_in_a_decision_is_refused_before_anything_runs(as_):
    _, item_id = sample_case("W01")
    client, before = as_("S0101"), snapshot()
    response = post_form(client, "/", f"/items/{item_id}/decide", {"approve": "true", "comment": "同意\x00"})
    assert response.status_code == 400 and "空字符" in response.text and snapshot() == before


def test_a_nul_byte_in_the_address_is_refused(as_):
    response = as_("S0102").get("/calendar?month=2026-10%00")
    assert response.status_code == 400 and "空字符" in response.text


def test_an_over_size_body_is_refused_before_its_form_is_read(desk, monkeypatch):
    monkeypatch.setenv("CENTER_WEB_MAX_BODY_MB", "1")
    get_settings.cache_clear()
    client = TestClient(desk_app())
    client.get("/login")
    body = b"csrf_token=x&staff_id=S0102&password=" + b"a" * (2 * 2**20)
    response = client.post("/login", content=body, headers={"content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413 and "过大" in response.text  # not 403: the CSRF check never read it


def test_an_over_size_body_without_a_length_is_refused_too(desk, monkeypatch):
    monkeypatch.setenv("CENTER_WEB_MAX_BODY_MB", "1")
    get_settings.cache_clear()
    client = TestClient(desk_app())
    client.get("/login")

    def chunks():
        for _ in range(3):
            yield b"a" * 2**20

    response = client.post("/login", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413


def test_resending_a_message_is_refused_to_others_naming_the_right_reason(as_):
    response = post_form(as_("S0101"), "/", "/outbox/1/resend", {})
    assert response.status_code == 403 and "重发通知" in response.text and "查看管理总览" not in response.text


def test_the_secure_cookie_flag_and_the_signing_key_come_from_the_settings(desk, monkeypatch):
    monkeypatch.setenv("CENTER_WEB_SECURE_COOKIE", "true")
    monkeypatch.setenv("CENTER_WEB_SECRET", "a-configured-secret-" + "y" * 30)
    get_settings.cache_clear()
    settings = get_settings()
    assert settings.web_secure_cookie is True and settings.web_secret.startswith("a-configured-secret-")
    client = TestClient(create_app(), base_url="https://testserver")
    response = log_in(client, "S0102", PASSWORD)
    assert response.status_code == 303 and "secure" in response.headers["set-cookie"].lower()
    assert not (settings.data_dir / "web-secret.key").exists()  # the configured key, not a generated one


def test_the_cookie_is_not_secure_by_default(desk):
    cookie = log_in(TestClient(create_app()), "S0102", PASSWORD).headers["set-cookie"].lower()
    assert "center_session=" in cookie and "secure" not in cookie


def test_the_login_page_still_works_after_these_checks(desk):
    client = TestClient(desk)
    assert token_of(client.get("/login").text)


def test_a_non_ascii_csrf_token_is_a_refusal_not_a_500(desk):
    client = TestClient(desk, raise_server_exceptions=False)
    client.get("/login")
    response = client.post("/login", data={"staff_id": "S0102", "password": PASSWORD, "csrf_token": "令牌"})
    assert response.status_code == 403 and "表单已失效" in response.text
