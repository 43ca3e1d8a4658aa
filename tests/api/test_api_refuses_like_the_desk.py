"""Issue 26: the API refuses what the desk refuses, on SQLite and PostgreSQL alike — dates outside the
working-day calendar (defect 2), numbers that differ only in width or spaces (5), NUL bytes (6), read
access by the key's own system (14), the same deadline written two ways and unreadable bodies (15),
over-long references (16). A refusal writes nothing."""
from __future__ import annotations

import pytest
from sqlmodel import func, select

from api.payloads import GOOD_RATING, ORDER, bearer, issue
from models.api.tables import HotlineOrder, SourceRating
from models.core.db import session_scope
from support.snapshot import snapshot

ISSUE_26_DEFECTS = (2, 5, 6, 14, 15, 16)  # counted in the reliability summary when these tests pass


@pytest.fixture
def db(any_db):
    """Every test of this module on both stores (the sample organisation is imported into it)."""
    return any_db


def _order(api, keys, body, key="12345"):
    return api.post("/api/v1/hotline-orders", json=body, headers=bearer(keys[key]))


def _fields(response) -> list[str]:
    return [e["field"] for e in response.json()["errors"]]


@pytest.mark.parametrize("changes, field", [
    ({"ticket_no": "OLD-1", "received_at": "1999-01-01T10:00:00+08:00", "deadline": "1999-02-01"}, "received_at"),
    ({"deadline": "9999-12-31"}, "deadline"),
    ({"received_at": "0001-01-01T00:00:00"}, "received_at"),
    ({"received_at": "2099-11-20T18:30:00+08:00", "deadline": "2099-11-27"}, "received_at"),
    ({"deadline": "2026-11-19"}, "deadline"),
], ids=["1999", "deadline-9999", "received-0001", "received-2099", "deadline-before-received"])
def test_a_date_the_desk_refuses_is_refused_with_422_naming_the_field_and_nothing_written(api, keys, changes, field):
    before = snapshot()
    response = _order(api, keys, {**ORDER, **changes})
    assert response.status_code == 422, response.text
    assert field in _fields(response)
    assert snapshot() == before


def test_a_rating_dated_1999_is_refused_with_422_naming_rated_at(api, keys):
    before = snapshot()
    for stars in (1, 5):
        body = {**GOOD_RATING, "stars": stars, "rated_at": "1999-01-01T10:00:00+08:00", "comment": "差"}
        response = api.post("/api/v1/ratings", json=body, headers=bearer(keys["rating"]))
        assert (response.status_code, _fields(response)) == (422, ["rated_at"]), response.text
        assert "超出工作日历范围" in response.json()["errors"][0]["message"]
    assert snapshot() == before


@pytest.mark.parametrize("first, again", [("12345-A  1", "12345-A 1"), ("T-100", "Ｔ－１００")], ids=["spaces", "width"])
def test_ticket_numbers_differing_only_in_width_or_spaces_are_one_order(api, keys, first, again):
    created = _order(api, keys, {**ORDER, "ticket_no": first})
    repeated = _order(api, keys, {**ORDER, "ticket_no": again})
    assert (created.status_code, repeated.status_code) == (201, 200), repeated.text
    assert repeated.json()["ref"] == created.json()["ref"]
    with session_scope() as session:
        assert session.exec(select(func.count()).select_from(HotlineOrder)).one() == 1


@pytest.mark.parametrize("stars", [1, 5])
def test_rating_ids_differing_only_in_width_are_one_rating(api, keys, stars):
    body = {**GOOD_RATING, "stars": stars, "comment": "态度差" if stars == 1 else "好", "contact": ""}
    created = api.post("/api/v1/ratings", json={**body, "rating_id": "R-1"}, headers=bearer(keys["rating"]))
    repeated = api.post("/api/v1/ratings", json={**body, "rating_id": "Ｒ－１"}, headers=bearer(keys["rating"]))
    assert (created.status_code, repeated.status_code) == (201, 200), repeated.text
    assert repeated.json()["ref"] == created.json()["ref"]
    with session_scope() as session:
        assert session.exec(select(func.count()).select_from(SourceRating)).one() == 1


@pytest.mark.parametrize("field", ["content", "ticket_no", "citizen_name"])
def test_a_nul_in_an_order_is_refused_with_422_naming_the_field(api, keys, field):
    before = snapshot()
    response = _order(api, keys, {**ORDER, field: ORDER[field] + "\x00x"})
    assert (response.status_code, _fields(response)) == (422, [field]), response.text
    assert "空字符" in response.json()["errors"][0]["message"]
    assert snapshot() == before


def test_a_nul_in_a_five_star_comment_is_refused_with_422_naming_it(api, keys):
    before = snapshot()
    response = api.post("/api/v1/ratings", json={**GOOD_RATING, "comment": "很好\x00"}, headers=bearer(keys["rating"]))
    assert (response.status_code, _fields(response)) == (422, ["comment"]), response.text
    assert snapshot() == before


def test_a_nul_or_an_over_long_reference_when_reading_a_result_is_refused_before_the_store(api, keys):
    ref = _order(api, keys, ORDER).json()["ref"]
    read = bearer(keys["12345"])
    assert api.get(f"/api/v1/complaints/{ref}", headers=read).status_code == 200
    nul = api.get("/api/v1/complaints/PG%00", headers=read)
    assert (nul.status_code, _fields(nul)) == (422, ["ref"]), nul.text
    # Cut to 40 characters, a long reference used to name the case it begins with.
    longer = api.get(f"/api/v1/complaints/{ref}{'9' * (41 - len(ref))}", headers=read)
    assert longer.status_code == 404 and "找不到" in longer.json()["detail"]


def test_a_result_is_read_by_the_system_of_the_key_that_posted_it(api, keys):
    rating_posting_orders = issue("rating", name="rating-orders", scopes=["hotline-orders", "complaints:read"])
    ref = api.post("/api/v1/hotline-orders", json=ORDER, headers=bearer(rating_posting_orders)).json()["ref"]
    assert api.get(f"/api/v1/complaints/{ref}", headers=bearer(rating_posting_orders)).status_code == 200
    assert api.get(f"/api/v1/complaints/{ref}", headers=bearer(keys["12345"])).status_code == 404


def test_a_deadline_given_as_the_day_or_as_that_days_close_is_the_same_order(api, keys):
    created = _order(api, keys, ORDER)  # "deadline": "2026-11-27" → 17:00 that day
    repeated = _order(api, keys, {**ORDER, "deadline": "2026-11-27T17:00:00+08:00"})
    assert (created.status_code, repeated.status_code) == (201, 200), repeated.text
    assert repeated.json()["ref"] == created.json()["ref"]


def test_json_nested_too_deep_to_read_is_refused_with_the_documented_422_in_chinese(api, keys):
    before = snapshot()
    body = '{"content": ' + "[" * 20_000 + "]" * 20_000 + "}"
    response = api.post("/api/v1/hotline-orders", content=body.encode(),
                        headers={**bearer(keys["12345"]), "Content-Type": "application/json"})
    assert response.status_code == 422, response.text
    assert response.json()["errors"] == [{"field": "body", "rule": "json_invalid", "message": "请求体不是有效的 JSON"}]
    assert snapshot() == before
