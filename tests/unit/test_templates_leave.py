"""Every template of the leave procedure renders with a sample context; SMS stay within 70
characters; the forms say what the regulations ask of them and escape what people typed."""
from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace

import pytest

from models.leave.rules import Half, Span, whole_days
from tasks.core.render import render, render_email

BASE = {"case_ref": "QJ-2026-000001", "name": "李娜", "staff_id": "S0103", "kind": "家庭特殊情况",
        "span": "2026-03-04上午至2026-03-06下午", "span_short": "3月4日下午至3月6日上午", "days": "2.5",
        "provisional": False, "reason": "发烧就医", "substitute": "刘洋", "filing_due_at": datetime(2026, 3, 11, 17),
        "afterwards": False}
SAMPLES = {
    "leave_sign": {**BASE, "item_id": 12, "due_at": datetime(2026, 3, 3, 17)},
    "leave_review": {**BASE, "item_id": 13, "due_at": None},
    "leave_decided": {**BASE, "step": "窗口负责人审核签字", "approve": False, "status": "未批准",
                      "comment": "窗口本周人手不足，请改期至下周再申请为宜"},
    "leave_substitute": {**BASE, "urgent": False},
    "leave_substitute_replaced": {**BASE, "leaving": "李娜", "by_case": "TH-2026-000001"},
    "leave_handover": BASE,
    "leave_affects_window": BASE,
    "leave_cover_filed": {**BASE, "substitute": "民政局 陈华"},
    "leave_materials": {**BASE, "missing": ["医院证明（复印件）"], "item_id": 11},
    "leave_register": {**BASE, "kind": "中心统一安排外出", "item_id": 14, "due_at": datetime(2026, 3, 6, 17)},
    "leave_deduction": {**BASE, "points": "1"},
    "leave_withdrawn": {**BASE, "comment": "病情好转"},
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sms_and_email_render_with_a_sample_context(name):
    subject, body = render_email(name, **SAMPLES[name])
    sms = render(f"sms/{name}.txt", **SAMPLES[name])
    assert subject and body and sms.startswith("【行政服务中心】") and len(sms) <= 70


def test_a_refusal_gives_the_applicant_the_reason():
    subject, body = render_email("leave_decided", **SAMPLES["leave_decided"])
    assert "窗口负责人审核签字不同意" in subject and "意见：窗口本周人手不足" in body


def test_an_urgent_substitute_notice_asks_to_cover_at_once():
    sms = render("sms/leave_substitute.txt", **{**BASE, "urgent": True})
    assert "请即顶岗" in sms


def test_the_missing_materials_are_listed_one_by_one():
    context = {**SAMPLES["leave_materials"], "missing": ["相关证明", "医院证明（复印件）"]}
    _, body = render_email("leave_materials", **context)
    assert "1. 相关证明" in body and "2. 医院证明（复印件）" in body


@pytest.mark.parametrize("span, text", [
    (Span(date(2026, 3, 4), Half.am, date(2026, 3, 4), Half.am), "3月4日上午"),
    (whole_days(date(2026, 3, 4), date(2026, 3, 4)), "3月4日"),
    (Span(date(2026, 3, 4), Half.pm, date(2026, 3, 6), Half.am), "3月4日下午至3月6日上午"),
    (whole_days(date(2026, 3, 4), date(2026, 3, 6)), "3月4日至3月6日"),
])
def test_the_short_span_of_an_sms(span, text):
    assert span.short_label() == text


FORM = {**BASE, "window": "社保综合窗口", "department": "区人力资源和社会保障局", "afterwards": True,
        "opened_at": datetime(2026, 3, 4, 9), "signatures": [],
        "leave": SimpleNamespace(late_explanation="突发<急病>", back_at=datetime(2026, 3, 9, 8, 30))}


def test_the_leave_form_has_both_signatures_and_escapes_what_was_typed():
    html = render("documents/leave_form.html", **FORM)
    assert "窗口负责人审核" in html and "窗口管理科审核" in html and "突发&lt;急病&gt;" in html


def test_the_leave_form_of_a_late_filing_states_the_deadline():
    assert "须于 2026-03-11 17:00 前补交" in render("documents/leave_form.html", **FORM)


def test_the_saturday_schedule_lists_each_saturday_and_its_day_off():
    rows = [{"saturday": date(2026, 3, 7), "name": "胡军", "staff_id": "S0302", "day_off": date(2026, 3, 10),
             "note": "", "recorded_by": "S0301"}]
    html = render("documents/leave_saturday.html", window="户政出入境窗口", period="2026年03月", rows=rows)
    assert "<td>2026-03-07</td><td>胡军</td><td>S0302</td><td>2026-03-10</td>" in html
