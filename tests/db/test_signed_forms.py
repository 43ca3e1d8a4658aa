"""Every rendered form shows who signed each of its boxes (电子签批), re-rendered after each
decision, the version printed before a signature kept in the case's documents (issue 28 item 4)."""
from __future__ import annotations

from datetime import date

from models.core.db import session_scope
from models.core.documents import documents_of
from models.core.settings import get_settings
from support.leaves import apply, decide

ISSUE_28_DEFECTS = (4,)  # counted in the reliability summary when these tests pass

SICK = dict(kind="annual", start=date(2026, 3, 4), end=date(2026, 3, 6))


def _forms(ref: str, kind: str) -> list[str]:
    with session_scope() as session:
        return [(get_settings().data_dir / d.path).read_text(encoding="utf-8")
                for d in documents_of(session=session, case_ref=ref, kind=kind)]


def test_the_leave_form_shows_both_e_signatures_after_both_approvals(org):
    ref = apply(**SICK)
    decide(ref, "head_review", "S0101", approve=True, comment="同意，已安排<b>替岗</b>")
    decide(ref, "management_review", "G002", approve=True)
    latest = _forms(ref, "leave_form")[-1]
    assert "签字：＿＿＿＿＿＿" not in latest
    assert "电子签批：张伟（S0101）　同意" in latest and "电子签批：钱志强（G002）　同意" in latest
    assert "意见：同意，已安排&lt;b&gt;替岗&lt;/b&gt;" in latest and "<b>替岗" not in latest


def test_each_signature_adds_a_version_and_the_unsigned_one_stays(org):
    ref = apply(**SICK)
    decide(ref, "head_review", "S0101", approve=True)
    unsigned, head_signed = _forms(ref, "leave_form")
    assert unsigned.count("签字：＿＿＿＿＿＿") == 2 and "尚无签批" in unsigned
    assert "电子签批：张伟（S0101）" in head_signed and head_signed.count("签字：＿＿＿＿＿＿") == 1


def test_a_refusal_is_printed_with_its_reason(org):
    ref = apply(**SICK)
    decide(ref, "head_review", "S0101", approve=False, comment="窗口人手不足")
    assert "电子签批：张伟（S0101）　不同意" in _forms(ref, "leave_form")[-1]
    assert "窗口人手不足" in _forms(ref, "leave_form")[-1]


def test_the_transfer_form_shows_the_center_review_that_approved_it(org):
    from support.rotations import propose, review

    ref = propose("W01", ["S0102"])
    review(ref, comment="同意轮换")
    [form] = _forms(ref, "transfer_form")
    assert "中心审核意见：＿" not in form and "电子签批：孙丽华（G001）　同意　2026" in form and "意见：同意轮换" in form


def test_the_return_letter_shows_who_decided_the_return(org):
    from support.staff_returns import CONFIRM, decide as decide_return, open_manual

    ref = open_manual()
    decide_return(ref, "decide", "G001", CONFIRM)
    [letter] = _forms(ref, "return_letter")
    assert "<h2>电子签批</h2>" in letter and "孙丽华（G001）" in letter and "经核实，符合退回情形" in letter
