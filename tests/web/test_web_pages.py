"""我的待办 and the case page: what each person sees, overdue first, the provisional mark, and
the permission rules of the flows (a window head sees only their own window's cases)."""
from __future__ import annotations

import re
from datetime import datetime

from models.core.cases import AuditEvent, WorkItem
from models.core.db import session_scope
from models.core.documents import store_rendered
from web.web_desk import sample_case


def _rows(html: str) -> list[str]:
    return re.findall(r'<tr class="(overdue|)">\s*<td data-label="案件"><a href="/cases/([^"]+)"', html)


def test_my_work_lists_the_items_of_my_window_as_head(as_):
    ref, _ = sample_case("W01")
    assert f"/cases/{ref}" in as_("S0101").get("/").text


def test_my_work_does_not_list_another_windows_items(as_):
    ref, _ = sample_case("W01")
    assert f"/cases/{ref}\"" not in as_("S0201").get("/").text


def test_overdue_items_come_first_and_are_highlighted(as_):
    later, _ = sample_case("W01", due_at=datetime(2099, 1, 5, 17))
    overdue, _ = sample_case("W01", due_at=datetime(2026, 1, 5, 17))
    rows = _rows(as_("S0101").get("/").text)
    assert rows[0] == ("overdue", overdue) and rows[1] == ("", later)


def test_a_provisional_due_date_is_marked(as_):
    ref, item_id = sample_case("W01", due_at=datetime(2099, 1, 5, 17))
    with session_scope() as session:
        session.get(WorkItem, item_id).due_provisional = True
    assert "暂定" in as_("S0101").get("/").text


def test_my_work_lists_the_cases_i_filed(as_):
    ref, _ = sample_case("W01", opened_by="S0102")
    html = as_("S0102").get("/").text
    assert f"/cases/{ref}" in html and "审核中" in html


def test_the_case_page_shows_status_history_and_messages_in_chinese(as_):
    ref, _ = sample_case("W01")
    html = as_("S0101").get(f"/cases/{ref}").text
    assert "审核中" in html and "受理" in html and "（已登记 → 审核中）" in html and "张伟" in html


def test_the_window_head_gets_the_decision_form(as_):
    ref, item_id = sample_case("W01")
    assert f'action="/items/{item_id}/decide"' in as_("S0101").get(f"/cases/{ref}").text


def test_the_applicant_sees_the_case_without_a_decision_form(as_):
    ref, item_id = sample_case("W01", opened_by="S0102")
    response = as_("S0102").get(f"/cases/{ref}")
    assert response.status_code == 200 and f"/items/{item_id}/decide" not in response.text


def test_a_head_of_another_window_may_not_see_the_case(as_):
    ref, _ = sample_case("W01")
    response = as_("S0201").get(f"/cases/{ref}")
    assert response.status_code == 403 and "测试案件" not in response.text


def test_a_colleague_not_involved_may_not_see_the_case(as_):
    ref, _ = sample_case("W01", opened_by="S0102")
    assert as_("S0103").get(f"/cases/{ref}").status_code == 403


def test_the_management_section_sees_every_case(as_):
    ref, _ = sample_case("W02", opened_by="S0201")
    assert as_("G001").get(f"/cases/{ref}").status_code == 200


def test_an_unknown_case_is_a_chinese_404(as_):
    response = as_("G001").get("/cases/CS-2026-999999")
    assert response.status_code == 404 and "找不到" in response.text


def test_a_document_is_shown_in_a_printable_frame_and_served_without_scripts(as_):
    ref, _ = sample_case("W01")
    with session_scope() as session:
        doc = store_rendered(session=session, key=f"{ref}:form", case_ref=ref, kind="form", title="请假报告单",
                             html="<h1>请假报告单</h1>", actor="S0102")
    client = as_("S0101")
    frame, raw = client.get(f"/documents/{doc.id}"), client.get(f"/documents/{doc.id}/raw")
    assert "打印" in frame.text and "请假报告单" in raw.text and "sandbox" in raw.headers["content-security-policy"]


def test_a_document_of_another_windows_case_is_refused(as_):
    ref, _ = sample_case("W01")
    with session_scope() as session:
        doc = store_rendered(session=session, key=f"{ref}:form", case_ref=ref, kind="form", title="表",
                             html="<p>x</p>", actor="S0102")
    assert as_("S0201").get(f"/documents/{doc.id}/raw").status_code == 403


def test_text_from_the_case_is_escaped(as_):
    ref, _ = sample_case("W01")
    with session_scope() as session:
        session.add(AuditEvent(case_ref=ref, actor="S0101", action="note", at=datetime(2026, 10, 9, 11),
                               details={"comment": "<script>alert(1)</script>"}))
    html = as_("S0101").get(f"/cases/{ref}").text
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_pages_carry_security_headers(as_):
    response = as_("S0102").get("/")
    assert "frame-ancestors 'self'" in response.headers["content-security-policy"] \
        and response.headers["cache-control"] == "no-store"


def test_the_new_page_offers_leave_to_window_staff_and_complaints_to_the_center(as_):
    staff, management = as_("S0102").get("/new").text, as_("G001").get("/new").text
    assert "/new/leave" in staff and "/new/complaint" not in staff and "/new/complaint" in management
