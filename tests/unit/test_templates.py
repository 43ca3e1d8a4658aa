"""The template environments: strict, sandboxed, escaped — and every foundation template renders."""
from __future__ import annotations

from datetime import datetime

import pytest

from tasks.core.render import TemplateFailed, environment, render, render_email

SAMPLES = {
    "workitem_reminder": {"case_ref": "QJ-2026-000001", "case_title": "王芳病假", "step": "窗口负责人审核",
                          "due_at": datetime(2026, 10, 12, 17), "provisional": False},
    "workitem_overdue": {"case_ref": "QJ-2026-000001", "case_title": "王芳病假", "step": "窗口负责人审核",
                         "due_at": datetime(2026, 10, 12, 17), "provisional": True, "overdue_days": 2},
    "test_notice": {"name": "张伟", "subject": "测试", "text": "这是一条测试通知"},
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sms_and_email_render_with_a_sample_context(name):
    subject, body = render_email(name, **SAMPLES[name])
    sms = render(f"sms/{name}.txt", **SAMPLES[name])
    assert subject and body and sms.startswith("【行政服务中心】") and len(sms) <= 70


def test_a_missing_variable_names_the_template_and_the_variable():
    with pytest.raises(TemplateFailed, match=r"sms/test_notice\.txt.*'text' is undefined"):
        render("sms/test_notice.txt", name="张伟")


def test_html_is_escaped_and_text_is_not():
    html_env, text_env = environment(True), environment(False)
    value = "<b>张</b>"
    assert html_env.from_string("{{ v }}").render(v=value) == "&lt;b&gt;张&lt;/b&gt;"
    assert text_env.from_string("{{ v }}").render(v=value) == value


def test_the_sandbox_blocks_attribute_escapes():
    with pytest.raises(Exception, match="unsafe|not safely"):
        environment(False).from_string("{{ ''.__class__.__mro__ }}").render()
