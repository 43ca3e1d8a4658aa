"""Filing a matter request: bad input writes nothing, gaps are told at once, the two work items."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import func, select

from models.core.cases import Case, WorkItem
from models.core.db import session_scope
from models.core.documents import documents_of
from models.core.errors import CenterError, Conflict, InvalidInput, PermissionDenied, PolicyViolation
from models.matter.store import get_matter, mark_pending
from models.matter.tables import Matter, MatterRequest
from models.matter.inputs import MatterStatus, parse_request
from models.core.org import Role
from models.core.outbox import OutboxMessage
from support.matters import decide, file_and_screen, open_item, sample, through
from tasks.core.delivery import deliver_due
from tasks.core.advance import step_case
from tasks.matter.steps import file_request

pytestmark = pytest.mark.usefixtures("org")


def _count(model) -> int:
    with session_scope() as session:
        return session.exec(select(func.count()).select_from(model)).one()


def _cancel(code: str = "QP-RSJ-001"):
    return parse_request({"request": "cancel", "code": code, "department": "rsj", "reason": "法规废止"})


@pytest.mark.parametrize(("make_form", "error", "words"), [
    (lambda: sample(code="QP-XYZ-001", department="xyz"), InvalidInput, "找不到部门 xyz"),
    (lambda: sample(name="失业登记（重复）"), InvalidInput, "事项编码 QP-RSJ-001 已存在"),
    (lambda: _cancel("QP-RSJ-002"), PolicyViolation, "只能对在办事项申请取消"),
    (lambda: sample(code="QP-RSJ-009", guide={"time_limit": {"statutory_days": 5, "promised_days": 8}}),
     PolicyViolation, "承诺时限（8个工作日）不得超过法定时限（5个工作日）"),
])
def test_bad_input_is_refused_and_nothing_is_written(make_form, error, words):
    through(sample())  # QP-RSJ-001 on the list
    file_and_screen(sample(code="QP-RSJ-002"))  # QP-RSJ-002 proposed, waiting for the district office
    before = (_count(Case), _count(Matter), _count(OutboxMessage))
    with pytest.raises(error, match=words):
        file_request(form=make_form(), actor="D-rsj")
    assert (_count(Case), _count(Matter), _count(OutboxMessage)) == before


def test_every_problem_of_a_request_is_refused_at_once():
    form = sample(window="W03", scope=["盖章"], guide={"time_limit": {"statutory_days": 1, "promised_days": 2}})
    with pytest.raises(CenterError) as refused:
        file_request(form=form, actor="D-rsj")
    assert [p.field for p in refused.value.problems] == ["进驻窗口编号", "窗口授权范围", "办理时限.承诺时限"]


def test_another_departments_contact_may_not_file_and_nothing_is_written():
    with pytest.raises(PermissionDenied, match="只能为本部门的事项提出申请"):
        file_request(form=sample(), actor="D-gaj")
    assert _count(Case) == 0


def test_a_request_with_three_gaps_sends_one_message_listing_all_three(channels):
    smtp, _ = channels
    ref, status = file_and_screen(sample("with-gaps"))
    deliver_due()
    mails = smtp.to("rsj-hr@example.gov.cn")
    body = smtp.text(mails[0])
    assert status == "incomplete" and len(mails) == 1 and all(
        gap in body for gap in ("1. 办理依据：未填写", "2. 申报材料第2项（就业困难人员认定申请表）：未写明规格/样式",
                                "3. 监督渠道：未填写"))


def test_the_one_time_notice_is_kept_with_the_case():
    ref, _ = file_and_screen(sample("with-gaps"))
    with session_scope() as session:
        assert [d.title for d in documents_of(session=session, case_ref=ref)] == ["一次性告知书"]


def test_an_incomplete_request_does_not_touch_the_list():
    file_and_screen(sample("with-gaps"))
    assert _count(Matter) == 0


def test_a_complete_request_waits_for_the_district_office():
    ref, status = file_and_screen(sample())
    item = open_item(ref, "forward")
    with session_scope() as session:
        matter = get_matter(session=session, code="QP-RSJ-001")
    assert (status, item.assignee_role, matter.status) == ("submitted", Role.district_office, MatterStatus.proposed)


def test_forwarding_opens_the_management_sections_item():
    ref, _ = file_and_screen(sample())
    assert decide(ref, "forward", "Q001") == "forwarded" and open_item(ref, "review").assignee_role == Role.management


def test_only_the_district_office_forwards():
    ref, _ = file_and_screen(sample())
    with pytest.raises(PermissionDenied, match="角色不符"):
        decide(ref, "forward", "G001")


def test_only_the_management_section_approves():
    ref, _ = file_and_screen(sample())
    decide(ref, "forward", "Q001")
    with pytest.raises(PermissionDenied, match="角色不符"):
        decide(ref, "review", "Q001")


def test_filing_the_same_request_twice_returns_the_same_case():
    first = file_request(form=sample(), actor="D-rsj")
    assert file_request(form=sample(), actor="D-rsj") == (first[0], False) and _count(Case) == 1


def test_screening_twice_changes_nothing():
    ref, _ = file_and_screen(sample("with-gaps"))
    before = (_count(OutboxMessage), _count(WorkItem))
    assert step_case(case_ref=ref, actor="D-rsj")[1] == "incomplete"
    assert (_count(OutboxMessage), _count(WorkItem)) == before


def test_a_second_request_for_a_matter_under_change_is_refused():
    through(sample())
    file_and_screen(sample(request="change", name="失业登记（含线上申请）"))
    with pytest.raises(PolicyViolation, match="在办（申请审批中）"):
        file_request(form=_cancel(), actor="D-rsj")


def test_of_two_requests_racing_for_one_matter_the_second_is_a_conflict():
    through(sample())
    file_and_screen(sample(request="change", name="失业登记（线上）"))
    with session_scope() as session:
        racer = MatterRequest(case_ref="SX-2026-999999", request="cancel", matter_code="QP-RSJ-001",
                              department_id="rsj", form=_cancel().model_dump(mode="json"))
        with pytest.raises(Conflict, match="已有其他申请在办"):
            mark_pending(session=session, request=racer, at=datetime(2026, 10, 9, 10))
