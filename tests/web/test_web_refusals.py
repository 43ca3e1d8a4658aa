"""Refused actions write nothing (the whole case store is compared before and after)."""
from __future__ import annotations

from sqlmodel import select

from models.core.db import session_scope
from models.core.outbox import Channel, OutboxMessage, OutboxStatus, enqueue
from support.snapshot import snapshot
from web.web_desk import post_form, sample_case, token_of


def test_deciding_another_windows_item_is_refused_and_writes_nothing(as_):
    ref, item_id = sample_case("W01")
    client = as_("S0201")
    before = snapshot()
    response = post_form(client, "/", f"/items/{item_id}/decide", {"approve": "true"})
    assert response.status_code == 403 and snapshot() == before


def test_the_applicant_may_not_decide_their_own_item(as_):
    ref, item_id = sample_case("W01", opened_by="S0102")
    client = as_("S0102")
    before = snapshot()
    response = post_form(client, f"/cases/{ref}", f"/items/{item_id}/decide", {"approve": "true"})
    assert response.status_code == 403 and "无权" in response.text and snapshot() == before


def test_a_refusal_without_a_reason_is_shown_next_to_the_form_and_writes_nothing(as_):
    ref, item_id = sample_case("W01")
    client = as_("S0101")
    before = snapshot()
    response = post_form(client, f"/cases/{ref}", f"/items/{item_id}/decide", {"approve": "false"})
    assert response.status_code == 400 and "不同意时必须填写理由" in response.text and snapshot() == before


def test_a_decision_without_its_required_choice_names_the_field(as_):
    ref, item_id = sample_case("W01")
    response = post_form(as_("S0101"), f"/cases/{ref}", f"/items/{item_id}/decide", {"comment": "好"})
    assert response.status_code == 400 and '<div class="field invalid">' in response.text and "必填" in response.text


def test_a_decision_without_the_csrf_token_writes_nothing(as_):
    ref, item_id = sample_case("W01")
    client = as_("S0101")
    before = snapshot()
    response = client.post(f"/items/{item_id}/decide", data={"approve": "true"})
    assert response.status_code == 403 and snapshot() == before


def test_a_logged_out_post_goes_to_the_login_page_and_writes_nothing(desk):
    from fastapi.testclient import TestClient

    _, item_id = sample_case("W01")
    client = TestClient(desk)
    token = token_of(client.get("/login").text)
    before = snapshot()
    response = client.post(f"/items/{item_id}/decide", data={"approve": "true", "csrf_token": token},
                           follow_redirects=False)
    assert response.headers["location"] == "/login?next=/" and snapshot() == before


def test_only_the_management_section_may_resend_a_message(as_):
    with session_scope() as session:
        enqueue(session=session, key="m1", channel=Channel.email, address="a@example.gov.cn", title="t", body="b")
        message = session.exec(select(OutboxMessage)).one()
        message.status = OutboxStatus.failed
    before = snapshot()
    response = post_form(as_("S0101"), "/", f"/outbox/{message.id}/resend", {})
    assert response.status_code == 403 and snapshot() == before


def test_only_the_management_section_may_import_the_calendar(as_):
    before = snapshot()
    response = post_form(as_("S0101"), "/calendar", "/calendar/import", {},
                         files={"file": ("2027.yaml", b"days_off:\n  - {day: 2027-01-01}\n")})
    assert response.status_code == 403 and snapshot() == before
