"""No free text in Prefect's run parameters (issue 26 item 9): a complaint's content and the complainant,
an extension's reason (refused or not), a leave's reason, a training's topic, a patrol's findings, an IT
request's purpose, a service case's applicant — every flow run these create keeps references only; the
text is in the case store (run_input), under the reference the run shows."""
from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta, timezone

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterStartTime
from sqlmodel import select

from flows.complaint import extend_complaint_flow, receive_complaint
from flows.leave import apply_for_leave
from flows.core.refusals import is_refusal
from flows.training import arrange_training
from flows.patrol import record_patrol_flow
from flows.it_access import submit_it_request
from flows.service_case import extend_service_case_flow, open_service_case_flow
from models.complaint.inputs import ComplaintIntake, ExtensionRequest
from models.core.db import session_scope
from models.core.errors import CenterError
from models.core.run_inputs import RunInput
from models.it_access.inputs import ItRequestInput
from models.patrol.inputs import PatrolInput
from models.service_case.inputs import ServiceExtension, ServiceIntake
from models.training.inputs import TrainingInput
from support.complaint_cases import PHONE
from support.leaves import application
from support.matters import sample, through

ISSUE_26_DEFECTS = (9,)  # counted in the reliability summary when these tests pass

pytestmark = pytest.mark.usefixtures("org")
CJK = re.compile(r"[\u4e00-\u9fff]")
MOBILE = re.compile(r"1\d{10}")
REASON = "已与投诉人甲电话13600000000沟通，需调取监控录像核实"
FREE_TEXT = (REASON, PHONE["content"], PHONE["complainant_name"], PHONE["complainant_contact"], "家中老人住院需陪护",
             "新员工服务礼仪", "未佩戴胸牌", "市场监管业务专网", "李明", "需赴现场核查13912340099")


def run_everything() -> None:
    now = datetime(2026, 9, 30, 10, 5)
    ref = receive_complaint(intake=ComplaintIntake(**PHONE), actor="G001", now=now)["case_ref"]
    extend_complaint_flow(request=ExtensionRequest(case_ref=ref, reason=REASON), actor="S0101",
                          now=datetime(2026, 10, 9, 9))
    with pytest.raises(CenterError):  # refused: one extension only — its reason stays out of Prefect all the same
        extend_complaint_flow(request=ExtensionRequest(case_ref=ref, reason=REASON), actor="S0101",
                              now=datetime(2026, 10, 10, 9))
    apply_for_leave(application=application(kind="personal", start=date(2026, 10, 12), reason="家中老人住院需陪护"), now=now)
    arrange_training(request=TrainingInput(topic="新员工服务礼仪", category="etiquette", windows=["W03"],
                                           starts_at=datetime(2026, 10, 15, 14), ends_at=datetime(2026, 10, 15, 15)),
                     actor="G001", now=datetime(2026, 10, 12, 9))
    record_patrol_flow(patrol=PatrolInput(at=datetime(2026, 10, 29, 9, 40), kind="walkthrough", windows=["W01"],
                                          findings=[{"window_id": "W01", "staff_id": "S0103", "item": "dress",
                                                     "description": "未佩戴胸牌", "deduct": True}]),
                       actor="G001", now=datetime(2026, 10, 29, 10))
    submit_it_request(request=ItRequestInput(window_id="W02", kind="lan", device="交换机", purpose="市场监管业务专网"),
                      actor="S0201", now=datetime(2026, 10, 12, 9))
    through(sample())
    case = open_service_case_flow(intake=ServiceIntake(applicant="李明", matter_code="QP-RSJ-001"), actor="S0102",
                                  now=now)
    with pytest.raises(CenterError):  # refused: no work item to extend yet, or no consent — refused either way
        extend_service_case_flow(request=ServiceExtension(case_ref=case, days=2, reason="需赴现场核查13912340099",
                                                          consent=False), actor="S0101", now=now)


def flow_runs_since(start: datetime) -> list:
    with get_client(sync_client=True) as client:
        return client.read_flow_runs(flow_run_filter=FlowRunFilter(
            start_time=FlowRunFilterStartTime(after_=start)), limit=200)


def test_no_flow_run_keeps_free_text_in_its_parameters():
    start = datetime.now(timezone.utc) - timedelta(seconds=1)
    run_everything()
    runs = flow_runs_since(start)
    assert len(runs) >= 9
    leaks = [(run.name, run.parameters) for run in runs
             if CJK.search(json.dumps(run.parameters, ensure_ascii=False))
             or MOBILE.search(json.dumps(run.parameters)) or any(t in json.dumps(run.parameters, ensure_ascii=False)
                                                                 for t in FREE_TEXT)]
    assert leaks == []


def test_the_text_is_in_the_case_store_under_the_reference_the_run_shows_unless_refused():
    start = datetime.now(timezone.utc) - timedelta(seconds=1)
    run_everything()
    runs = [run for run in flow_runs_since(start) if "inputs" in run.parameters]
    done = {run.parameters["inputs"] for run in runs if not is_refusal(run.state)}
    refused = {run.parameters["inputs"] for run in runs if is_refusal(run.state)} - done  # the same input refused again: one row
    with session_scope() as session:
        stored = {f"run_input:{row.id}": json.dumps(row.parameters, ensure_ascii=False)
                  for row in session.exec(select(RunInput)).all()}
    assert len(refused) == 1 and done and set(stored) == done
    kept_text = [text for text in FREE_TEXT if any(text in stored[ref] for ref in done)]
    assert kept_text == [text for text in FREE_TEXT if text != "需赴现场核查13912340099"], stored  # a refusal keeps nothing
