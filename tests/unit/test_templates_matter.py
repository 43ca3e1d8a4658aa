"""Every template of the matter procedure renders with a sample context; HTML fields are escaped."""
from __future__ import annotations

from datetime import datetime

import pytest

from models.matter.guides import CurrentGuide
from models.matter.inputs import MatterStatus
from support.matters import sample
from tasks.core.render import render, render_email

MATTERS = [{"code": "QP-RSJ-001", "name": "失业登记", "kind": "承诺件", "status": "在办", "version": 2}]
SAMPLES = {
    "matter_incomplete": {"case_ref": "SX-2026-000002", "code": "QP-RSJ-002", "title": "事项进驻：QP-RSJ-002 就业困难人员认定",
                          "gaps": ["办理依据：未填写", "监督渠道：未填写"], "count": 2, "at": datetime(2026, 10, 9, 10)},
    "matter_refused": {"case_ref": "SX-2026-000003", "title": "事项变更：QP-RSJ-001 失业登记", "by": "窗口管理科",
                       "reason": "办理依据引用的条例已修订"},
    "matter_published": {"case_ref": "SX-2026-000001", "title": "事项进驻：QP-RSJ-001 失业登记", "listed": True,
                         "page": "var/public/matters/QP-RSJ-001.html"},
    "matter_review": {"case_ref": "SL-2026-000001", "review_title": "2026年第4季度事项清单梳理",
                      "unit": "W01 社保综合窗口", "matters": MATTERS, "count": 1, "due_at": datetime(2026, 10, 15, 17)},
}


def guide(example: str = "unemployment-registration", **changes) -> CurrentGuide:
    form = sample(example, **changes)
    return CurrentGuide(code=form.code, name=form.name, status=MatterStatus.active, version=2, department_id="rsj",
                        department_name="区人力资源和社会保障局", window_id=form.window,
                        window_name="社保综合窗口" if form.window else "", branch=form.branch, kind=form.kind,
                        statutory_days=form.guide.time_limit.statutory_days,
                        promised_days=form.guide.time_limit.promised_days, scope=form.scope, guide=form.guide,
                        approved_at=datetime(2026, 10, 9, 10))


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sms_and_email_render_with_a_sample_context(name):
    subject, body = render_email(name, **SAMPLES[name])
    sms = render(f"sms/{name}.txt", **SAMPLES[name])
    assert subject and body and sms.startswith("【行政服务中心】") and len(sms) <= 70


def test_the_incomplete_email_lists_every_gap_numbered():
    _, body = render_email("matter_incomplete", **SAMPLES["matter_incomplete"])
    assert "1. 办理依据：未填写" in body and "2. 监督渠道：未填写" in body


def test_the_one_time_notice_lists_every_gap():
    html = render("documents/matter_gaps.html", **SAMPLES["matter_incomplete"])
    assert html.count("<li>") == 2 and "一次性告知书" in html


def test_the_window_list_document_shows_each_matter():
    html = render("documents/matter_list.html", **SAMPLES["matter_review"])
    assert "QP-RSJ-001" in html and "2026-10-15 17:00" in html


def test_the_guide_shows_the_eight_public_fields_and_the_authority():
    html = render("documents/guide.html", g=guide(), index_href=None)
    headings = ["办理主体", "办理依据", "办理条件", "申报材料", "办理程序", "办理时限", "收费标准", "监督渠道", "窗口审批权限"]
    assert all(f"<h2>{h}</h2>" in html for h in headings) and "返回事项清单" not in html


def test_the_guide_is_readable_on_a_phone():
    html = render("documents/guide.html", g=guide(), index_href="../index.html")
    assert 'name="viewport" content="width=device-width' in html and '<meta charset="utf-8">' in html


def test_html_in_a_guide_field_is_escaped():
    html = render("documents/guide.html", g=guide(guide={"conditions": "<script>alert(1)</script>"}), index_href=None)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_branch_window_guide_names_the_branch():
    html = render("documents/guide.html", g=guide("branch-window"), index_href=None)
    assert "青浦区公安分局交警支队车辆管理所（青浦区行政服务中心分中心）" in html and "即办" in html


def test_a_charged_fee_shows_its_basis():
    html = render("documents/guide.html", g=guide("branch-window"), index_href=None)
    assert "工本费每证10元" in html and "收费依据：" in html


def test_the_site_index_links_each_matter_by_window():
    g = guide()
    html = render("site/index.html", groups=[{"title": "W01 社保综合窗口（区人力资源和社会保障局）", "guides": [g]}],
                  count=1, updated=datetime(2026, 10, 9, 10))
    assert '<a href="matters/QP-RSJ-001.html">失业登记</a>' in html and "承诺3个工作日" in html


def test_the_empty_site_index_says_so():
    assert "暂无在办事项" in render("site/index.html", groups=[], count=0, updated=None)


def test_the_shared_style_renders_alone():
    assert "@media" in render("site/_style.html")
