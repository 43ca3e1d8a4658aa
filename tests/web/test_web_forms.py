"""The new-case forms: Chinese labels, date pickers, half-day choices, and who is offered which."""
from __future__ import annotations

import pytest


def test_the_leave_form_has_date_pickers_and_half_day_choices(as_):
    html = as_("S0102").get("/new/leave").text
    assert 'type="date" id="f-start_day"' in html and 'name="start_half" value="pm"' in html and "病假" in html


def test_every_field_of_the_application_is_on_the_leave_form(as_):
    from deployments.web.leave.forms import FIELDS

    html = as_("S0102").get("/new/leave").text
    assert FIELDS and [name for name in FIELDS if f'name="{name}"' not in html] == []


def test_a_field_added_to_the_application_is_shown_from_the_model(as_, monkeypatch):
    """A new field needs no change of the form's code or template (docs/adding-a-procedure.md)."""
    from pydantic import Field, create_model

    import deployments.web.leave.forms as forms_leave
    from models.leave.inputs import LeaveApplication

    extended = create_model("ExtendedApplication", __base__=LeaveApplication, contact_phone=(
        str, Field(default="", max_length=20, title="请假期间联系电话", description="如需联系请拨打")))
    monkeypatch.setattr(forms_leave, "LeaveApplication", extended)
    html = as_("S0102").get("/new/leave").text
    assert 'name="contact_phone"' in html and "请假期间联系电话" in html and "如需联系请拨打" in html


def test_a_window_head_may_apply_for_their_windows_staff_only(as_):
    html = as_("S0101").get("/new/leave").text
    assert 'value="S0103"' in html and 'value="S0201"' not in html


def test_a_staff_member_applies_only_for_themselves(as_):
    html = as_("S0102").get("/new/leave").text
    assert 'value="S0102"' in html and '<option value="S0103"' not in html.split('id="f-substitute_id"')[0]


@pytest.mark.parametrize("staff_id, path, label", [
    ("G001", "/new/complaint", "投诉渠道"), ("D-rsj", "/new/rotation", "公函文号"),
    ("D-rsj", "/new/matter", "办事指南"), ("S0101", "/new/rotation", "调离人员")])
def test_each_form_renders_in_chinese_for_who_may_use_it(as_, staff_id, path, label):
    response = as_(staff_id).get(path)
    assert response.status_code == 200 and label in response.text


@pytest.mark.parametrize("staff_id, path", [("S0102", "/new/complaint"), ("S0102", "/new/rotation"),
                                            ("S0101", "/new/matter")])
def test_a_form_is_refused_to_who_may_not_use_it(as_, staff_id, path):
    assert as_(staff_id).get(path).status_code == 403


def test_a_department_sees_only_its_own_windows_in_the_rotation_form(as_):
    html = as_("D-rsj").get("/new/rotation").text
    assert '<option value="W01"' in html and '<option value="W02"' not in html
