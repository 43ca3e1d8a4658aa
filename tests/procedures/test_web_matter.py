"""事项申请 on the desk: the department's request with its guide, through the matter flow."""
from __future__ import annotations

import pytest

from models.core.cases import Case
from models.core.db import session_scope
from support.snapshot import snapshot
from web.web_desk import PEOPLE, client_for, desk_app, post_form, set_passwords


@pytest.fixture
def as_(org):
    set_passwords(*PEOPLE, "Q001")
    app = desk_app()
    return lambda staff_id: client_for(app, staff_id)


def _onboarding(**extra) -> dict:
    return {"request": "onboard", "code": "QP-RSJ-009", "name": "失业登记", "window": "W01", "kind": "promised",
            "scope": ["咨询", "受理"], "reason": "进驻中心办理", "guide-subject": "青浦区人力资源和社会保障局",
            "guide-basis": "《就业服务与就业管理规定》", "guide-conditions": "处于无业状态的本区户籍人员",
            "guide-steps": "窗口受理，3个工作日内办结", "guide-supervision": "监督电话 021-59700000",
            "guide-approval_authority": "窗口受理并审核", "limit-statutory_days": "15", "limit-promised_days": "3",
            "material-0-name": "居民身份证", "material-0-form": "第二代居民身份证", "material-0-copies": "1",
            "material-0-original": "original", **extra}


def test_a_department_files_an_onboarding_request_with_its_guide(as_):
    client = as_("D-rsj")
    response = post_form(client, "/new/matter", "/new/matter", _onboarding())
    ref = response.headers["location"].removeprefix("/cases/")
    with session_scope() as session:
        assert session.get(Case, ref).kind == "matter"
    assert "已提交" in client.get(f"/cases/{ref}").text


def test_a_promise_longer_than_the_statutory_limit_is_shown_next_to_it_and_nothing_is_written(as_):
    before = snapshot()
    response = post_form(as_("D-rsj"), "/new/matter", "/new/matter", _onboarding(**{"limit-promised_days": "20"}))
    assert response.status_code == 400 and 'invalid">\n  <label class="title" for="f-limit-promised_days"' \
        in response.text and snapshot() == before


def test_a_window_head_is_not_offered_the_matter_form(as_):
    assert as_("S0101").get("/new/matter").status_code == 403
