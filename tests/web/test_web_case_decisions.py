"""Earlier decisions on the case page (issue 28): every decided step's fields under its form's Chinese
titles, and a complaint's findings and reply under the one masking rule (complainant_view): in full for
whoever handles the case now, masked for everyone else who may see it."""
from __future__ import annotations

from support.complaint_cases import RATING, advance, open_item, register
from tasks.core.workitems import record_decision

FINDINGS = "张三丰来电13912345678反映属实，已调取录音"
REPLY = "已对工作人员批评教育（答复张三丰）"


def _investigated() -> str:
    """A rating answered by its window: the reply waits on the management section's review."""
    ref = register(RATING, actor="T001", complainant_name="张三丰", complainant_contact="13912345678")
    advance(ref)
    record_decision(item_id=open_item(ref, "investigate").id, actor="S0101",
                    decision={"findings": FINDINGS, "verdict": "partly", "reply": REPLY})
    advance(ref)
    return ref


def test_the_reviewer_sees_the_findings_and_the_reply_in_full_under_their_titles(as_):
    page = as_("G001").get(f"/cases/{_investigated()}").text
    for shown in (f"核实情况</dt><dd>{FINDINGS}", "核查结论</dt><dd>部分属实", f"答复内容</dt><dd>{REPLY}"):
        assert shown in page, shown


def test_someone_who_does_not_handle_it_sees_the_findings_with_the_complainant_masked(as_):
    page = as_("S0101").get(f"/cases/{_investigated()}").text
    assert "核实情况</dt><dd>张**来电139****5678反映属实" in page and "答复内容</dt><dd>已对工作人员批评教育（答复张**）" in page
    assert "13912345678" not in page and "张三丰" not in page
