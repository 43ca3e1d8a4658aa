"""人员轮换公函 on the desk: through the rotation procedure's own flow and checks."""
from __future__ import annotations

import pytest

from models.core.clock import local_now
from support.snapshot import snapshot
from web.web_desk import PEOPLE, client_for, desk_app, post_form, set_passwords


@pytest.fixture
def as_(org):
    set_passwords(*PEOPLE)
    app = desk_app()
    return lambda staff_id: client_for(app, staff_id)


def _notice(**extra) -> dict:
    return {"window_id": "W01", "notice_ref": "青人社函〔2026〕88号",
            "notice_received": local_now().strftime("%Y-%m-%dT%H:%M"), "effective_date": "2027-01-15",
            "leaving": ["S0110"], "arriving-0-staff_id": "S0111", "arriving-0-name": "钱进",
            "arriving-0-employment": "civil_servant", "arriving-0-political_status": "masses", **extra}


def test_the_department_files_a_rotation_notice_for_the_management_sections_review(as_):
    response = post_form(as_("D-rsj"), "/new/rotation", "/new/rotation", _notice())
    ref = response.headers["location"].removeprefix("/cases/")
    assert ref and ref in as_("G001").get("/").text


def test_an_effective_date_before_the_notice_is_shown_next_to_it_and_nothing_is_written(as_):
    client = as_("D-rsj")
    before = snapshot()
    response = post_form(client, "/new/rotation", "/new/rotation", _notice(effective_date="2026-01-05"))
    shown = '<div class="field invalid">\n  <label class="title" for="f-effective_date">'
    assert response.status_code == 400 and shown in response.text and snapshot() == before


def test_another_departments_contact_may_not_file_for_this_window(as_):
    before = snapshot()
    response = post_form(as_("D-scjgj"), "/new/rotation", "/new/rotation", _notice())
    assert response.status_code == 403 and snapshot() == before
