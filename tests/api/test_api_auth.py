"""Keys per source system: without a valid key, with a revoked one, over the size limit or outside
its scope, a call is refused and writes nothing; the desk's session cookie is no key."""
from __future__ import annotations

from sqlmodel import select

from api.payloads import BAD_RATING, ORDER, bearer, issue
from models.api.keys import ApiKey, revoke_key, token_digest
from models.core.db import session_scope
from support.snapshot import snapshot
from web.web_desk import client_for, set_passwords

ORDERS = "/api/v1/hotline-orders"


def test_no_key_a_wrong_key_and_a_malformed_header_get_401_and_write_nothing(api, keys):
    before = snapshot()
    answers = [api.post(ORDERS, json=ORDER), api.post(ORDERS, json=ORDER, headers=bearer("ck_" + "x" * 43)),
               api.post(ORDERS, json=ORDER, headers={"Authorization": keys["12345"]}),
               api.post(ORDERS, json=ORDER, headers={"Authorization": f"Basic {keys['12345']}"})]
    assert [a.status_code for a in answers] == [401, 401, 401, 401]
    assert answers[0].headers["WWW-Authenticate"] == "Bearer" and "密钥" in answers[0].json()["detail"]
    assert snapshot() == before


def test_a_revoked_key_gets_401(api, keys):
    with session_scope() as session:
        revoke_key(session=session, name="12345", actor="G001")
    before = snapshot()
    response = api.post(ORDERS, json=ORDER, headers=bearer(keys["12345"]))
    assert response.status_code == 401 and "已撤销" in response.json()["detail"]
    assert snapshot() == before


def test_a_key_outside_its_scope_gets_403(api, keys):
    read_only = issue("12345", name="12345-read", scopes=["complaints:read"])
    before = snapshot()
    assert api.post(ORDERS, json=ORDER, headers=bearer(keys["rating"])).status_code == 403
    assert api.post("/api/v1/ratings", json=BAD_RATING, headers=bearer(keys["12345"])).status_code == 403
    assert api.post(ORDERS, json=ORDER, headers=bearer(read_only)).status_code == 403
    assert snapshot() == before


def test_the_desks_session_cookie_is_not_a_key(keys):
    set_passwords("G001")
    from web.web_desk import desk_app

    desk = client_for(desk_app(), "G001")
    before = snapshot()
    response = desk.post(ORDERS, json=ORDER)
    assert response.status_code == 401
    assert snapshot() == before


def test_an_oversize_body_gets_413_before_it_is_read_and_writes_nothing(api, keys):
    before = snapshot()
    big = {**ORDER, "content": "长" * 40_000}
    declared = api.post(ORDERS, json=big, headers=bearer(keys["12345"]))
    chunked = api.post(ORDERS, content=iter([b'{"ticket_no": "', b"x" * 70_000, b'"}']),
                       headers={**bearer(keys["12345"]), "Content-Type": "application/json"})
    assert (declared.status_code, chunked.status_code) == (413, 413)
    assert "KiB" in declared.json()["detail"]
    assert snapshot() == before


def test_keys_are_stored_as_digests_only(keys):
    with session_scope() as session:
        stored = session.exec(select(ApiKey)).all()
    assert {k.token_hash for k in stored} == {token_digest(t) for t in keys.values()}
    assert not any(t in repr(k) for k in stored for t in keys.values())


def test_a_key_reads_only_its_own_systems_complaints(api, keys):
    ref = api.post(ORDERS, json=ORDER, headers=bearer(keys["12345"])).json()["ref"]
    assert api.get(f"/api/v1/complaints/{ref}", headers=bearer(keys["12345"])).status_code == 200
    assert api.get(f"/api/v1/complaints/{ref}", headers=bearer(keys["rating"])).status_code == 404
    assert api.get("/api/v1/complaints/TS-2026-999999", headers=bearer(keys["12345"])).status_code == 404


def test_the_openapi_document_is_served_in_chinese_and_the_desk_keeps_its_docs_off(api):
    document = api.get("/api/v1/openapi.json").json()
    order = document["components"]["schemas"]["HotlineOrderIn"]["properties"]
    assert order["ticket_no"]["title"] == "工单号" and order["deadline"]["title"] == "办理期限"
    assert set(document["paths"]) == {"/hotline-orders", "/ratings", "/complaints/{ref}", "/clock-records"}
    docs = api.get("/api/v1/docs")
    assert docs.status_code == 200 and "http" not in docs.headers["Content-Security-Policy"]
    assert "/api/v1/docs-assets/swagger-ui-bundle.js" in docs.text and "cdn." not in docs.text
    assert api.get("/api/v1/docs-assets/swagger-ui-bundle.js").status_code == 200  # served here, not from a CDN
    assert api.get("/docs").status_code == 404 and api.get("/openapi.json").status_code == 404


def test_unknown_paths_and_methods_are_answered_in_chinese(api):
    assert api.get("/api/v1/nope").json() == {"detail": "没有这个接口"}
    assert api.get("/api/v1/hotline-orders").status_code == 405
