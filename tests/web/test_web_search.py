"""案件查询: only the cases the viewer may see (the case page's rule), by each criterion, paged."""
from __future__ import annotations

from datetime import datetime

from models.core.cases import Case
from models.core.db import session_scope
from web.web_desk import sample_case


def _refs(html: str) -> list[str]:
    import re

    return re.findall(r'<td data-label="案件"><a href="/cases/([^"]+)">', html)


def test_a_window_head_finds_their_windows_cases_not_another_windows(as_):
    mine, _ = sample_case("W01")
    theirs, _ = sample_case("W02", opened_by="S0202")
    found = _refs(as_("S0101").get("/search", params={"kind": "sample"}).text)
    assert mine in found and theirs not in found


def test_the_management_section_finds_every_window_and_filters_by_window(as_):
    w1, _ = sample_case("W01")
    w2, _ = sample_case("W02", opened_by="S0202")
    client = as_("G001")
    assert set(_refs(client.get("/search", params={"kind": "sample"}).text)) == {w1, w2}
    assert _refs(client.get("/search", params={"window_id": "W02"}).text) == [w2]


def test_search_by_reference_person_and_status(as_):
    first, _ = sample_case("W01", opened_by="S0102")
    second, _ = sample_case("W01", opened_by="S0103")
    client = as_("G001")
    assert _refs(client.get("/search", params={"ref": second[-6:]}).text) == [second]
    assert _refs(client.get("/search", params={"person": "李娜"}).text) == [second]  # S0103 by name
    assert _refs(client.get("/search", params={"person": "S0102"}).text) == [first]
    with session_scope() as session:
        status = session.get(Case, first).status
    assert set(_refs(client.get("/search", params={"status": f"sample:{status}"}).text)) == {first, second}
    assert _refs(client.get("/search", params={"status": f"leave:{status}"}).text) == []
    refused = client.get("/search", params={"kind": "leave", "status": f"sample:{status}"})
    assert refused.status_code == 400 and "所选状态不属于所选程序" in refused.text


def test_search_by_the_date_opened(as_):
    ref, _ = sample_case("W01")  # opened 2026-10-09
    client = as_("G001")
    assert _refs(client.get("/search", params={"from": "2026-10-09", "to": "2026-10-09"}).text) == [ref]
    assert _refs(client.get("/search", params={"from": "2026-10-10"}).text) == []


def test_results_come_a_page_at_a_time_newest_first(as_):
    refs = []
    for minute in range(23):
        ref, _ = sample_case("W01")
        with session_scope() as session:
            session.get(Case, ref).opened_at = datetime(2026, 10, 9, 10, minute)
        refs.append(ref)
    client = as_("S0101")
    first = client.get("/search", params={"window_id": "W01"})
    assert _refs(first.text) == refs[::-1][:20] and "page=2" in first.text
    second = client.get("/search", params={"window_id": "W01", "page": "2"}).text
    assert _refs(second) == refs[::-1][20:] and "下一页" not in second and "上一页" in second


def test_paging_counts_only_what_the_viewer_may_see(as_):
    visible = []
    for minute in range(25):
        window = "W01" if minute % 2 == 0 else "W02"
        ref, _ = sample_case(window, opened_by="S0102" if window == "W01" else "S0202")
        with session_scope() as session:
            session.get(Case, ref).opened_at = datetime(2026, 10, 9, 10, minute)
        if window == "W01":
            visible.append(ref)
    client = as_("S0101")
    pages = _refs(client.get("/search", params={"kind": "sample"}).text) + \
        _refs(client.get("/search", params={"kind": "sample", "page": "2"}).text)
    assert pages == visible[::-1]


def test_a_bad_date_is_shown_next_to_its_field(as_):
    response = as_("G001").get("/search", params={"from": "2026-13-40", "to": "2026-01-01"})
    assert response.status_code == 400 and "「2026-13-40」应为 YYYY-MM-DD 格式的日期" in response.text
    assert '<div class="field invalid">\n  <label class="title" for="f-from">' in response.text


def test_an_end_before_the_start_is_refused(as_):
    response = as_("G001").get("/search", params={"from": "2026-10-09", "to": "2026-10-01"})
    assert response.status_code == 400 and "结束日期不能早于开始日期" in response.text


def test_titles_and_search_text_are_shown_as_text(as_):
    ref, _ = sample_case("W01")
    with session_scope() as session:
        session.get(Case, ref).title = "<b>粗体</b><script>x()</script>"
    echoed = as_("G001").get("/search", params={"person": "<script>"}).text
    assert 'value="&lt;script&gt;"' in echoed and "<script>" not in echoed.split("<main>")[1]
    shown = as_("G001").get("/search", params={"ref": ref}).text
    assert "&lt;b&gt;粗体&lt;/b&gt;&lt;script&gt;x()&lt;/script&gt;" in shown and "<script>x()" not in shown
