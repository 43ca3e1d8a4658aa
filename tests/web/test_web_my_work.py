"""已办 and 我发起的 (issue 29 item 2): the items I decided with the decision, when and the case's status
now; the cases I opened with their status, the step they wait on, who must act and by when; each paged
and narrowed by a text on the case's reference or title, in the menu beside 我的待办."""
from __future__ import annotations

import re
from datetime import datetime

from models.core.cases import Case
from models.core.db import session_scope
from models.core.workitems import complete_work_item
from web.test_web_nav import menu_links
from web.web_desk import sample_case

ISSUE_29_DEFECTS = (2,)


def _decide(item_id: int, actor: str = "S0101", approve: bool = True, at=datetime(2026, 10, 12, 9, 30)) -> None:
    with session_scope() as session:
        complete_work_item(session=session, item_id=item_id, actor_id=actor,
                           decision={"approve": approve, "comment": "材料齐全"}, at=at)


def _refs(html: str, table: str) -> list[str]:
    body = html.split(f'class="stack {table}"', 1)[1].split("</table>", 1)[0] if f'class="stack {table}"' in html else ""
    return list(dict.fromkeys(re.findall(r'<a href="/cases/([A-Z0-9-]+)"', body)))


def test_done_lists_the_items_i_decided_with_decision_time_and_status(as_):
    ref, item_id = sample_case("W01")
    other, _ = sample_case("W01")
    _decide(item_id)
    html = as_("S0101").get("/done").text
    assert _refs(html, "done") == [ref]
    row = html.split(f'href="/cases/{ref}"', 1)[1].split("</tr>", 1)[0]
    assert "同意；材料齐全" in row and "2026-10-12 09:30" in row and "审核中" in row
    assert other not in html


def test_done_is_only_my_own_decisions(as_):
    _, item_id = sample_case("W01")
    _decide(item_id)
    others = as_("G001").get("/done")
    assert others.status_code == 200 and "还没有已办事项" in others.text and _refs(others.text, "done") == []


def test_mine_lists_my_cases_with_the_step_who_must_act_and_the_due(as_):
    ref, item_id = sample_case("W01", opened_by="S0102", due_at=datetime(2099, 1, 5, 17))
    html = as_("S0102").get("/mine").text
    assert _refs(html, "mine") == [ref]
    row = html.split(f'href="/cases/{ref}"', 1)[1].split("</tr>", 1)[0]
    assert f"#item-{item_id}" in row and "审核测试案件" in row and "待 窗口负责人（W01） 办理" in row
    assert "2099-01-05 17:00" in row
    assert _refs(as_("S0101").get("/mine").text, "mine") == []


def test_a_decided_case_waits_on_no_one(as_):
    ref, item_id = sample_case("W01", opened_by="S0102")
    _decide(item_id)
    row = as_("S0102").get("/mine").text.split(f'href="/cases/{ref}"', 1)[1].split("</tr>", 1)[0]
    assert "待 " not in row and "—" in row


def test_the_text_filter_narrows_by_reference_and_title(as_):
    first, one = sample_case("W01", opened_by="S0102")
    second, two = sample_case("W01", opened_by="S0102")
    with session_scope() as session:
        session.get(Case, second).title = "营业执照变更 50%_加急"
    _decide(one), _decide(two)
    client = as_("S0102")
    assert _refs(client.get("/mine", params={"q": "营业执照"}).text, "mine") == [second]
    assert _refs(client.get("/mine", params={"q": first.lower()}).text, "mine") == [first]
    assert _refs(client.get("/mine", params={"q": "%"}).text, "mine") == [second]  # a literal, not a wildcard
    assert _refs(client.get("/mine", params={"q": "_"}).text, "mine") == [second]
    assert _refs(as_("S0101").get("/done", params={"q": "营业执照"}).text, "done") == [second]
    empty = client.get("/mine", params={"q": "<b>无此案</b>"}).text
    assert "没有符合「&lt;b&gt;无此案&lt;/b&gt;」的案件" in empty


def test_both_lists_are_paged(as_):
    refs = []
    for _ in range(3):
        ref, item_id = sample_case("W01", opened_by="S0102")
        _decide(item_id)
        refs.append(ref)
    client = as_("S0102")
    first = client.get("/mine", params={"size": 2}).text
    second = client.get("/mine", params={"size": 2, "page": 2}).text
    assert len(_refs(first, "mine")) == 2 and len(_refs(second, "mine")) == 1
    assert set(_refs(first, "mine") + _refs(second, "mine")) == set(refs)
    assert "共 3 条，第 1 / 2 页" in first
    head = as_("S0101")
    assert len(_refs(head.get("/done", params={"size": 2, "page": 2}).text, "done")) == 1
    bad = head.get("/done", params={"page": "x"})
    assert bad.status_code == 400 and "页码" in bad.text


def test_the_menu_offers_both_beside_my_work(as_):
    links = menu_links(as_("S0103").get("/").text)
    assert links.index("/") < links.index("/done") < links.index("/mine")
