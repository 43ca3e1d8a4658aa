"""Every template of the staff return renders with a sample context; the letter says what 进出管理制度
三 asks of it and escapes what people typed."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from tasks.core.render import render, render_email

LETTER = {"case_ref": "TH-2026-000001", "letter_no": "青行服退〔2026〕1号", "department": "区人力资源和社会保障局",
          "leader": "王建国", "staff_name": "王芳", "staff_id": "S0102", "window_name": "社保综合窗口",
          "posted_since": date(2020, 4, 1), "reason": "经核实，符合退回情形<script>",
          "grounds": ["被投诉经查证属实（进出管理制度 三.3；投诉处置规定 三(三)2）"],
          "evidence": [{"kind": "投诉", "reference": "TS-2026-000001", "summary": "电话投诉：社保综合窗口 王芳，经查属实"},
                       {"kind": "情况说明", "reference": "", "summary": "多次无故离岗"}],
          "effective_date": date(2026, 10, 19), "due_at": datetime(2026, 11, 2, 17), "signatures": []}
SAMPLES = {
    "return_opened": {"case_ref": "TH-2026-000001", "staff_name": "王芳", "staff_id": "S0102",
                      "grounds": "被投诉经查证属实", "evidence": 3, "automatic": True},
    "return_letter": LETTER,
    "return_nominated": {"case_ref": "TH-2026-000001", "staff_name": "王芳", "name": "钱进",
                         "arrival_date": date(2026, 11, 2)},
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sms_and_email_render_with_a_sample_context(name):
    subject, body = render_email(name, **SAMPLES[name])
    sms = render(f"sms/{name}.txt", **SAMPLES[name])
    assert subject and body and sms.startswith("【行政服务中心】") and len(sms) <= 70


def test_the_return_letter_asks_for_a_replacement_and_accountability_and_lists_the_evidence():
    html = render("documents/return_letter.html", **LETTER)
    assert all(text in html for text in ("窗口工作人员退回函", "青行服退〔2026〕1号", "拟定新派驻工作人员", "问责处理",
                                         "TS-2026-000001", "2026-10-19"))


def test_the_return_letter_escapes_what_people_typed():
    assert "<script>" not in render("documents/return_letter.html", **LETTER)
