"""A service case's steps on the desk, through the procedure's flows: the materials check issuing one
written notice with every missing item, the return visit checking only those, completion, and an
extension told to the applicant — refusals shown next to their fields and writing nothing."""
from __future__ import annotations

import re

import pytest
from sqlmodel import select

from models.core.cases import Case, WorkItem
from models.core.db import session_scope
from models.service_case.tables import OneTimeNotice
from support.matters import sample, through
from support.snapshot import snapshot
from tasks.core.delivery import deliver_due
from web.web_desk import PEOPLE, client_for, desk_app, post_form, set_passwords

PHONE, EMAIL = "13912340099", "liming@example.com"


@pytest.fixture
def as_(org):
    set_passwords(*PEOPLE)
    through(sample())
    app = desk_app()
    return lambda staff_id: client_for(app, staff_id)


def _case(client) -> str:
    response = post_form(client, "/new/service", "/new/service", {
        "matter_code": "QP-RSJ-001", "applicant": "李明", "phone": PHONE, "email": EMAIL, "channel": "window"})
    return response.headers["location"].split("/")[2]


def _check(client, ref: str, ticks: dict, **extra):
    return post_form(client, f"/cases/{ref}/service/materials", f"/cases/{ref}/service/materials",
                     {**ticks, **extra})


def _accepted(as_) -> tuple[str, object]:
    client = as_("S0102")
    ref = _case(client)
    _check(client, ref, {"m-0": "have", "m-1": "have", "m-2": "have"})
    return ref, client


def test_two_missing_materials_give_one_notice_listing_both_archived_with_the_case(as_, channels):
    _, sms_sink = channels
    earlier = len(sms_sink.to(PHONE))  # the sink serves the whole session
    client = as_("S0102")
    ref = _case(client)
    response = _check(client, ref, {"m-0": "have", "m-1": "missing", "m-2": "missing"}, sent="true")
    html = client.get(f"/cases/{ref}").text
    with session_scope() as session:
        [notice] = session.exec(select(OneTimeNotice).where(OneTimeNotice.case_ref == ref)).all()
    assert response.status_code == 303 and notice.items == ["失业登记申请表", "解除或终止劳动合同证明"]
    assert "一次性告知书（第1份）" in html and "待补正材料</dt><dd>失业登记申请表、解除或终止劳动合同证明" in html
    deliver_due()
    [text] = [m["message"] for m in sms_sink.to(PHONE)[earlier:]]
    assert "需补正2项材料：失业登记申请表、解除或终止劳动合同证明" in text


def test_the_return_visit_checks_only_the_items_of_the_notice_and_accepts(as_):
    client = as_("S0102")
    ref = _case(client)
    _check(client, ref, {"m-0": "have", "m-1": "missing", "m-2": "missing"})
    colleague = as_("S0103")
    page = colleague.get(f"/cases/{ref}/service/materials").text
    _check(colleague, ref, {"m-0": "have", "m-1": "have"})
    with session_scope() as session:
        case = session.get(Case, ref)
    assert "居民身份证" not in page and "只核验一次性告知书所列材料" in page
    assert case.status == "accepted" and case.due_at is not None


def test_an_unchecked_material_is_named_next_to_the_materials_and_nothing_is_written(as_):
    client = as_("S0102")
    ref = _case(client)
    before = snapshot()
    response = _check(client, ref, {"m-0": "have", "m-1": "missing"})
    shown = re.search(r'<div class="error">([^<]*)</div>', response.text)
    assert response.status_code == 400 and "未核验：解除或终止劳动合同证明" in shown.group(1) and snapshot() == before


def test_staff_of_another_window_may_not_check_the_materials_and_nothing_is_written(as_):
    ref = _case(as_("S0102"))
    before = snapshot()
    response = post_form(as_("S0201"), "/", f"/cases/{ref}/service/materials",
                         {"m-0": "have", "m-1": "have", "m-2": "have"})
    assert response.status_code == 403 and snapshot() == before


def test_the_owners_completion_step_opens_the_completion_page(as_):
    ref, client = _accepted(as_)
    html = client.get(f"/cases/{ref}").text
    with session_scope() as session:
        item_id = session.exec(select(WorkItem.id).where(WorkItem.case_ref == ref, WorkItem.step == "complete")).one()
    assert f'href="/cases/{ref}/service/complete"' in html and f"/items/{item_id}/decide" not in html


def test_completion_closes_the_case_and_its_work_item(as_):
    ref, client = _accepted(as_)
    post_form(client, f"/cases/{ref}/service/complete", f"/cases/{ref}/service/complete", {})
    with session_scope() as session:
        item = session.exec(select(WorkItem).where(WorkItem.case_ref == ref, WorkItem.step == "complete")).one()
        assert (session.get(Case, ref).status, item.status) == ("completed", "cancelled")
    assert "已办结" in client.get(f"/cases/{ref}").text


def test_an_extension_without_reason_or_consent_names_both_fields_and_writes_nothing(as_):
    ref, client = _accepted(as_)
    before = snapshot()
    response = post_form(client, f"/cases/{ref}/service/extend", f"/cases/{ref}/service/extend",
                         {"days": "2", "reason": ""})
    invalid = re.findall(r'<div class="field invalid">\s*<label[^>]*>(?:<input type="checkbox" name="(\w+)")?',
                         response.text)
    assert response.status_code == 400 and "延期办结须写明理由" in response.text and "取得其同意" in response.text
    assert re.search(r'invalid">\s*<label class="title" for="f-reason"', response.text) and "consent" in invalid
    assert snapshot() == before


def test_an_extension_with_consent_tells_the_applicant_the_reason_and_new_time(as_, channels):
    smtp, sms_sink = channels
    earlier_sms, earlier_mail = len(sms_sink.to(PHONE)), len(smtp.to(EMAIL))  # the servers serve the whole session
    ref, client = _accepted(as_)
    with session_scope() as session:
        old_due = session.get(Case, ref).due_at
    response = post_form(client, f"/cases/{ref}/service/extend", f"/cases/{ref}/service/extend",
                         {"days": "2", "reason": "需赴现场核查", "consent": "true"})
    deliver_due()
    with session_scope() as session:
        new_due = session.get(Case, ref).due_at
    assert response.status_code == 303 and new_due > old_due
    [text] = [m["message"] for m in sms_sink.to(PHONE)[earlier_sms:]]
    [mail] = smtp.to(EMAIL)[earlier_mail:]
    assert "需赴现场核查" in text and f"{new_due:%Y-%m-%d %H:%M}" in text and ref in text
    assert "需赴现场核查" in smtp.text(mail) and f"{new_due:%Y-%m-%d %H:%M}" in smtp.text(mail)
