"""A decision recorded whose advance cannot run now (issue 26 item 1): the Prefect API unreachable,
or — with step workers — no worker done within CENTER_STEP_TIMEOUT_SECONDS. The desk shows the
notice on the case page (never a bare 500), the CLI prints it and exits 0; the decision is kept
once, and the case waits for the sweep's repair (or the worker) to move it on."""
from __future__ import annotations

import pytest
from sqlmodel import select

from models.core.cases import WorkItem, WorkItemStatus, get_case
from models.core.db import session_scope
from models.core.step_requests import StepRequest, StepStatus
from reliability.summary import record
from support.cli import run_cli
from support.servers import free_port
from web.web_desk import PEOPLE, client_for, desk_app, post_form, sample_case, set_passwords

ISSUE_26_DEFECTS = (1,)
COMPLAINT = {"channel": "phone", "window_id": "W01", "staff_id": "S0102", "category": "3", "content": "态度生硬",
             "complainant_name": "张三", "complainant_contact": "13700004321", "received_at": "2026-09-30T10:00"}
DEFERRED = "决定已记录。案件 {ref} 暂时无法推进，系统将自动推进（最迟在下一次期限巡查时）。"


@pytest.fixture
def prefect_away():
    """The Prefect API on a port nobody listens on, the client not retrying (the clerk would wait 5–20 s);
    over any Prefect API a test harness of the same session set."""
    from prefect.settings import PREFECT_API_URL, PREFECT_CLIENT_MAX_RETRIES, temporary_settings

    record("faults")
    with temporary_settings(updates={PREFECT_API_URL: f"http://127.0.0.1:{free_port()}/api",
                                     PREFECT_CLIENT_MAX_RETRIES: 0}):
        yield


@pytest.fixture
def no_worker(monkeypatch):
    """Steps go to the step workers, none runs, and the caller waits one second."""
    from models.core.settings import get_settings

    monkeypatch.setenv("CENTER_STEP_WORKERS", "true")
    monkeypatch.setenv("CENTER_STEP_TIMEOUT_SECONDS", "1")
    get_settings.cache_clear()
    record("faults")


@pytest.fixture
def head(org):
    set_passwords(*PEOPLE)
    return client_for(desk_app(), "S0101")


def _item(item_id: int) -> tuple[str, str | None, dict | None]:
    with session_scope() as session:
        item = session.get(WorkItem, item_id)
        return item.status, item.decided_by, item.decision


def _case_status(ref: str) -> str:
    with session_scope() as session:
        return get_case(session=session, ref=ref).status


def _decide_on_desk(client, ref: str, item_id: int):
    return post_form(client, f"/cases/{ref}", f"/items/{item_id}/decide", {"approve": "true", "comment": "同意"})


def test_desk_decision_with_prefect_away_is_recorded_and_says_so(head, prefect_away):
    ref, item_id = sample_case("W01")
    waiting = _case_status(ref)
    response = _decide_on_desk(head, ref, item_id)
    assert (response.status_code, response.headers["location"]) == (303, f"/cases/{ref}")
    page = head.get(f"/cases/{ref}")
    assert page.status_code == 200 and DEFERRED.format(ref=ref) in page.text
    assert _item(item_id) == (WorkItemStatus.done, "S0101", {"approve": True, "comment": "同意"})
    assert _case_status(ref) == waiting  # not moved on: the sweep's repair does that


def test_cli_decision_with_prefect_away_is_recorded_and_exits_0(org, prefect_away, capsys):
    ref, item_id = sample_case("W01")
    result = run_cli(capsys, "decide", item_id, "--approve", "--as", "S0101")
    assert (result.code, result.out.strip(), result.err) == (0, DEFERRED.format(ref=ref), "")
    assert _item(item_id) == (WorkItemStatus.done, "S0101", {"approve": True, "comment": ""})


def test_complaint_registered_with_prefect_away_is_kept_and_says_so(org, prefect_away):
    set_passwords(*PEOPLE)
    client = client_for(desk_app(), "G001")
    response = post_form(client, "/new/complaint", "/new/complaint", COMPLAINT)
    assert response.status_code == 303
    ref = response.headers["location"].removeprefix("/cases/")
    page = client.get(f"/cases/{ref}")
    assert page.status_code == 200 and f"投诉已登记。案件 {ref} 暂时无法推进" in page.text
    assert _case_status(ref) == "received"  # registered; the window's item comes with the repair


def test_refusal_with_prefect_away_is_still_a_refusal(org, prefect_away, capsys):
    ref, item_id = sample_case("W01")
    result = run_cli(capsys, "decide", item_id, "--approve", "--as", "S0103")  # not the head
    assert result.code == 2 and "错误" in result.err and "决定已记录" not in result.out
    assert _item(item_id) == (WorkItemStatus.open, None, None)


def test_desk_step_no_worker_finished_in_time_says_queued(head, no_worker):
    ref, item_id = sample_case("W01")
    response = _decide_on_desk(head, ref, item_id)
    assert (response.status_code, response.headers["location"]) == (303, f"/cases/{ref}")
    page = head.get(f"/cases/{ref}")
    assert page.status_code == 200 and "已排队，由办理进程完成" in page.text and ref in page.text
    with session_scope() as session:
        queued = session.exec(select(StepRequest.status)).all()
    assert queued == [StepStatus.pending] and _item(item_id)[0] == WorkItemStatus.open  # a worker applies it


def test_cli_step_no_worker_finished_in_time_says_queued_and_exits_0(org, no_worker, capsys):
    ref, item_id = sample_case("W01")
    result = run_cli(capsys, "decide", item_id, "--approve", "--as", "S0101")
    assert result.code == 0 and result.out.startswith(f"已排队，由办理进程完成（案件 {ref}）") and result.err == ""


def test_a_pending_step_comes_back_from_its_worker_as_itself():
    from models.core.error_json import error_from_json, error_to_json
    from models.core.pending import StepPending

    back = error_from_json(error_to_json(StepPending.advance_deferred("QJ-2026-000123")))
    assert (type(back), back.notice, back.case_ref) == (StepPending, DEFERRED.format(ref="QJ-2026-000123"),
                                                        "QJ-2026-000123")


LEAVE = {"staff_id": "S0102", "kind": "personal", "start_day": "2026-12-14", "start_half": "am", "end_day": "2026-12-14",
         "end_half": "pm", "reason": "家中有事"}


def _cases() -> int:
    from sqlalchemy import func

    from models.core.cases import Case

    with session_scope() as session:
        return session.exec(select(func.count()).select_from(Case)).one()


def test_desk_application_with_prefect_away_is_a_chinese_503_not_a_bare_500(org, prefect_away):
    set_passwords(*PEOPLE)
    client = client_for(desk_app(), "S0102")
    response = post_form(client, "/new/leave", "/new/leave", LEAVE)
    assert (response.status_code, "流程引擎暂时无法连接" in response.text, _cases()) == (503, True, 0)


def test_cli_application_with_prefect_away_says_so_in_chinese_and_exits_1(org, prefect_away, capsys):
    result = run_cli(capsys, "leave", "apply", "--staff", "S0102", "--kind", "事假", "--start", "2026-12-14",
                     "--end", "2026-12-14", "--reason", "家中有事", "--as", "S0102")
    assert (result.code, "流程引擎暂时无法连接" in result.err, _cases()) == (1, True, 0)
