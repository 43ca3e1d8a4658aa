"""A case page's own facts for the deciders (issue 28) where no submission form leads to them: a
window head's replacement shows the head, each year's ranking and the rule it was opened under."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from models.core.cases import Case, WorkItem, WorkItemStatus
from models.core.db import session_scope
from tasks.rotation.head_replacement import record_rankings
from web.web_desk import set_passwords


def test_a_head_replacement_shows_the_department_the_rankings_behind_it(as_, tmp_path):
    rankings = tmp_path / "rankings.yaml"
    rankings.write_text("rankings:\n" + "".join(
        f"  - {{year: {y}, window: {w}, rank: {r}}}\n" for y in (2025, 2026)
        for w, r in (("W01", 1), ("W02", 2), ("W04", 3), ("W03", 4))), encoding="utf-8")
    record_rankings(path=rankings, actor="G001", now=datetime(2027, 1, 10, 9))
    with session_scope() as session:
        ref = session.exec(select(Case.ref).join(WorkItem, WorkItem.case_ref == Case.ref).where(
            Case.kind == "head_replacement", Case.window_id == "W03", WorkItem.status == WorkItemStatus.open)).first()
    set_passwords("D-gaj")
    page = as_("D-gaj").get(f"/cases/{ref}").text
    for shown in ("现任窗口负责人</dt><dd>", "S0301", "2025年度考核排名</dt><dd>第 4 名（共 4 名）",
                  "2026年度考核排名</dt><dd>第 4 名（共 4 名）", "派驻部门窗口负责人岗位职责 7",
                  "连续 2 年排名在后 3 名"):
        assert shown in page, shown


def test_an_attachment_is_listed_on_its_case_and_its_page_reads_in_chinese(as_, tmp_path):
    from models.core.documents import store_attachment
    from web.web_desk import sample_case

    ref, _ = sample_case()
    proof = tmp_path / "proof.pdf"
    proof.write_bytes(b"%PDF-1.4 proof")
    with session_scope() as session:
        document = store_attachment(session=session, case_ref=ref, kind="proof", source=proof, actor="S0102")
        doc_id = document.id
    client = as_("S0101")
    assert f'href="/documents/{doc_id}"' in client.get(f"/cases/{ref}").text
    page = client.get(f"/documents/{doc_id}").text
    assert "文件校验码" in page and "SHA-256" not in page
