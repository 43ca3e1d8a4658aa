"""A department's notice is checked, recorded and reviewed by the management section (进出管理制度 二)."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from models.core.cases import Case, WorkItem
from models.core.db import session_scope
from models.core.errors import PermissionDenied, PolicyViolation, ValidationFailed
from models.core.documents import Document
from models.core.outbox import OutboxMessage
from models.rotation.tables import RotationProposal
from models.core.posting_requirements import set_requirement
from models.rotation.store import get_proposal
from support.rotations import arrival, count, decide, open_items, org_any, propose, review, status  # noqa: F401


def proposal_of(ref: str) -> RotationProposal:
    with session_scope() as session:
        return get_proposal(session=session, case_ref=ref)


def failing(ref: str) -> list[str]:
    return [c["rule"] for c in proposal_of(ref).checks if not c["passed"]]


def test_ten_staff_rotating_three_with_ten_working_days_notice_passes_every_check(org):
    ref = propose("W01", ["S0102", "S0103", "S0104"])
    assert failing(ref) == [] and status(ref) == "review"


def test_the_notice_opens_a_review_for_the_management_section_and_tells_it(org):
    ref = propose("W01", ["S0102"])
    [item] = open_items(ref, "review")
    assert (item.assignee_role, item.form) == ("management", "rotation_review")
    assert count(OutboxMessage, OutboxMessage.case_ref == ref, OutboxMessage.address == "role:management") == 1


def test_the_same_notice_submitted_twice_opens_one_case(org):
    assert propose("W01", ["S0102"]) == propose("W01", ["S0102"])
    assert count(Case) == 1


def test_four_of_ten_exceeds_the_cap(org):
    assert failing(propose("W01", ["S0102", "S0103", "S0104", "S0105"])) == ["rotation.cap_percent"]


def test_two_more_later_in_the_quarter_exceed_the_cap_counted_with_the_approved_two(org):
    first = propose("W01", ["S0102", "S0103"])
    review(first, comment="同意")
    later = propose("W01", ["S0105", "S0106"], ref="青人社函〔2026〕15号", received=datetime(2026, 4, 2, 9),
                    effective=date(2026, 4, 20), now=datetime(2026, 4, 2, 10))
    assert failing(later) == ["rotation.cap_percent"]
    assert "已批准调离 2 人，本次调离 2 人，合计 4 人，上限 30% 即 3 人" in proposal_of(later).checks[2]["detail"]


def test_a_rejected_rotation_does_not_count_towards_the_cap(org):
    first = propose("W01", ["S0102", "S0103"])
    review(first, approve=False, comment="人员不足")
    later = propose("W01", ["S0105", "S0106"], ref="青人社函〔2026〕15号")
    assert failing(later) == []


def test_one_of_three_exceeds_the_cap_and_a_plain_approval_is_refused(org):
    ref = propose("W02", ["S0203"], actor="D-scjgj")
    with pytest.raises(PolicyViolation, match="轮换人数不超过30%.*请选择「例外批准」并填写理由"):
        decide(ref, "review", "G001", approve=True)
    assert len(open_items(ref, "review")) == 1 and status(ref) == "review"


def test_one_of_three_passes_with_an_exception_and_its_reason(org_any):
    ref = propose("W02", ["S0203"], actor="D-scjgj")
    assert review(ref, approve=True, exception=True, comment="窗口业务调整，确需轮换") == "approved"
    exception = proposal_of(ref).exception
    assert (exception["rules"], exception["reason"], exception["by"]) == (
        ["rotation.cap_percent"], "窗口业务调整，确需轮换", "G001")


def test_notice_nine_working_days_ahead_is_refused_unless_excepted(org):
    ref = propose("W01", ["S0102"], received=datetime(2026, 4, 1, 9), now=datetime(2026, 4, 1, 10))
    assert failing(ref) == ["rotation.notice_days"]
    with pytest.raises(PolicyViolation, match="提前 9 个工作日"):
        decide(ref, "review", "G001", approve=True)
    assert review(ref, exception=True, comment="上级统一部署") == "approved"


def test_only_the_management_section_reviews(org):
    ref = propose("W01", ["S0102"])
    with pytest.raises(PermissionDenied):
        decide(ref, "review", "D-rsj", approve=True)
    assert status(ref) == "review"


def test_a_rejection_cancels_the_review_and_tells_the_department(org):
    ref = propose("W01", ["S0102"])
    assert review(ref, approve=False, comment="请于七月再行轮换") == "rejected"
    assert count(OutboxMessage, OutboxMessage.case_ref == ref, OutboxMessage.template == "rotation_decided",
                 OutboxMessage.address == "rsj-leader@example.gov.cn") == 1


def test_approval_renders_a_transfer_form_and_a_departure_confirmation_per_person_leaving(org):
    ref = propose("W01", ["S0102", "S0103"])
    review(ref, comment="同意")
    assert [i.title for i in open_items(ref, "departure")] == ["确认王芳（S0102）调离", "确认李娜（S0103）调离"]
    assert count(Document, Document.case_ref == ref, Document.kind == "transfer_form") == 2


def test_hard_errors_are_all_reported_and_nothing_is_written(org):
    with pytest.raises(ValidationFailed) as refused:
        propose("W01", ["S0201", "S0102"], [arrival("S0102", "王芳")], effective=date(2026, 3, 30))
    messages = [str(p) for p in refused.value.problems]
    assert any("S0201 不是窗口 W01 的在岗人员" in m for m in messages)
    assert any("S0102 不能同时调离和进驻" in m for m in messages)
    assert any("早于公函收到日期" in m for m in messages)
    assert count(Case) == 0 and count(WorkItem) == 0


def test_an_empty_proposal_is_refused(org):
    with pytest.raises(Exception, match="轮换方案为空"):
        propose("W01", [])
    assert count(Case) == 0


def test_another_windows_head_may_not_propose(org):
    with pytest.raises(PermissionDenied, match="S0201"):
        propose("W01", ["S0102"], actor="S0201")
    assert count(Case) == 0


def test_an_arrival_without_the_windows_required_qualification_is_refused_outright(org):
    with session_scope() as session:
        set_requirement(session=session, window_id="W02", qualification="企业登记审核资格", actor="G001")
    with pytest.raises(PolicyViolation, match="企业登记审核资格.*进出管理制度 一.4"):
        propose("W02", [], [arrival("S0204", "钱进")], actor="D-scjgj")
    assert count(Case) == 0


def test_an_intern_arriving_is_flagged_on_the_case(org):
    ref = propose("W01", [], [arrival("X0101", "林小雨", intern=True, employment="other")])
    [flag] = [c for c in proposal_of(ref).checks if c["flag"]]
    assert flag["rule"] == "rotation.intern" and "原则上不允许单独受理业务" in flag["detail"]
