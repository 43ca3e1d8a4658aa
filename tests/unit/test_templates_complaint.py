"""Every template of complaint handling renders with a sample context; SMS stay short; the
register entry (登记表) escapes what people typed."""
from __future__ import annotations

from datetime import datetime

import pytest

from tasks.core.render import render, render_email

CASE = {"case_ref": "TS-2026-000001", "case_title": "电话投诉：社保综合窗口 王芳", "channel": "电话投诉",
        "window": "社保综合窗口", "ticket_no": "", "complainant": "张**", "contact": "139****5678",
        "content": "态度生硬，电话139****5678", "due_at": datetime(2026, 10, 10, 17), "provisional": False}
CLOSED = {**CASE, "verdict": "属实", "reply": "已批评教育。", "answered_at": datetime(2026, 10, 9, 15), "on_time": True}
SAMPLES = {
    "complaint_assigned": CASE,
    "complaint_extension": {**CASE, "due_at": datetime(2026, 10, 20, 17), "reason": "需调取监控录像核实"},
    "complaint_reply": CLOSED,
    "complaint_step": {**CASE, "step": "审核差评答复"},
    "complaint_closed": {**CLOSED, "external": True, "ticket_no": "12345-2026-0001"},
    "complaint_outcome": {"case_ref": "TS-2026-000001", "verdict": "属实", "year": 2026, "staff_points": "2",
                          "window_points": "1"},
    "complaint_due_soon": {**CASE, "provisional": True},
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sms_and_email_render_with_a_sample_context(name):
    subject, body = render_email(name, **SAMPLES[name])
    sms = render(f"sms/{name}.txt", **SAMPLES[name])
    assert subject and body and sms.startswith("【行政服务中心】") and len(sms) <= 70


def test_a_late_answer_says_so_with_the_due_date():
    _, body = render_email("complaint_closed", **{**SAMPLES["complaint_closed"], "on_time": False})
    assert "超过期限 2026-10-10 17:00" in body and "回复转办部门" in body


def test_the_outcome_without_a_staff_member_names_only_the_window():
    sms = render("sms/complaint_outcome.txt", **{**SAMPLES["complaint_outcome"], "staff_points": ""})
    assert "个人" not in sms and "窗口扣1分" in sms


def test_the_register_entry_renders_and_escapes_what_people_typed():
    complaint = {"ticket_no": None, "rating_id": "HCP-1", "stars": 1, "received_at": datetime(2026, 9, 30, 10),
                 "complainant_name": "张三丰", "complainant_contact": "13912345678", "content": "<b>态度差</b>",
                 "extensions": 1, "extension_reason": "需核实", "findings": "属实", "reply": "已整改",
                 "answered_at": datetime(2026, 10, 16, 15), "on_time": True}
    html = render("documents/complaint_record.html", case_ref="TS-2026-000001", c=complaint, channel="好差评差评",
                  window="社保综合窗口", due_at=datetime(2026, 10, 20, 17), staff="王芳（S0102）",
                  category="服务态度不佳", verdict="属实", outcome="工作人员扣2分、窗口扣1分，取消2026年度评优资格")
    assert "&lt;b&gt;态度差&lt;/b&gt;" in html and "张三丰" in html and "已延期，说明：需核实" in html
