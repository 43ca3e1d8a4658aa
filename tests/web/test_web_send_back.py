"""退回修改 (issue 29 item 3), end to end on the desk for every procedure whose machine declares it: the
decider sends the step back with a required reason; the submitter (or the previous step's decider) is
told by SMS and e-mail and finds one 修改后重新提交 item, its form prefilled from their submission; once
resubmitted the step that sent the case back opens again, the case never having left its status; the
history keeps who sent it back and why. A missing reason, an undeclared step and another person are
refused, nothing written."""
from __future__ import annotations

import re
from html import unescape

import pytest
from sqlmodel import select

from deployments.web.matter.forms import form_values
from models.core.cases import AuditEvent, Case, WorkItem, WorkItemStatus
from models.core.db import session_scope
from models.core.org import Staff
from models.core.outbox import OutboxMessage
from models.procedures import all_procedures
from support.snapshot import snapshot
from web.send_back_cases import scenarios
from web.web_desk import post_form, set_passwords, token_of

ISSUE_29_DEFECTS = (3,)
REASON = "请写明具体事由和日期安排"
SCENARIOS = scenarios()


def _open_item(ref: str, step: str) -> WorkItem | None:
    with session_scope() as session:
        return session.exec(select(WorkItem).where(WorkItem.case_ref == ref, WorkItem.step == step,
                                                   WorkItem.status == WorkItemStatus.open)).first()


def _status(ref: str) -> str:
    with session_scope() as session:
        return session.get(Case, ref).status


def _events(ref: str, action: str) -> list[AuditEvent]:
    with session_scope() as session:
        return list(session.exec(select(AuditEvent).where(AuditEvent.case_ref == ref, AuditEvent.action == action)
                                 .order_by(AuditEvent.id)).all())


def _column(ref: str, amend) -> str:
    table, column = amend
    with session_scope() as session:
        return getattr(session.get(table, ref), column)


@pytest.fixture
def people(desk):
    set_passwords("Q001", "I001")


def test_every_procedure_named_by_the_issue_declares_a_send_back():
    declaring = {p.kind for p in all_procedures() if p.send_back}
    assert {"leave", "rotation", "matter", "it_access", "complaint", "staff_return"} <= declaring
    assert {s.kind for s in SCENARIOS} == declaring
    assert {(s.kind, s.step) for s in SCENARIOS} == {(p.kind, d.step) for p in all_procedures() for d in p.send_back}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[f"{s.kind}-{s.step}" for s in SCENARIOS])
def test_sent_back_resubmitted_and_taken_up_again(scenario, as_, people):
    ref = scenario.open()
    status = _status(ref)
    item = _open_item(ref, scenario.step)
    decider = as_(scenario.decider)
    page = decider.get(f"/cases/{ref}").text
    assert f'action="/items/{item.id}/send-back"' in page and "退回原因（必填）" in page

    before = snapshot()  # no reason: refused, naming the rule, nothing written
    refused = post_form(decider, f"/cases/{ref}", f"/items/{item.id}/send-back", {"reason": "  "})
    assert refused.status_code == 400 and "退回原因（reason）必填" in unescape(refused.text) and snapshot() == before

    sent = post_form(decider, f"/cases/{ref}", f"/items/{item.id}/send-back", {"reason": REASON})
    assert sent.status_code == 303
    assert _status(ref) == status and _open_item(ref, scenario.step) is None
    [event] = _events(ref, "send_back")
    assert event.actor == scenario.decider and event.details["reason"] == REASON and event.details["to"] == scenario.target
    with session_scope() as session:
        resubmission = session.exec(select(WorkItem).where(WorkItem.key == f"{ref}:resubmit:{item.id}")).one()
        target = session.get(Staff, scenario.target)
        told = session.exec(select(OutboxMessage).where(OutboxMessage.case_ref == ref,
                                                        OutboxMessage.template == "workitem_sent_back")).all()
    assert resubmission.status == WorkItemStatus.open and resubmission.assignee_staff_id == scenario.target
    assert resubmission.title.startswith("修改后重新提交")
    assert {m.address for m in told} == {target.phone, target.email}
    assert any(REASON in m.body for m in told if m.channel == "email")
    history = decider.get(f"/cases/{ref}").text
    assert "退回修改" in history and REASON in history and f'action="/items/{item.id}/send-back"' not in history
    assert f"已退回修改，待{target.name}（{target.id}）修改后重新提交" in history
    done = decider.get("/done").text  # 已办: a send-back is the decider's decision on the step
    assert f"#item-{item.id}" in done and "退回修改" in done and REASON in unescape(done)

    submitter = as_(scenario.target)
    if scenario.kind == "matter":
        _resubmit_matter(submitter, ref)
    else:
        case_page = submitter.get(f"/cases/{ref}").text
        assert f'action="/items/{resubmission.id}/decide"' in case_page
        data = _resubmission_form(case_page, resubmission.id)
        if scenario.amend:
            assert data["content"] == _column(ref, scenario.amend)  # prefilled from the submission
            data.update(comment="已补充事由", content="修改后的事由：照顾住院的父亲")
        elif resubmission.form == "resubmit":  # nothing of the submission is corrected here: what was done
            data.update(comment="已补充退回理由的事实和证据")
        else:  # the previous step redone on its own form, opening with its decision
            assert data and resubmission.form == _decided_form(ref, resubmission.step)
            data.update(reply="已对工作人员批评教育并当面致歉，感谢监督。")
        done = post_form(submitter, f"/cases/{ref}", f"/items/{resubmission.id}/decide", data)
        assert done.status_code == 303, done.text
        if scenario.amend:
            assert _column(ref, scenario.amend) == "修改后的事由：照顾住院的父亲"

    again = _open_item(ref, scenario.step)
    assert again is not None and again.id != item.id and _status(ref) == status
    assert (again.assignee_role, again.assignee_window_id, again.assignee_staff_id, again.form) == \
        (item.assignee_role, item.assignee_window_id, item.assignee_staff_id, item.form)
    assert [e.actor for e in _events(ref, "resubmit")] == [scenario.target]
    assert f'action="/items/{again.id}/decide"' in decider.get(f"/cases/{ref}").text


def _decided_form(ref: str, step: str) -> str:
    with session_scope() as session:
        return session.exec(select(WorkItem.form).where(WorkItem.case_ref == ref, WorkItem.step == step,
                                                        WorkItem.status == WorkItemStatus.done)).first()


def _resubmission_form(page: str, item_id: int) -> dict[str, str]:
    """The inputs of the item's decision form as the page fills them in."""
    form = re.search(rf'<form method="post" action="/items/{item_id}/decide".*?</form>', page, re.S).group(0)
    values = {name: unescape(value) for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form)}
    values |= {name: unescape(text) for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S)}
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', body)
        values[name] = chosen.group(1) if chosen else ""
    values.pop("csrf_token", None)
    return {k: v for k, v in values.items() if v != ""}


def _resubmit_matter(client, ref: str) -> None:
    """The department corrects the whole request on its own page (the incomplete guide's page)."""
    from models.matter.tables import MatterRequest

    page = client.get(f"/cases/{ref}").text
    assert f'href="/cases/{ref}/resubmission"' in page
    form_page = client.get(f"/cases/{ref}/resubmission").text
    assert f"退回原因：{REASON}" in form_page and f'name="from" value="{ref}"' in form_page
    with session_scope() as session:
        values, scope = form_values(session.get(MatterRequest, ref).form)
    assert f'value="{values["code"]}"' in form_page
    token = token_of(form_page)
    response = client.post("/new/matter", data={**values, "reason": "按退回原因补充申请理由", "from": ref, "fees-standard": "不收费",
                                                 "scope": scope, "csrf_token": token}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == f"/cases/{ref}", re.findall(r"role=\"alert\".*?</", response.text, re.S)
    with session_scope() as session:
        assert session.get(MatterRequest, ref).form["reason"] == "按退回原因补充申请理由"
        assert len(session.exec(select(Case).where(Case.kind == "matter")).all()) == 1  # no new request


def test_only_the_one_who_may_decide_sends_back_and_an_undeclared_step_offers_none(as_, people):
    from web.send_back_cases import _leave

    ref = _leave()
    item = _open_item(ref, "head_review")
    other = as_("S0201")  # another window's head
    before = snapshot()
    response = other.post(f"/items/{item.id}/send-back",
                          data={"reason": REASON, "csrf_token": token_of(other.get("/").text)}, follow_redirects=False)
    assert response.status_code in (403, 404) and snapshot() == before
    # The registration of attendance declares no send-back: no button on it.
    from support.leaves import decide

    decide(ref, "head_review", "S0101", approve=True)
    decide(ref, "management_review", "G001", approve=True)
    register = _open_item(ref, "register")
    assert register is not None
    page = as_("S0101").get(f"/cases/{ref}").text
    assert f"/items/{register.id}/send-back" not in page


def test_after_resubmission_the_head_signs_and_the_leave_moves_on(as_, people):
    from web.send_back_cases import _leave

    ref = _leave()
    head, applicant = as_("S0101"), as_("S0103")
    item = _open_item(ref, "head_review")
    post_form(head, f"/cases/{ref}", f"/items/{item.id}/send-back", {"reason": REASON})
    resubmission = _open_item(ref, "resubmit")
    post_form(applicant, f"/cases/{ref}", f"/items/{resubmission.id}/decide", {"comment": "已补充", "content": "陪同就医"})
    again = _open_item(ref, "head_review")
    response = post_form(head, f"/cases/{ref}", f"/items/{again.id}/decide", {"approve": "true", "comment": "同意"})
    assert response.status_code == 303 and _status(ref) == "management_review"
    page = head.get(f"/cases/{ref}").text
    assert "陪同就医" in page and "修改后重新提交" in page


DECLARING = [p.kind for p in all_procedures() if p.send_back]


@pytest.mark.parametrize("kind", DECLARING)
def test_the_diagram_draws_every_declared_send_back_path_dashed(kind):
    import xml.etree.ElementTree as ET

    from deployments.web.core.diagram import diagram_svg
    from models.procedures import get_procedure

    root = ET.fromstring(str(diagram_svg(kind)))
    svg = "{http://www.w3.org/2000/svg}"
    drawn = {(g.get("data-from"), g.get("data-to")): g for g in root.iter(f"{svg}g") if g.get("class") == "send-back"}
    assert set(drawn) == set(get_procedure(kind).send_back_paths())
    for g in drawn.values():
        assert g.find(f"{svg}text").text == "退回修改"
        # a line to the state it goes back to, or a loop where the submission waits at the step itself
        line = g.find(f"{svg}polyline") if g.get("data-from") != g.get("data-to") else g.find(f"{svg}path")
        assert line is not None and line.get("stroke-dasharray")


def test_a_procedure_without_a_send_back_draws_none():
    from deployments.web.core.diagram import diagram_svg

    assert "send-back" not in str(diagram_svg("patrol")) and "退回修改" not in str(diagram_svg("patrol"))
