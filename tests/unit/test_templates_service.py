"""Every template of the service cases renders with a sample context; the one-time notice lists every
missing item with its form, copies and original/copy, and escapes what people typed."""
from __future__ import annotations

from datetime import datetime

from models.matter.guides import CurrentGuide
from support.matters import sample
from tasks.core.render import render, render_email

NOTICE_SMS = {"case_ref": "BJ-2026-000001", "matter": "失业登记", "count": 2, "items": "失业登记申请表、解除或终止劳动合同证明"}


def guide() -> CurrentGuide:
    form = sample(name="失业登记<b>加急</b>")
    return CurrentGuide(code=form.code, name=form.name, status="active", version=1, department_id="rsj",
                        department_name="区人力资源和社会保障局", window_id="W01", window_name="社保综合窗口",
                        branch=None, kind=form.kind, statutory_days=15, promised_days=3, scope=form.scope,
                        guide=form.guide, approved_at=datetime(2026, 9, 1))


def notice_html() -> str:
    g = guide()
    return render("documents/one_time_notice.html", case_ref="BJ-2026-000001", number=1, applicant="李明",
                  guide=g, items=g.materials[1:], issued_at=datetime(2026, 9, 30, 10), owner_id="S0102",
                  owner_name="王芳")


def test_the_notice_sms_and_email_render_with_a_sample_context():
    subject, body = render_email("service_notice", **NOTICE_SMS)
    sms = render("sms/service_notice.txt", **NOTICE_SMS)
    assert subject and "解除或终止劳动合同证明" in body and sms.startswith("【行政服务中心】") and len(sms) <= 70


def test_the_one_time_notice_lists_every_missing_item_with_form_copies_and_original():
    html = notice_html()
    assert all(text in html for text in ("一次性告知书", "失业登记申请表", "解除或终止劳动合同证明", "加盖原单位公章",
                                         "原件及复印件", "承诺 3 个工作日", "2026-09-30 10:00"))
    assert "居民身份证" not in html


def test_the_one_time_notice_escapes_what_people_typed():
    assert "<b>加急</b>" not in notice_html()
