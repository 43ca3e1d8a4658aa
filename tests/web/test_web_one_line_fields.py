"""A line break in a one-line field is refused on the desk as at the command line (issue 26 item 12):
HTTP 4xx, the field's Chinese message, nothing written — the training's topic is the subject of the
e-mail every attendee receives."""
from __future__ import annotations

from datetime import timedelta

import pytest

from models.core.clock import local_now
from support.snapshot import snapshot
from web.web_desk import post_form

ISSUE_26_DEFECTS = (12,)  # counted in the reliability summary when these tests pass

pytestmark = pytest.mark.usefixtures("prefect_api", "probe")


@pytest.mark.parametrize(("field", "value"), [("topic", "服务礼仪\r\nBcc: all@example.com"),
                                              ("topic", "服务礼仪\nSubject: 停课"), ("place", "三楼\x1b[2J会议室")])
def test_a_training_with_a_control_character_in_a_one_line_field_is_refused(as_, field, value):
    start = (local_now() + timedelta(days=1)).replace(hour=14, minute=0, second=0, microsecond=0)
    data = {"topic": "服务礼仪", "category": "etiquette", "organiser": "management", "place": "三楼会议室",
            "starts_at": f"{start:%Y-%m-%dT%H:%M}", "ends_at": f"{start + timedelta(hours=1):%Y-%m-%dT%H:%M}",
            "windows": ["W02"], field: value}
    before = snapshot()
    response = post_form(as_("G001"), "/trainings/new", "/trainings/new", data)
    assert 400 <= response.status_code < 500 and "应为一行文字" in response.text
    assert snapshot() == before
