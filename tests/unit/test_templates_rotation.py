"""Every template of the staffing procedures renders with a sample context; the forms say what the
regulations ask of them, and escape what people typed."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from models.core.arrivals import ArrivalInput, PoliticalStatus
from tasks.core.render import render, render_email
from tasks.core.posting import registration_context

SAMPLES = {
    "rotation_submitted": {"case_ref": "LH-2026-000001", "window_name": "社保综合窗口", "notice_ref": "青人社函〔2026〕12号",
                           "effective_date": date(2026, 4, 15), "leaving": "王芳（S0102）", "arriving": "钱进（S0111）",
                           "failing": "轮换人数不超过30%"},
    "rotation_decided": {"case_ref": "LH-2026-000001", "window_name": "社保综合窗口", "notice_ref": "青人社函〔2026〕12号",
                         "approved": True, "exception": True, "comment": "窗口业务调整，确需轮换",
                         "effective_date": date(2026, 4, 15)},
    "rotation_reminder": {"case_ref": "LH-2026-000001", "window_name": "社保综合窗口",
                          "effective_date": date(2026, 4, 15), "reviewed": False},
    "rotation_effective": {"case_ref": "LH-2026-000001", "window_name": "社保综合窗口",
                           "effective_date": date(2026, 4, 15), "posts": "张伟（S0101）、钱进（S0111）"},
    "rotation_head": {"case_ref": "FZR-2026-000001", "window_name": "婚姻登记窗口",
                      "reason": "林静2024至2025年度考核连续2年排名最后3名", "due_at": datetime(2026, 12, 11, 17)},
    "rotation_secondment": {"case_ref": "JD-2026-000001", "name": "王芳", "start": date(2026, 12, 1),
                            "end": date(2026, 12, 4), "approved": True, "comment": ""},
    "rotation_intern": {"case_ref": "SXS-2026-000001", "name": "林小雨", "window_name": "社保综合窗口",
                        "approved": False, "comment": "实习期间无带教人员"},
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sms_and_email_render_with_a_sample_context(name):
    subject, body = render_email(name, **SAMPLES[name])
    sms = render(f"sms/{name}.txt", **SAMPLES[name])
    assert subject and body and sms.startswith("【行政服务中心】") and len(sms) <= 70


def test_a_rejection_gives_the_department_the_reason():
    context = {**SAMPLES["rotation_decided"], "approved": False, "exception": False, "comment": "人员不足"}
    subject, body = render_email("rotation_decided", **context)
    assert "未获批准" in subject and "理由：人员不足" in body


def test_an_exception_states_its_reason():
    _, body = render_email("rotation_decided", **SAMPLES["rotation_decided"])
    assert "例外批准" in body and "例外批准理由：窗口业务调整，确需轮换" in body


def test_the_effective_notice_asks_the_head_for_the_missing_b_posts():
    sms = render("sms/rotation_effective.txt", **SAMPLES["rotation_effective"])
    assert "请为张伟（S0101）、钱进（S0111）指定B岗" in sms


ARRIVAL = ArrivalInput(staff_id="S0111", name="钱<进>", gender="男", birth_date=date(1990, 5, 1),
                       political_status=PoliticalStatus.party_member, education="本科", qualification="社保经办资格",
                       phone="13700000111")


def test_the_registration_form_notes_the_transfer_of_party_membership_and_escapes_the_name():
    html = render("documents/registration_form.html", **registration_context(
        person=ARRIVAL, window_name="社保综合窗口", department_name="区人力资源和社会保障局",
        effective=date(2026, 4, 15), case_ref="LH-2026-000001"), signatures=[])
    assert "青浦区行政服务中心人员登记表" in html and "钱&lt;进&gt;" in html
    assert "中共党员" in html and "须转入中心（进出管理制度 四.1）" in html and "2026-04-15" in html


def test_the_registration_form_of_an_intern_says_they_may_not_handle_business_alone():
    intern = ARRIVAL.model_copy(update={"intern": True, "political_status": PoliticalStatus.masses})
    html = render("documents/registration_form.html", **registration_context(
        person=intern, window_name="社保综合窗口", department_name="区人力资源和社会保障局",
        effective=date(2026, 4, 15), case_ref="SXS-2026-000001"), signatures=[])
    assert "原则上不允许单独受理业务" in html and "无需转接" in html


def test_the_transfer_form_names_the_person_the_window_and_the_dates():
    html = render("documents/transfer_form.html", case_ref="LH-2026-000001", notice_ref="青人社函〔2026〕12号",
                  window_name="社保综合窗口", department_name="区人力资源和社会保障局",
                  staff={"id": "S0101", "name": "张伟", "posted_since": date(2019, 3, 1), "employment": "在编公务员",
                         "qualification": "", "head": True},
                  effective=date(2026, 4, 15), note="", signatures=[])
    assert "窗口工作人员调离申请表" in html and "张伟" in html and "（窗口负责人）" in html
    assert "2019-03-01" in html and "2026-04-15" in html and "经中心审核同意后" in html
