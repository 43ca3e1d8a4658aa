"""The desk's pages for the remaining clerk actions, through the procedures' own flows against a real
Prefect API: the Saturday cover schedule, registering attendance, secondments, interns, posting
requirements, the matter list's review and publishing, opening a staff return with evidence.
Every refusal writes nothing (the whole store compared before and after)."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from models.core.calendar import load_calendar
from models.core.cases import Case, WorkItem, WorkItemStatus
from models.core.clock import local_now
from models.core.db import session_scope
from models.core.documents import documents_of
from support.snapshot import snapshot
from web.web_desk import PEOPLE, client_for, desk_app, post_form, set_passwords


@pytest.fixture
def as_(org):
    set_passwords(*PEOPLE, "S0301", "S0302")
    app = desk_app()
    return lambda staff_id: client_for(app, staff_id)


def _case(ref: str) -> Case:
    with session_scope() as session:
        return session.get(Case, ref)


def _ref(response) -> str:
    assert response.status_code == 303, response.text
    return response.headers["location"].removeprefix("/cases/")


# 调休日程表 ------------------------------------------------------------------------------------

SATURDAY = {"window": "W03", "staff_id": "S0302", "saturday": "2026-10-17", "day_off": "2026-10-19", "note": "换班"}


def test_the_head_of_a_saturday_window_keeps_the_schedule(as_):
    head = as_("S0301")
    response = post_form(head, "/leave/saturday", "/leave/saturday", SATURDAY)
    assert response.status_code == 303
    page = head.get(response.headers["location"]).text
    assert "2026-10-17" in page and "胡军" in page and "2026-10-19" in page
    assert "胡军" in as_("G001").get("/leave/saturday?window=W03&month=2026-10").text
    printed = head.get("/leave/saturday/print?window=W03&month=2026-10").text
    assert "青浦区行政服务中心调休日程表" in printed and "换班" in printed


def test_a_weekday_given_as_the_saturday_is_shown_next_to_the_field_and_nothing_is_written(as_):
    head = as_("S0301")
    before = snapshot()
    response = post_form(head, "/leave/saturday", "/leave/saturday", {**SATURDAY, "saturday": "2026-10-16"})
    assert response.status_code == 400 and snapshot() == before
    assert '<div class="field invalid">\n  <label class="title" for="f-saturday">' in response.text
    assert "不是休息的星期六" in response.text


def test_another_windows_head_may_not_keep_the_schedule_and_nothing_is_written(as_):
    before = snapshot()
    response = post_form(as_("S0101"), "/new", "/leave/saturday", SATURDAY)
    assert response.status_code == 403 and snapshot() == before


def test_a_clerk_of_another_window_may_not_read_the_schedule(as_):
    assert as_("S0102").get("/leave/saturday?window=W03").status_code == 403


# 登记考勤 (center leave register): the register step's form on the case page ---------------------

def test_the_head_registers_attendance_on_the_case_page(as_):
    with session_scope() as session:
        start = load_calendar(session=session).add_working_days(local_now().date(), 5)
    response = post_form(as_("S0102"), "/new/leave", "/new/leave", {
        "staff_id": "S0102", "kind": "sick", "start_day": start.isoformat(), "start_half": "am",
        "end_day": (start + timedelta(days=1)).isoformat(), "end_half": "pm", "reason": "发烧就医"},
        files=[("hospital_proofs", ("诊断证明.pdf", b"%PDF-1.4 proof"))])
    ref = _ref(response)
    for staff_id, step in (("S0101", "head_review"), ("G001", "management_review"), ("S0101", "register")):
        with session_scope() as session:
            item_id = session.exec(select(WorkItem.id).where(WorkItem.case_ref == ref, WorkItem.step == step)).one()
        decision = {"approve": "true", "comment": "同意"} if step != "register" else {"comment": "已登记"}
        assert post_form(as_(staff_id), f"/cases/{ref}", f"/items/{item_id}/decide", decision).status_code == 303
    assert _case(ref).status == "registered"


# 短期借调、实习生、资质要求 ------------------------------------------------------------------------

def test_a_window_head_requests_a_secondment_for_the_management_sections_review(as_):
    ref = _ref(post_form(as_("S0101"), "/rotation/secondment", "/rotation/secondment",
                         {"staff_id": "S0103", "start": "2027-01-11", "end": "2027-01-15", "reason": "原单位专项检查"}))
    assert _case(ref).kind == "secondment" and ref in as_("G001").get("/").text
    page = as_("G001").get(f"/cases/{ref}").text
    assert "2027-01-11 至 2027-01-15" in page and "原单位专项检查" in page


def test_a_secondment_ending_before_it_starts_is_refused_next_to_the_field(as_):
    client = as_("S0101")
    before = snapshot()
    response = post_form(client, "/rotation/secondment", "/rotation/secondment",
                         {"staff_id": "S0103", "start": "2027-01-11", "end": "2027-01-04", "reason": "专项检查"})
    assert response.status_code == 400 and snapshot() == before
    assert '<div class="field invalid">\n  <label class="title" for="f-end">' in response.text and "早于开始日期" in response.text


def test_another_windows_head_may_not_second_a_person_and_nothing_is_written(as_):
    before = snapshot()
    response = post_form(as_("S0201"), "/rotation/secondment", "/rotation/secondment",
                         {"staff_id": "S0103", "start": "2027-01-11", "end": "2027-01-15", "reason": "专项检查"})
    assert response.status_code == 403 and snapshot() == before


def test_a_clerk_is_not_offered_the_secondment_form(as_):
    assert as_("S0102").get("/rotation/secondment").status_code == 403


def test_a_window_head_reports_an_intern(as_):
    ref = _ref(post_form(as_("S0101"), "/rotation/intern", "/rotation/intern",
                         {"window_id": "W01", "staff_id": "X0101", "name": "实习生小林", "phone": "13600000001",
                          "start": "2027-01-04", "end": "2027-03-31", "reason": "暑期实习"}))
    assert _case(ref).kind == "intern" and "实习生小林" in _case(ref).title
    assert "2027-01-04 至 2027-03-31" in as_("G001").get(f"/cases/{ref}").text


def test_an_intern_without_a_name_and_with_a_used_number_is_refused_and_nothing_is_written(as_):
    client = as_("S0101")
    before = snapshot()
    response = post_form(client, "/rotation/intern", "/rotation/intern",
                         {"window_id": "W01", "staff_id": "S0102", "name": "", "start": "2027-01-04", "end": "2027-03-31"})
    assert response.status_code == 400 and snapshot() == before
    assert '<label class="title" for="f-name">' in response.text and "必填" in response.text


def test_the_management_section_sets_a_window_requirement(as_):
    response = post_form(as_("G001"), "/rotation/requirements", "/rotation/requirements",
                         {"window_id": "W02", "qualification": "企业登记审核资格"})
    assert response.status_code == 303
    assert "企业登记审核资格" in as_("S0201").get("/rotation/requirements").text


def test_a_window_head_may_not_set_a_requirement_and_nothing_is_written(as_):
    before = snapshot()
    response = post_form(as_("S0201"), "/rotation/requirements", "/rotation/requirements",
                         {"window_id": "W02", "qualification": "<b>无</b>"})
    assert response.status_code == 403 and snapshot() == before


def test_an_unknown_window_is_shown_next_to_the_field(as_):
    client = as_("G001")
    before = snapshot()
    response = post_form(client, "/rotation/requirements", "/rotation/requirements",
                         {"window_id": "W99", "qualification": "资格"})
    assert response.status_code == 400 and "找不到 W99" in response.text and snapshot() == before


# 事项清单 ------------------------------------------------------------------------------------------

def test_the_matter_list_and_a_guides_history(as_):
    from support.matters import sample, through

    ref = through(sample())
    client = as_("S0102")
    assert "QP-RSJ-001" in client.get("/matters").text
    page = client.get("/matters/QP-RSJ-001").text
    assert "第1版（现行）" in page and ref in page and "失业登记申请表" in page and "3 项" in page


def test_the_management_section_starts_the_quarterly_review(as_):
    response = post_form(as_("G001"), "/matters", "/matters/review", {})
    assert response.status_code == 303
    location = response.headers["location"]
    if location.startswith("/cases/"):
        ref = location.removeprefix("/cases/")
        with session_scope() as session:
            items = session.exec(select(WorkItem).where(WorkItem.case_ref == ref)).all()
        assert _case(ref).kind == "matter_review" and _case(ref).opened_by == "G001" and items
    else:  # today is a day off: nothing is opened
        assert location == "/matters"


def test_a_window_head_may_not_start_the_review_or_publish_and_nothing_is_written(as_):
    client = as_("S0101")
    before = snapshot()
    assert post_form(client, "/matters", "/matters/review", {}).status_code == 403
    assert post_form(client, "/matters", "/matters/publish", {}).status_code == 403
    assert snapshot() == before


def test_the_management_section_republishes_the_guides(as_):
    from support.matters import sample, through

    through(sample())
    client = as_("G001")
    response = post_form(client, "/matters", "/matters/publish", {})
    assert response.status_code == 303 and "已按现行事项清单重新发布 1 项办事指南" in client.get("/matters").text


# 退回 ----------------------------------------------------------------------------------------------

def test_the_management_section_opens_a_return_with_an_uploaded_evidence_file(as_):
    client = as_("G001")
    response = post_form(client, "/new/return", "/new/return",
                         {"staff_id": "S0103", "grounds": ["discipline"], "notes": "多次无故离岗<script>x</script>"},
                         files=[("files", ("离岗记录.pdf", b"%PDF-1.4 evidence"))])
    ref = _ref(response)
    with session_scope() as session:
        assert [d.kind for d in documents_of(session=session, case_ref=ref)] == ["return_evidence"]
        item = session.exec(select(WorkItem).where(WorkItem.case_ref == ref,
                                                   WorkItem.status == WorkItemStatus.open)).one()
    page = client.get(f"/cases/{ref}").text
    assert item.step == "decide" and "离岗记录.pdf" in page and "不能自觉地遵守中心工作纪律" in page
    assert "多次无故离岗&lt;script&gt;x&lt;/script&gt;" in page and "<script>x</script>" not in page


def test_the_same_return_sent_twice_opens_one_case_and_says_so(as_):
    client = as_("G001")
    form = {"staff_id": "S0103", "grounds": ["discipline"], "notes": "多次无故离岗"}
    first = _ref(post_form(client, "/new/return", "/new/return", form, files=[("files", ("记录.pdf", b"%PDF-1.4 x"))]))
    again = post_form(client, "/new/return", "/new/return", form, files=[("files", ("记录.pdf", b"%PDF-1.4 x"))])
    assert _ref(again) == first and f"此退回已提出过：{first}" in client.get(f"/cases/{first}").text
    with session_scope() as session:
        assert len(session.exec(select(Case).where(Case.kind == "staff_return")).all()) == 1


def test_a_return_without_grounds_or_evidence_is_refused_next_to_the_fields_and_nothing_is_written(as_):
    client = as_("G001")
    before = snapshot()
    response = post_form(client, "/new/return", "/new/return", {"staff_id": "S0103"})
    assert response.status_code == 400 and snapshot() == before
    assert "至少选择一项退回情形" in response.text and "请附证据" in response.text


def test_a_return_without_a_person_names_the_field_in_chinese(as_):
    client = as_("G001")
    before = snapshot()
    response = post_form(client, "/new/return", "/new/return", {"staff_id": "", "grounds": ["discipline"], "notes": "离岗"})
    assert response.status_code == 400 and snapshot() == before
    assert '<label class="title" for="f-staff_id">' in response.text and "不能为空" in response.text
    assert "String should" not in response.text


def test_only_the_management_section_opens_a_return_and_nothing_is_written(as_):
    client = as_("S0101")
    assert client.get("/new/return").status_code == 403
    before = snapshot()
    response = post_form(client, "/new", "/new/return", {"staff_id": "S0103", "grounds": ["discipline"],
                                                         "notes": "离岗"})
    assert response.status_code == 403 and snapshot() == before
