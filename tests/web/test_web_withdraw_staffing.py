"""撤回 for the staffing procedures (issue 29 item 4): a rotation (the department's notice), a short secondment
and an intern's report (the window head's) are withdrawn by their submitter while the center has not
decided them — on the case page and with `center case withdraw`; the case is closed as withdrawn, its review
cancelled, both in the history; refused with the reason once reviewed, for anyone else, and a second time.
A withdrawn request filed again opens a new case; a withdrawn secondment never starts."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import select

from models.core.cases import AuditEvent, Case, WorkItem
from models.core.db import session_scope
from models.core.org import Staff, StaffStatus
from models.core.withdrawal import withdraw_case
from models.procedures import get_procedure
from support.cli import run_cli
from support.rotations import advance
from support.snapshot import snapshot
from tasks.core.workitems import record_decision
from web.send_back_cases import _intern, _rotation, _secondment
from web.web_desk import post_form, token_of

ISSUE_29_DEFECTS = (4,)
CASES = {"rotation": (_rotation, "D-rsj"), "secondment": (_secondment, "S0101"), "intern": (_intern, "S0101")}


def _state(ref: str) -> tuple[str, list[str], list[tuple[str, str]]]:
    with session_scope() as session:
        status = session.get(Case, ref).status
        items = [i.status for i in session.exec(select(WorkItem).where(WorkItem.case_ref == ref)).all()]
        events = [(e.action, e.actor) for e in session.exec(select(AuditEvent).where(AuditEvent.case_ref == ref)
                                                            .order_by(AuditEvent.id)).all()]
    return status, items, events


def _review(ref: str) -> None:
    with session_scope() as session:
        item = session.exec(select(WorkItem).where(WorkItem.case_ref == ref, WorkItem.step == "review")).one()
    record_decision(item_id=item.id, actor="G001", decision={"approve": True}, at=datetime(2026, 11, 3, 9))


def test_the_staffing_machines_declare_the_withdrawal_from_their_review_only():
    for kind in CASES:
        procedure = get_procedure(kind)
        assert [s for (s, e) in procedure.transitions if e == "withdraw"] == ["review"]
        assert procedure.transitions[("review", "withdraw")] == "withdrawn" in procedure.final
        assert procedure.status_label("withdrawn") == "已撤回"


@pytest.mark.parametrize("kind", CASES)
def test_the_submitter_withdraws_on_the_case_page(kind, as_):
    opened, submitter = CASES[kind]
    ref = opened()
    client = as_(submitter)
    assert f'action="/cases/{ref}/withdrawal"' in client.get(f"/cases/{ref}").text
    response = post_form(client, f"/cases/{ref}", f"/cases/{ref}/withdrawal", {})
    assert response.status_code == 303
    status, items, events = _state(ref)
    assert status == "withdrawn" and items == ["cancelled"]
    assert events[-2:] == [("withdraw", submitter), ("cancel:review", submitter)]
    page = client.get(f"/cases/{ref}").text
    assert "案件已撤回（已撤回）" in page and f'action="/cases/{ref}/withdrawal"' not in page
    # The management section finds nothing left to review.
    assert "/decide" not in as_("G001").get(f"/cases/{ref}").text


@pytest.mark.parametrize("kind", CASES)
def test_once_reviewed_the_withdrawal_is_refused_with_the_reason(kind, as_):
    opened, submitter = CASES[kind]
    ref = opened()
    client = as_(submitter)
    token = token_of(client.get(f"/cases/{ref}").text)
    _review(ref)
    assert f"/cases/{ref}/withdrawal" not in client.get(f"/cases/{ref}").text
    before = snapshot()
    response = client.post(f"/cases/{ref}/withdrawal", data={"csrf_token": token}, follow_redirects=False)
    assert response.status_code == 409 and "已有办理决定，不能撤回" in response.text and snapshot() == before


@pytest.mark.parametrize("kind", CASES)
def test_only_the_submitter_may_withdraw(kind, as_):
    opened, submitter = CASES[kind]
    ref = opened()
    other = as_("G001")
    assert f"/cases/{ref}/withdrawal" not in other.get(f"/cases/{ref}").text
    before = snapshot()
    response = post_form(other, f"/cases/{ref}", f"/cases/{ref}/withdrawal", {})
    assert response.status_code == 403 and "只有提交人本人可以撤回" in response.text and snapshot() == before


@pytest.mark.parametrize("kind", CASES)
def test_the_command_line_withdraws_and_refuses_a_second_time_and_after_a_review(kind, org, capsys):
    opened, submitter = CASES[kind]
    ref = opened()
    result = run_cli(capsys, "case", "withdraw", ref, "--as", submitter)
    assert result.code == 0 and f"案件 {ref} 已撤回；案件状态：已撤回" in result.out
    before = snapshot()
    again = run_cli(capsys, "case", "withdraw", ref, "--as", submitter)
    assert again.code == 2 and "案件已办结，不能撤回" in again.err and snapshot() == before
    # Filed again, the same request opens a new case: the withdrawn one released its identity.
    second = opened()
    assert second != ref and _state(second)[0] == "review"
    _review(second)
    before = snapshot()
    reviewed = run_cli(capsys, "case", "withdraw", second, "--as", submitter)
    assert reviewed.code == 2 and "已有办理决定，不能撤回" in reviewed.err and snapshot() == before


def test_a_withdrawn_secondment_never_starts(org):
    ref = _secondment()
    with session_scope() as session:
        withdraw_case(session=session, ref=ref, actor="S0101")
    # Its first day (2026-11-09) comes: the case stays withdrawn, the person on post.
    assert advance(ref, "system", now=datetime(2026, 11, 9, 7, 30)) == "withdrawn"
    with session_scope() as session:
        assert session.get(Staff, "S0105").status == StaffStatus.active
