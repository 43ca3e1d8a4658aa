"""催办 (issue 29 item 5): the management section or the case's submitter urges the person an open item
waits on — an SMS and an e-mail, at most once a working day per item (a weekend's urges count for the
Monday), in the case's history as 催办 — from a button on the open item (desk) and with `center case urge
ITEM --as STAFF`; refused, nothing written, for anyone else, for a decided item, and twice in a day."""
from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest
from sqlmodel import select

from models.core.cases import AuditEvent
from models.core.db import session_scope
from models.core.org_import import import_org
from models.core.errors import Conflict
from models.core.outbox import OutboxMessage
from models.core.workitems import complete_work_item
from support.cli import ROOT, run_cli
from support.sample_procedure import advance_sample
from support.snapshot import snapshot
from tasks.core.urge import urge_item
from web.web_desk import post_form, sample_case, token_of

ISSUE_29_DEFECTS = (5,)


def _urges(ref: str) -> tuple[list[tuple[str, str]], list[dict]]:
    """The urge messages (channel, address) and the history's 催办 events of case `ref`."""
    with session_scope() as session:
        messages = [(m.channel.value, m.address) for m in session.exec(
            select(OutboxMessage).where(OutboxMessage.case_ref == ref, OutboxMessage.template == "workitem_urge")
            .order_by(OutboxMessage.id)).all()]
        events = [e.details for e in session.exec(select(AuditEvent).where(AuditEvent.case_ref == ref,
                                                                            AuditEvent.action == "urge")).all()]
    return messages, events


def test_the_submitter_urges_from_the_open_item_and_the_assignee_gets_sms_and_email(as_):
    ref, item_id = sample_case("W01", opened_by="S0102")
    client = as_("S0102")
    assert f'action="/items/{item_id}/urge"' in client.get(f"/cases/{ref}").text
    response = post_form(client, f"/cases/{ref}", f"/items/{item_id}/urge", {})
    assert response.status_code == 303
    messages, events = _urges(ref)
    assert messages == [("sms", "13700000101"), ("email", "zhangwei@example.gov.cn")]
    assert len(events) == 1 and events[0]["work_item"] == item_id
    page = client.get(f"/cases/{ref}").text
    assert f"已催办待办 {item_id}" in page and "王芳（S0102）：催办" in page


def test_the_management_section_gets_the_button_a_colleague_does_not(as_):
    ref, item_id = sample_case("W01", opened_by="S0102")
    assert f"/items/{item_id}/urge" in as_("G001").get(f"/cases/{ref}").text
    head = as_("S0101")  # the assignee, not the submitter
    assert f"/items/{item_id}/urge" not in head.get(f"/cases/{ref}").text
    before = snapshot()
    response = post_form(head, f"/cases/{ref}", f"/items/{item_id}/urge", {})
    assert response.status_code == 403 and "只有窗口管理科或案件提交人可以催办" in response.text
    assert snapshot() == before


def test_a_second_urge_the_same_day_is_refused_whoever_urges(as_):
    ref, item_id = sample_case("W01", opened_by="S0102")
    assert post_form(as_("S0102"), f"/cases/{ref}", f"/items/{item_id}/urge", {}).status_code == 303
    before = snapshot()
    again = post_form(as_("G001"), f"/cases/{ref}", f"/items/{item_id}/urge", {})
    assert again.status_code == 409 and "已催办，请勿重复催办" in again.text and snapshot() == before


def test_a_decided_item_is_not_urged(as_):
    ref, item_id = sample_case("W01", opened_by="S0102")
    client = as_("S0102")
    token = token_of(client.get(f"/cases/{ref}").text)
    with session_scope() as session:
        complete_work_item(session=session, item_id=item_id, actor_id="S0101", decision={"approve": True})
    assert f"/items/{item_id}/urge" not in client.get(f"/cases/{ref}").text
    before = snapshot()
    response = client.post(f"/items/{item_id}/urge", data={"csrf_token": token}, follow_redirects=False)
    assert response.status_code == 409 and "待办已办理或已取消，无需催办" in response.text and snapshot() == before


def test_once_a_working_day_a_weekend_counting_for_monday(org):
    ref, item_id = sample_case("W01", opened_by="S0102")
    urge_item(item_id=item_id, actor="G001", at=datetime(2026, 10, 16, 10))  # a Friday
    with pytest.raises(Conflict, match="2026-10-16"):
        urge_item(item_id=item_id, actor="S0102", at=datetime(2026, 10, 16, 16))
    urge_item(item_id=item_id, actor="S0102", at=datetime(2026, 10, 17, 10))  # Saturday: for Monday the 19th
    with pytest.raises(Conflict, match="2026-10-19"):
        urge_item(item_id=item_id, actor="G001", at=datetime(2026, 10, 19, 9))
    urge_item(item_id=item_id, actor="G001", at=datetime(2026, 10, 20, 9))
    assert [e["day"] for e in _urges(ref)[1]] == ["2026-10-16", "2026-10-19", "2026-10-20"]


def test_the_command_line_urges_and_refuses(org, capsys):
    ref, item_id = sample_case("W01", opened_by="S0102")
    before = snapshot()
    other = run_cli(capsys, "case", "urge", item_id, "--as", "S0103")
    assert other.code == 2 and "只有窗口管理科或案件提交人可以催办" in other.err and snapshot() == before
    done = run_cli(capsys, "case", "urge", item_id, "--as", "G001")
    assert done.code == 0 and f"已催办案件 {ref} 的待办 {item_id}" in done.out and len(_urges(ref)[0]) == 2
    before = snapshot()
    again = run_cli(capsys, "case", "urge", item_id, "--as", "S0102")
    assert again.code == 2 and "已催办，请勿重复催办" in again.err and snapshot() == before


def test_urges_are_counted_in_the_overdue_statistics(as_):
    ref, item_id = sample_case("W01", opened_by="S0102", due_at=datetime(2026, 1, 5, 17))
    urge_item(item_id=item_id, actor="G001", at=datetime(2026, 10, 16, 10))
    urge_item(item_id=item_id, actor="S0102", at=datetime(2026, 10, 19, 10))
    closed, closed_item = sample_case("W01", opened_by="S0102")
    urge_item(item_id=closed_item, actor="G001", at=datetime(2026, 10, 16, 10))
    with session_scope() as session:
        complete_work_item(session=session, item_id=closed_item, actor_id="S0101", decision={"approve": True})
    advance_sample(closed, "S0101")  # approved: its urge no longer counts among the open cases'
    client = as_("G001")
    assert "催办 2 次" in client.get("/stats/overdue").text
    rows = list(csv.reader(io.StringIO(client.get("/stats/overdue.csv", params={"table": "procedures"}).text.lstrip("\ufeff"))))
    assert rows[0][-1] == "催办次数" and ["测试案件", "1", "1", "1", "2"] in rows


def test_once_a_day_on_sqlite_and_postgresql(any_db):

    with session_scope() as session:
        import_org(session=session, path=ROOT / "examples" / "org.yaml")
    ref, item_id = sample_case("W01", opened_by="S0102")
    urge_item(item_id=item_id, actor="S0102", at=datetime(2026, 10, 16, 10))
    with pytest.raises(Conflict):
        urge_item(item_id=item_id, actor="G001", at=datetime(2026, 10, 16, 11))
    assert len(_urges(ref)[0]) == 2 and len(_urges(ref)[1]) == 1
