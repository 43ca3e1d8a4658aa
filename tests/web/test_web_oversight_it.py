"""IT设备 on the desk: a window head's request, the IT section's decision with IP/gateway/mask on the
case page (`center it decide`), the configuration registered and listed; a violation recorded and
confirmed by the management section (`center it review --confirm`); refusals and bad input write nothing."""
from __future__ import annotations

import re

import pytest
from sqlmodel import select

from models.core.cases import WorkItem
from models.core.db import session_scope
from models.it_access.tables import AllowedConfig
from models.core.ledger import LedgerEntry
from support.snapshot import snapshot
from web.web_desk import post_form, set_passwords, token_of

pytestmark = pytest.mark.usefixtures("prefect_api")
REQUEST = {"window_id": "W02", "kind": "lan", "device": "企业登记专网交换机", "purpose": "市场监管业务专网"}


@pytest.fixture
def it_section(as_):
    set_passwords("I001")
    return as_("I001")


def _ref(response) -> str:
    assert response.status_code == 303, response.text
    return response.headers["location"].removeprefix("/cases/")


def _item(ref: str) -> int:
    with session_scope() as session:
        return session.exec(select(WorkItem.id).where(WorkItem.case_ref == ref)).one()


def test_the_head_requests_and_the_it_section_approves_with_the_configuration(as_, it_section):
    ref = _ref(post_form(as_("S0201"), "/it/request", "/it/request", REQUEST))
    item = _item(ref)
    page = it_section.get(f"/cases/{ref}").text
    assert 'name="ip_address"' in page and 'name="netmask"' in page and "企业登记专网交换机" in page
    decided = post_form(it_section, f"/cases/{ref}", f"/items/{item}/decide", {
        "approve": "true", "ip_address": "10.30.0.2", "gateway": "10.30.0.1", "netmask": "255.255.255.0"})
    assert decided.status_code == 303
    with session_scope() as session:
        assert session.exec(select(AllowedConfig.ip_address)).all() == ["10.30.0.2"]
    assert "IP 10.30.0.2，网关 10.30.0.1" in as_("S0201").get(f"/cases/{ref}").text
    listed = as_("S0201").get("/it/configs").text
    assert "10.30.0.2" in listed and "企业登记专网交换机" in listed
    assert "10.30.0.2" not in as_("S0101").get("/it/configs").text  # another window's configuration


def test_a_gateway_outside_the_network_is_shown_next_to_the_gateway_and_nothing_is_written(as_, it_section):
    ref = _ref(post_form(as_("S0201"), "/it/request", "/it/request", REQUEST))
    before = snapshot()
    response = post_form(it_section, f"/cases/{ref}", f"/items/{_item(ref)}/decide", {
        "approve": "true", "ip_address": "10.30.0.2", "gateway": "10.40.0.1", "netmask": "255.255.255.0"})
    assert response.status_code == 400 and snapshot() == before
    assert re.search(r'id="f-gateway".*?<div class="error">网关 10.40.0.1 不在网段', response.text, re.S)


def test_only_the_windows_head_may_request_and_nothing_is_written(as_):
    staff, other_head = as_("S0102"), as_("S0101")
    assert staff.get("/it/request").status_code == 403
    before = snapshot()
    token = token_of(staff.get("/").text)
    assert staff.post("/it/request", data={**REQUEST, "window_id": "W01", "csrf_token": token},
                      follow_redirects=False).status_code == 403
    foreign = post_form(other_head, "/it/request", "/it/request", REQUEST)  # W01's head for W02
    assert foreign.status_code == 403 and "只有企业登记窗口的窗口负责人可以代表窗口申请" in foreign.text
    assert snapshot() == before


def test_a_request_without_device_is_shown_next_to_the_field(as_):
    before = snapshot()
    response = post_form(as_("S0201"), "/it/request", "/it/request", {**REQUEST, "device": ""})
    assert response.status_code == 400 and snapshot() == before
    assert re.search(r'id="f-device".*?<div class="error">', response.text, re.S)


def test_a_violation_recorded_by_the_it_section_is_confirmed_by_the_management_section(as_, it_section):
    ref = _ref(post_form(it_section, "/it/violation", "/it/violation", {
        "window_id": "W01", "staff_id": "S0103", "kind": "unauthorised_software", "observed_on": "2026-10-12",
        "description": "安装了未经授权的下载工具"}))
    item = _item(ref)
    assert f'action="/items/{item}/decide"' not in it_section.get(f"/cases/{ref}").text
    assert "安装了未经授权的下载工具" in as_("S0101").get(f"/cases/{ref}").text
    confirmed = post_form(as_("G001"), f"/cases/{ref}", f"/items/{item}/decide", {"approve": "true"})
    assert confirmed.status_code == 303
    with session_scope() as session:
        assert session.exec(select(LedgerEntry.subject_id).where(LedgerEntry.case_ref == ref)).all() == ["S0103"]


def test_a_window_head_may_not_record_a_violation_and_bad_input_is_refused(as_, it_section):
    assert as_("S0101").get("/it/violation").status_code == 403
    before = snapshot()
    response = post_form(it_section, "/it/violation", "/it/violation", {
        "window_id": "W01", "staff_id": "S0201", "kind": "shared_account", "observed_on": "2099-01-01",
        "description": "共用帐号"})
    assert response.status_code == 400 and snapshot() == before
    assert re.search(r'id="f-staff_id".*?<div class="error">S0201 不是社保综合窗口的工作人员', response.text, re.S)
    assert re.search(r'id="f-observed_on".*?<div class="error">2099-01-01 晚于今天', response.text, re.S)
