"""Every template of the oversight registers renders with a sample context; the texts say what the
regulations ask of the people concerned, and the HTML report escapes what people typed."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from models.annual_assessment.rules import Lost
from tasks.core.render import render, render_email

TRAINING = {"case_ref": "PX-2026-000001", "topic": "好差评制度解读", "category": "法规制度",
            "starts_at": datetime(2026, 10, 15, 14), "ends_at": datetime(2026, 10, 15, 16), "place": "三楼会议室",
            "organiser": "窗口管理科"}
FINDING = {"at": datetime(2026, 10, 12, 9, 40), "case_ref": "XC-2026-000001", "window_id": "W01", "staff_name": "李娜",
           "item": "着装及胸牌", "description": "未佩戴胸牌", "points": 1.0}
SAMPLES = {
    "patrol_deduction": {"case_ref": "XC-2026-000001", "at": datetime(2026, 10, 12, 9, 40), "window_name": "社保综合窗口",
                         "name": "李娜", "item": "禁烟", "description": "在楼梯间吸烟", "points": "李娜 2 分、社保综合窗口 0.5 分",
                         "withdrawn": True},
    "patrol_month": {"month": "2026-10", "window_name": "社保综合窗口", "count": 2, "points": "1.5",
                     "findings": [FINDING, {**FINDING, "staff_name": "", "item": "服务环境与卫生", "points": 0.0}]},
    "patrol_shortfall": {"day": date(2026, 10, 13), "count": 1, "required": 2, "step": "2026-10-13 巡查 1 次"},
    "training_notice": TRAINING,
    "training_absent": {**TRAINING, "name": "刘洋", "points": "1"},
    "training_cancelled": {**TRAINING, "reason": "与区里会议冲突"},
    "it_request": {"case_ref": "IT-2026-000001", "window_name": "社保综合窗口", "kind": "接入电子政务网络",
                   "device": "社保自助终端 ZZ-03", "purpose": "自助打印参保证明", "due_at": datetime(2026, 10, 15, 17)},
    "it_decided": {"case_ref": "IT-2026-000001", "window_name": "社保综合窗口", "kind": "接入电子政务网络",
                   "device": "社保自助终端 ZZ-03", "approved": True, "comment": "", "ip_address": "10.20.1.15",
                   "gateway": "10.20.1.1", "netmask": "255.255.255.0"},
    "it_violation": {"case_ref": "WG-2026-000001", "title": "社保综合窗口李娜安装使用未经授权的软件（情节严重）",
                     "description": "办公电脑安装游戏软件", "observed_on": date(2026, 10, 13)},
    "it_deduction": {"case_ref": "WG-2026-000001", "title": "社保综合窗口李娜安装使用未经授权的软件（情节严重）",
                     "points": "1", "withdrawn": True, "award": "服务明星", "year": 2026},
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sms_and_email_render_with_a_sample_context(name):
    subject, body = render_email(name, **SAMPLES[name])
    sms = render(f"sms/{name}.txt", **SAMPLES[name])
    assert subject and body and sms.startswith("【行政服务中心】") and len(sms) <= 70


def test_the_month_feedback_lists_each_finding_with_its_points_and_case():
    _, body = render_email("patrol_month", **SAMPLES["patrol_month"])
    assert "1. 2026-10-12 09:40 着装及胸牌（李娜）：未佩戴胸牌，扣 1 分（XC-2026-000001）" in body
    assert "2. 2026-10-12 09:40 服务环境与卫生：未佩戴胸牌（XC-2026-000001）" in body


def test_a_smoking_deduction_says_the_eligibility_is_withdrawn():
    _, body = render_email("patrol_deduction", **SAMPLES["patrol_deduction"])
    assert "《窗口禁烟制度》二.2" in body and "取消其本年度参加评优" in body


def test_an_approval_gives_the_configuration_to_keep():
    _, body = render_email("it_decided", **SAMPLES["it_decided"])
    assert "IP地址 10.20.1.15，网关 10.20.1.1，子网掩码 255.255.255.0" in body and "不得自行更改" in body


def test_a_refusal_gives_the_reason_and_no_configuration():
    subject, body = render_email("it_decided", **{**SAMPLES["it_decided"], "approved": False, "comment": "无业务依据",
                                                  "ip_address": "", "gateway": "", "netmask": ""})
    assert "未获批准" in subject and "意见：无业务依据" in body and "IP地址" not in body


def test_the_training_notice_says_how_to_ask_for_leave():
    _, body = render_email("training_notice", **SAMPLES["training_notice"])
    assert "应事先向窗口管理科请假" in body and "无故不参加的，按规定扣分" in body


def report(**extra) -> dict:
    return {"year": 2026, "as_of": datetime(2027, 1, 5, 9), "final": True, "entries": 3,
            "windows": [{"rank": 1, "id": "W02", "name": "企业登记窗口", "points": 0.0, "eligible": True}],
            "staff": [{"rank": 1, "id": "S0201", "name": "徐明", "window": "企业登记窗口", "points": 0.5, "eligible": False}],
            "heads": [{"rank": 1, "total": 1, "window": "企业登记窗口", "head": "徐明", "points": 0.5}],
            "lost": [Lost("服务明星", "staff", "S0201", "徐明（S0201）", "在禁烟区域内吸烟<script>", "XC-2026-000007",
                          date(2026, 10, 12))],
            "replacements": ["FZR-2027-000001"], **extra}


def test_the_assessment_report_lists_the_lost_eligibility_with_its_source_case_escaped():
    html = render("documents/assessment_report.html", **report())
    assert "XC-2026-000007" in html and "吸烟&lt;script&gt;" in html and "FZR-2027-000001" in html


def test_an_interim_report_says_the_year_is_not_over():
    html = render("documents/assessment_report.html", **report(final=False, as_of=datetime(2026, 11, 27)))
    assert "截至 2026-11-27，年度未结束" in html
