"""撤回 (issue 29 item 4): the submitter withdraws their own case while nobody has decided any of its steps
— on the case page (a button) and with `center case withdraw REF --as STAFF`; the case is closed as
withdrawn, its open items cancelled, both in the history; refused, nothing written, for anyone else,
once a step is decided, and once the case is closed (a second withdrawal)."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from models.core.cases import AuditEvent, Case, WorkItem
from models.core.db import session_scope
from models.core.org_import import import_org
from models.core.withdrawal import withdraw_case
from models.core.workitems import complete_work_item
from models.procedures import all_procedures
from support.cli import ROOT, run_cli
from support.snapshot import snapshot
from web.web_desk import post_form, sample_case, token_of

ISSUE_29_DEFECTS = (4,)


def _state(ref: str) -> tuple[str, list[str], list[str]]:
    with session_scope() as session:
        status = session.get(Case, ref).status
        items = [i.status for i in session.exec(select(WorkItem).where(WorkItem.case_ref == ref)).all()]
        actions = [e.action for e in session.exec(select(AuditEvent).where(AuditEvent.case_ref == ref)
                                                  .order_by(AuditEvent.id)).all()]
    return status, items, actions


def _decide(item_id: int) -> None:
    with session_scope() as session:
        complete_work_item(session=session, item_id=item_id, actor_id="S0101", decision={"approve": True},
                           at=datetime(2026, 10, 12, 9))


def test_the_submitter_withdraws_from_the_case_page(as_):
    ref, _ = sample_case("W01", opened_by="S0102")
    client = as_("S0102")
    assert f'action="/cases/{ref}/withdrawal"' in client.get(f"/cases/{ref}").text
    response = post_form(client, f"/cases/{ref}", f"/cases/{ref}/withdrawal", {})
    assert response.status_code == 303
    status, items, actions = _state(ref)
    assert status == "withdrawn" and items == ["cancelled"] and actions[-2:] == ["withdraw", "cancel:review"]
    page = client.get(f"/cases/{ref}").text
    assert "案件已撤回（已撤回）" in page and f'action="/cases/{ref}/withdrawal"' not in page


def test_only_the_submitter_gets_the_button_and_another_is_refused(as_):
    ref, _ = sample_case("W01", opened_by="S0102")
    head = as_("S0101")
    assert f"/cases/{ref}/withdrawal" not in head.get(f"/cases/{ref}").text
    before = snapshot()
    response = post_form(head, f"/cases/{ref}", f"/cases/{ref}/withdrawal", {})
    assert response.status_code == 403 and "只有提交人本人可以撤回" in response.text and snapshot() == before


def test_once_a_step_is_decided_the_withdrawal_is_refused_with_the_reason(as_):
    ref, item_id = sample_case("W01", opened_by="S0102")
    client = as_("S0102")
    token_page = client.get(f"/cases/{ref}").text
    _decide(item_id)
    assert f"/cases/{ref}/withdrawal" not in client.get(f"/cases/{ref}").text
    before = snapshot()
    response = client.post(f"/cases/{ref}/withdrawal", data={"csrf_token": token_of(token_page)},
                           follow_redirects=False)
    assert response.status_code == 409 and "已有办理决定，不能撤回" in response.text and snapshot() == before


def test_the_command_line_withdraws_and_refuses_a_second_time(org, capsys):
    ref, _ = sample_case("W01", opened_by="S0102")
    result = run_cli(capsys, "case", "withdraw", ref, "--as", "S0102")
    assert result.code == 0 and f"案件 {ref} 已撤回；案件状态：已撤回" in result.out
    assert _state(ref)[:2] == ("withdrawn", ["cancelled"])
    before = snapshot()
    again = run_cli(capsys, "case", "withdraw", ref, "--as", "S0102")
    assert again.code == 2 and "案件已办结，不能撤回" in again.err and snapshot() == before


def test_the_command_line_refuses_another_person_and_a_decided_case(org, capsys):
    ref, item_id = sample_case("W01", opened_by="S0102")
    before = snapshot()
    other = run_cli(capsys, "case", "withdraw", ref, "--as", "S0101")
    assert other.code == 2 and "只有提交人本人可以撤回" in other.err and snapshot() == before
    _decide(item_id)
    before = snapshot()
    decided = run_cli(capsys, "case", "withdraw", ref, "--as", "S0102")
    assert decided.code == 2 and "已有办理决定，不能撤回" in decided.err and snapshot() == before


def test_every_withdrawal_ends_the_case_and_the_submitted_procedures_allow_it():
    withdrawing = {p.kind for p in all_procedures() if any(e == "withdraw" for _, e in p.transitions)}
    assert {"leave", "it_access", "matter"} <= withdrawing
    for procedure in all_procedures():
        for (status, event), target in procedure.transitions.items():
            if event == "withdraw":
                assert target in procedure.final and target in procedure.status_labels, (procedure.kind, status)


def test_withdrawal_on_sqlite_and_postgresql(any_db):

    with session_scope() as session:
        import_org(session=session, path=ROOT / "examples" / "org.yaml")
    ref, _ = sample_case("W01", opened_by="S0102")
    with session_scope() as session:
        assert withdraw_case(session=session, ref=ref, actor="S0102") == "withdrawn"
    assert _state(ref)[:2] == ("withdrawn", ["cancelled"])
