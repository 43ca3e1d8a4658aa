"""The web desk's actions that run flows: deciding a step, the leave application form, complaint
intake, extension and answer — through the procedures' own flows, against a real Prefect API."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlmodel import select

from models.core.calendar import load_calendar
from models.core.cases import Case, WorkItem
from models.core.clock import local_now
from models.core.db import session_scope
from models.core.outbox import OutboxMessage
from support.snapshot import snapshot
from web.web_desk import PEOPLE, client_for, desk_app, post_form, sample_case, set_passwords

ISSUE_28_DEFECTS = (13,)  # counted in the reliability summary when these tests pass


@pytest.fixture
def as_(org):
    set_passwords(*PEOPLE)
    app = desk_app()
    return lambda staff_id: client_for(app, staff_id)


def _working_days_ahead(n: int):
    with session_scope() as session:
        calendar = load_calendar(session=session)
    return calendar.add_working_days(local_now().date(), n)


def _leave_form(start, end, **extra) -> dict:
    return {"staff_id": "S0102", "kind": "sick", "start_day": start.isoformat(), "start_half": "am",
            "end_day": end.isoformat(), "end_half": "pm", "reason": "发烧就医", **extra}


def test_deciding_on_the_case_page_advances_the_case(as_):
    ref, item_id = sample_case("W01")
    client = as_("S0101")
    response = post_form(client, f"/cases/{ref}", f"/items/{item_id}/decide", {"approve": "true", "comment": "同意"})
    assert response.headers["location"] == f"/cases/{ref}" and "案件状态：已批准" in client.get(f"/cases/{ref}").text


def test_a_leave_application_opens_a_case_for_the_window_heads_signature(as_):
    start = _working_days_ahead(5)
    response = post_form(as_("S0102"), "/new/leave", "/new/leave", _leave_form(start, start + timedelta(days=1)),
                         files=[("hospital_proofs", ("诊断证明.pdf", b"%PDF-1.4 proof"))])
    ref = response.headers["location"].removeprefix("/cases/")
    head_work = as_("S0101").get("/").text
    assert ref.startswith("QJ-") and f"/cases/{ref}" in head_work and "审核签字" in head_work


def test_after_the_management_sections_approval_the_applicant_sees_approved(as_):
    start = _working_days_ahead(5)
    applicant = as_("S0102")
    response = post_form(applicant, "/new/leave", "/new/leave", _leave_form(start, start + timedelta(days=1)),
                         files=[("hospital_proofs", ("诊断证明.pdf", b"%PDF-1.4 proof"))])
    ref = response.headers["location"].removeprefix("/cases/")
    for staff_id, step in (("S0101", "head_review"), ("G001", "management_review")):
        with session_scope() as session:
            item_id = session.exec(select(WorkItem.id).where(WorkItem.case_ref == ref, WorkItem.step == step)).one()
        post_form(as_(staff_id), f"/cases/{ref}", f"/items/{item_id}/decide", {"approve": "true", "comment": "同意"})
    case_page, my_work = applicant.get(f"/cases/{ref}").text, applicant.get("/").text
    assert '<span class="badge status">已批准（待登记考勤）</span>' in case_page
    assert '<span class="badge status">已批准（待登记考勤）</span>' in my_work


def test_leave_rule_errors_are_shown_next_to_their_fields_all_at_once_and_nothing_is_written(as_):
    start = _working_days_ahead(5)
    client = as_("S0102")
    before = snapshot()
    form = _leave_form(start, start + timedelta(days=1), reason="", cover_name="李四")
    response = post_form(client, "/new/leave", "/new/leave", form)
    fields = re.findall(r'<div class="field invalid">\s*<label class="title" for="f-(\w+)"', response.text)
    assert response.status_code == 400 and {"reason", "cover_name"} <= set(fields)
    assert snapshot() == before


def _complaint(as_) -> str:
    received = local_now() - timedelta(minutes=5)
    response = post_form(as_("G001"), "/new/complaint", "/new/complaint", {
        "channel": "phone", "received_at": received.strftime("%Y-%m-%dT%H:%M"), "window_id": "W01",
        "staff_id": "S0103", "category": "3", "content": "办事时态度生硬", "complainant_name": "陈小明",
        "complainant_contact": "13912345678"})
    assert response.status_code == 303, response.text
    return response.headers["location"].removeprefix("/cases/")


def test_a_complaint_entered_on_the_desk_goes_to_the_windows_head(as_):
    ref = _complaint(as_)
    assert f"/cases/{ref}" in as_("S0101").get("/").text


def test_the_complainants_contact_is_shown_only_to_the_handler(as_):
    ref = _complaint(as_)
    handler, overseer = as_("S0101").get(f"/cases/{ref}").text, as_("G002").get(f"/cases/{ref}").text
    assert "13912345678" in handler and "13912345678" not in overseer and "139****5678" in overseer


def test_an_extension_sends_the_explanation_to_the_complainant(as_):
    ref = _complaint(as_)
    client = as_("S0101")
    response = post_form(client, f"/cases/{ref}/extend", f"/cases/{ref}/extend", {"reason": "需调取监控核实"})
    with session_scope() as session:
        sent = session.exec(select(OutboxMessage).where(OutboxMessage.case_ref == ref,
                                                        OutboxMessage.address == "13912345678")).all()
    assert response.status_code == 303 and any("需调取监控核实" in m.body for m in sent)


def test_the_extension_is_offered_only_where_it_can_succeed(as_):
    """Issue 28 defect 13 (投诉处置规定 三(二)1–3): a bad rating follows the 12345 limit and cannot be extended,
    and a complaint extended once cannot be again — neither page offers 延期, which the form would refuse."""
    received = local_now() - timedelta(minutes=5)
    rating = post_form(as_("G001"), "/new/complaint", "/new/complaint", {
        "channel": "rating", "received_at": received.strftime("%Y-%m-%dT%H:%M"), "window_id": "W01",
        "staff_id": "S0103", "category": "1", "content": "1星：等候太久", "rating_id": "HCP-2026-0001", "stars": "1",
        "complainant_name": "陈小明", "complainant_contact": "13912345678"})
    assert rating.status_code == 303, rating.text
    rating_ref = rating.headers["location"].removeprefix("/cases/")
    phone_ref = _complaint(as_)
    management = as_("G001")
    assert f'/cases/{phone_ref}/extend"' in management.get(f"/cases/{phone_ref}").text
    assert "/extend" not in management.get(f"/cases/{rating_ref}").text
    post_form(management, f"/cases/{phone_ref}/extend", f"/cases/{phone_ref}/extend", {"reason": "需调取监控核实"})
    assert "/extend" not in management.get(f"/cases/{phone_ref}").text


def test_an_extension_without_a_reason_is_refused_next_to_the_field(as_):
    ref = _complaint(as_)
    before = snapshot()
    response = post_form(as_("S0101"), f"/cases/{ref}/extend", f"/cases/{ref}/extend", {"reason": ""})
    assert response.status_code == 400 and '<div class="field invalid">' in response.text and snapshot() == before


def test_the_windows_answer_closes_a_phone_complaint(as_):
    ref = _complaint(as_)
    with session_scope() as session:
        item_id = session.exec(select(WorkItem.id).where(WorkItem.case_ref == ref, WorkItem.status == "open")).one()
    client = as_("S0101")
    post_form(client, f"/cases/{ref}", f"/items/{item_id}/decide",
              {"findings": "经核实，态度生硬属实", "verdict": "substantiated", "reply": "已批评教育，向您致歉"})
    with session_scope() as session:
        assert session.get(Case, ref).status == "closed"


def _leave_without_proof(as_) -> tuple[str, object]:
    start = _working_days_ahead(5)
    client = as_("S0102")
    response = post_form(client, "/new/leave", "/new/leave", _leave_form(start, start + timedelta(days=1)))
    return response.headers["location"].removeprefix("/cases/"), client


def test_missing_proofs_are_handed_in_as_files_not_just_confirmed(as_):
    ref, client = _leave_without_proof(as_)
    with session_scope() as session:
        item_id = session.exec(select(WorkItem.id).where(WorkItem.case_ref == ref, WorkItem.step == "materials")).one()
    html = client.get(f"/cases/{ref}").text
    refused = post_form(client, f"/cases/{ref}", f"/items/{item_id}/decide", {"comment": "已交"})
    assert f'href="/cases/{ref}/proofs"' in html and f"/items/{item_id}/decide" not in html
    assert refused.status_code == 400 and "补交证明" in refused.text


def test_uploading_the_hospital_proof_completes_the_materials_step(as_):
    ref, client = _leave_without_proof(as_)
    post_form(client, f"/cases/{ref}/proofs", f"/cases/{ref}/proofs", {"hospital": "true"},
              files=[("files", ("诊断证明.pdf", b"%PDF-1.4 proof"))])
    with session_scope() as session:
        item = session.exec(select(WorkItem).where(WorkItem.case_ref == ref, WorkItem.step == "materials")).one()
    assert item.status == "done" and "材料已齐全" in client.get(f"/cases/{ref}").text


def test_the_applicant_withdraws_a_leave_application(as_):
    ref, client = _leave_without_proof(as_)
    post_form(client, f"/cases/{ref}/withdraw", f"/cases/{ref}/withdraw", {"comment": "病已好转"})
    with session_scope() as session:
        assert session.get(Case, ref).status == "withdrawn"


def test_a_colleague_may_not_withdraw_someone_elses_leave(as_):
    ref, _ = _leave_without_proof(as_)
    before = snapshot()
    response = post_form(as_("S0101"), f"/cases/{ref}", f"/cases/{ref}/withdraw", {"comment": "x"})
    assert response.status_code == 403 and snapshot() == before
