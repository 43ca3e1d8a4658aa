"""POST /api/v1/hotline-orders: a 12345 order becomes a hotline complaint with the order's own
deadline (投诉处置规定 三(二)2), once, whatever the retries; a changed resubmission is refused."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import func, select

from api.payloads import ORDER, bearer
from models.api.tables import ApiCall, HotlineOrder
from models.core.cases import AuditEvent, Case, WorkItem
from models.complaint.tables import Complaint
from models.core.db import session_scope
from support.snapshot import snapshot


def _post(api, keys, body=None):
    return api.post("/api/v1/hotline-orders", json=body or ORDER, headers=bearer(keys["12345"]))


def test_an_order_opens_a_hotline_complaint_with_its_own_deadline_handed_to_the_window(api, keys):
    response = _post(api, keys)
    assert response.status_code == 201, response.text
    ref = response.json()["ref"]
    with session_scope() as session:
        case, complaint = session.get(Case, ref), session.get(Complaint, ref)
        item = session.exec(select(WorkItem).where(WorkItem.case_ref == ref)).one()
        opened = session.exec(select(AuditEvent).where(AuditEvent.case_ref == ref, AuditEvent.action == "open")).one()
    assert (complaint.channel, complaint.ticket_no, complaint.window_id) == ("hotline", ORDER["ticket_no"], "W01")
    # Received after 17:00 on a Friday: the hotline's own deadline stands, 17:00 of the date given.
    assert case.due_at == datetime(2026, 11, 27, 17, 0)
    assert (item.step, item.assignee_window_id, item.due_at) == ("investigate", "W01", case.due_at)
    assert opened.actor == "12345"  # the key's name is the actor
    assert response.json()["status"] == "investigating"


def test_the_same_order_twice_is_one_complaint_and_the_same_reference_with_200(api, keys):
    first, second = _post(api, keys), _post(api, keys)
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["ref"] == first.json()["ref"] and second.json()["created"] is False
    with session_scope() as session:
        assert session.exec(select(func.count()).select_from(Complaint)).one() == 1
        calls = session.exec(select(ApiCall.key_name, ApiCall.status).order_by(ApiCall.id)).all()
    assert calls == [("12345", 201), ("12345", 200)]


def test_a_conflicting_resubmission_is_refused_with_409_naming_the_fields_and_writes_nothing(api, keys):
    _post(api, keys)
    before = snapshot()
    response = _post(api, keys, {**ORDER, "deadline": "2026-11-30", "content": "另一份内容"})
    assert response.status_code == 409
    assert sorted(response.json()["fields"]) == ["content", "deadline"]
    assert "12345-2026-110001" in response.json()["detail"]
    assert snapshot() == before


def test_the_window_follows_from_the_matter(api, keys, matter):
    body = {k: v for k, v in ORDER.items() if k not in ("window_id", "staff_id")}
    response = _post(api, keys, {**body, "matter_code": matter})
    assert response.status_code == 201, response.text
    with session_scope() as session:
        assert session.get(Complaint, response.json()["ref"]).window_id == "W01"
        assert session.get(HotlineOrder, ORDER["ticket_no"]).matter_code == matter


def test_an_order_received_on_a_day_off_keeps_its_deadline_time(api, keys):
    body = {**ORDER, "received_at": "2026-10-03T11:00:00+08:00", "deadline": "2026-10-12T12:00:00+08:00"}
    response = _post(api, keys, body)
    assert response.status_code == 201, response.text
    with session_scope() as session:
        assert session.get(Case, response.json()["ref"]).due_at == datetime(2026, 10, 12, 12, 0)


def test_bad_input_gets_422_naming_each_field_and_rule_in_chinese_and_writes_nothing(api, keys):
    before = snapshot()
    missing = api.post("/api/v1/hotline-orders", json={"ticket_no": "X1", "extra": 1}, headers=bearer(keys["12345"]))
    assert missing.status_code == 422
    fields = {e["field"]: e["message"] for e in missing.json()["errors"]}
    assert fields["received_at"] == "必填" and fields["deadline"] == "必填" and fields["content"] == "必填"
    assert fields["extra"] == "不是本接口的字段"
    ruled = _post(api, keys, {**ORDER, "category": 1, "deadline": "2026-11-19", "staff_id": "S0201"})
    assert ruled.status_code == 422
    by_field = {e["field"]: e["message"] for e in ruled.json()["errors"]}
    assert set(by_field) == {"category", "deadline", "staff_id"}
    assert "转办期限应晚于收到时间" in by_field["deadline"] and "不在窗口 W01" in by_field["staff_id"]
    unknown = _post(api, keys, {**{k: v for k, v in ORDER.items() if k != "window_id"}, "matter_code": "NOPE"})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "matter_code"
    not_json = api.post("/api/v1/hotline-orders", content=b"{oops", headers={**bearer(keys["12345"]),
                                                                             "Content-Type": "application/json"})
    assert not_json.status_code == 422 and "JSON" in not_json.json()["errors"][0]["message"]
    assert snapshot() == before


def test_an_order_a_clerk_registered_first_is_recognised_not_opened_twice(api, keys):
    from models.core.clock import parse_local
    from tasks.complaint.entry import register_complaint

    typed = {"channel": "hotline", "received_at": parse_local(ORDER["received_at"]), "window_id": "W01",
             "staff_id": "S0102", "category": 3, "content": ORDER["content"], "complainant_name": ORDER["citizen_name"],
             "complainant_contact": ORDER["citizen_contact"], "ticket_no": ORDER["ticket_no"],
             "external_due_at": parse_local(ORDER["deadline"])}
    ref, _ = register_complaint(intake=typed, actor="G001", now=datetime(2026, 11, 21, 9))
    changed = _post(api, keys, {**ORDER, "category": 4})
    assert changed.status_code == 409 and changed.json()["fields"] == ["category"]
    same = _post(api, keys)
    assert (same.status_code, same.json()["ref"], same.json()["created"]) == (200, ref, False)
    with session_scope() as session:
        assert session.get(HotlineOrder, ORDER["ticket_no"]).case_ref == ref
        assert session.exec(select(func.count()).select_from(Complaint)).one() == 1
