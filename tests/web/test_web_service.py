"""窗口接件 on the desk: the intake form, the first-inquiry owner, the referral, the intake's errors next to
their fields all at once, and who may see and act on a service case (the window's staff only)."""
from __future__ import annotations

import re

import pytest

from models.core.cases import Case
from models.core.db import session_scope
from models.service_case.tables import ServiceCase
from support.matters import sample, through
from support.snapshot import snapshot
from web.web_desk import post_form

INTAKE = {"matter_code": "QP-RSJ-001", "applicant": "李明", "phone": "13912340099", "email": "liming@example.com",
          "channel": "window"}


@pytest.fixture
def matter():
    through(sample())


def _intake(client, **changes):
    return post_form(client, "/new/service", "/new/service", {**INTAKE, **changes})


def _invalid_fields(html: str) -> set[str]:
    return set(re.findall(r'<div class="field invalid">\s*<label class="title" for="f-([\w-]+)"', html))


def test_the_new_page_offers_the_intake_to_window_staff_only(as_):
    assert "/new/service" in as_("S0103").get("/new").text and "/new/service" not in as_("G001").get("/new").text


def test_the_intake_form_lists_the_matters_in_service_in_chinese(as_, matter):
    html = as_("S0102").get("/new/service").text
    assert '<option value="QP-RSJ-001"' in html and "失业登记（社保综合窗口）" in html and "首问责任人" in html


def test_the_intake_records_me_as_the_first_inquiry_owner_and_goes_to_the_materials_check(as_, matter):
    response = _intake(as_("S0102"))
    ref = response.headers["location"].removeprefix("/cases/").removesuffix("/service/materials")
    with session_scope() as session:
        record = session.get(ServiceCase, ref)
        assert (record.owner_id, record.email, session.get(Case, ref).status) == ("S0102", INTAKE["email"],
                                                                                  "received")
    assert response.headers["location"] == f"/cases/{ref}/service/materials"


def test_a_matter_of_another_window_is_referred_with_where_to_go(as_, matter):
    client = as_("S0201")
    ref = _intake(client).headers["location"].removeprefix("/cases/")
    html = client.get(f"/cases/{ref}").text
    assert "已转办" in html and "区人力资源和社会保障局社保综合窗口，联系电话 021-59730101" in html and "13900000001" not in html


def test_intake_errors_are_shown_next_to_their_fields_all_at_once_and_nothing_is_written(as_, matter):
    client = as_("S0102")
    before = snapshot()
    response = _intake(client, applicant="", phone="5970", email="liming-at-example")
    assert response.status_code == 400 and _invalid_fields(response.text) == {"applicant", "phone", "email"}
    assert "应为11位手机号码" in response.text and "电子邮箱格式不正确" in response.text and snapshot() == before


def test_a_matter_not_in_service_is_shown_next_to_the_matter_and_nothing_is_written(as_, matter):
    before = snapshot()
    response = _intake(as_("S0102"), matter_code="QP-XXX-404")
    assert response.status_code == 400 and _invalid_fields(response.text) == {"matter_code"} and snapshot() == before


def test_a_section_without_a_window_may_not_take_a_request_and_nothing_is_written(as_, matter):
    before = snapshot()
    response = _intake(as_("G001"))
    assert response.status_code == 403 and "只有窗口工作人员可以办理窗口办件" in response.text and snapshot() == before


def _case(as_) -> str:
    return _intake(as_("S0102")).headers["location"].split("/")[2]


def test_a_colleague_of_the_window_sees_the_case_and_may_check_the_materials(as_, matter):
    ref = _case(as_)
    html = as_("S0103").get(f"/cases/{ref}").text
    assert f'href="/cases/{ref}/service/materials"' in html and "13912340099" in html


def test_another_windows_head_may_neither_see_the_case_nor_open_its_check(as_, matter):
    ref = _case(as_)
    client = as_("S0201")
    assert client.get(f"/cases/{ref}").status_code == 403
    assert client.get(f"/cases/{ref}/service/materials").status_code == 403


def test_the_management_section_sees_the_applicants_number_masked_and_no_action(as_, matter):
    ref = _case(as_)
    html = as_("G001").get(f"/cases/{ref}").text
    assert "139****0099" in html and "13912340099" not in html and "/service/materials" not in html


def test_the_first_check_offers_every_material_of_the_guide(as_, matter):
    ref = _case(as_)
    html = as_("S0102").get(f"/cases/{ref}/service/materials").text
    assert all(m in html for m in ("居民身份证", "失业登记申请表", "解除或终止劳动合同证明", "加盖原单位公章"))
    assert 'name="m-2" value="missing"' in html and 'name="sent"' in html
