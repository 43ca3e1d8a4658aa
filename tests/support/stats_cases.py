"""A small October 2026 for the statistics pages: complaints from three channels, service cases of
two windows (one completed late, one referred) and a training roll call with one person excused and
one absent — through the same plain steps the flows run."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from models.core.cases import WorkItem
from models.core.db import session_scope
from models.service_case.inputs import ServiceIntake
from models.training.inputs import TrainingInput
from support.complaint_cases import FOUND, PHONE, RATING, advance, decide, register
from support.matters import sample, through
from tasks.service_case import check_materials, complete_service_case, open_service_case
from tasks.core.advance import advance_case
from tasks.core.step_context import plain_calls
from tasks.training import excuse_attendee, open_training
from tasks.core.workitems import record_decision

HEADS = {"W01": "S0101", "W02": "S0201", "W03": "S0301"}
ID, FORM, PROOF = "居民身份证", "失业登记申请表", "解除或终止劳动合同证明"


def advance_session(case_ref: str, actor: str) -> str:
    """The advance flow's body (flows.training.advance_training): the generic step (tasks/core/advance.py)
    until a person must act."""
    with plain_calls():
        return advance_case(case_ref=case_ref, actor=actor)


def complaints() -> None:
    """W01: a phone complaint found substantiated and one still open; W02: an e-mail not substantiated;
    W03: a 1-star rating not substantiated."""
    cases = [({**PHONE, "window_id": "W01", "received_at": datetime(2026, 10, 12, 9)}, "substantiated"),
             ({**PHONE, "window_id": "W01", "received_at": datetime(2026, 10, 13, 9)}, None),
             ({**PHONE, "channel": "email", "window_id": "W02", "staff_id": "S0202",
               "received_at": datetime(2026, 10, 14, 9)}, "unsubstantiated"),
             ({**RATING, "window_id": "W03", "staff_id": "S0302", "received_at": datetime(2026, 10, 15, 9)},
              "unsubstantiated")]
    for intake, verdict in cases:
        ref = register(intake, actor="T001", now=datetime(2026, 10, 31, 9))
        advance(ref)
        if verdict:
            decide(ref, "investigate", HEADS[intake["window_id"]], {**FOUND, "verdict": verdict},
                   intake["received_at"].replace(hour=15))
            if intake["channel"] == "rating":
                decide(ref, "review", "G001", {"approve": True}, datetime(2026, 10, 16, 10))
                decide(ref, "post", "T001", {}, datetime(2026, 10, 16, 11))


def service_cases() -> None:
    """W01 completes one case after a notice of missing materials; W02 refers one (not its matter)."""
    through(sample())
    intake = ServiceIntake(applicant="李明", matter_code="QP-RSJ-001")
    ref = open_service_case(intake=intake, actor="S0102", now=datetime(2026, 10, 9, 9))
    check_materials(case_ref=ref, have=[ID], missing=[FORM, PROOF], actor="S0102", now=datetime(2026, 10, 9, 9))
    check_materials(case_ref=ref, have=[FORM, PROOF], missing=[], actor="S0102", now=datetime(2026, 10, 12, 9))
    complete_service_case(case_ref=ref, actor="S0102", now=datetime(2026, 10, 13, 9))
    open_service_case(intake=intake, actor="S0202", now=datetime(2026, 10, 9, 10))


def training() -> str:
    """W02 and S0401 expected; S0202 excused in advance; S0201 present; S0203 and S0401 absent."""
    request = TrainingInput(topic="好差评制度解读", category="regulations", starts_at=datetime(2026, 10, 15, 14),
                            ends_at=datetime(2026, 10, 15, 16), windows=["W02"], staff=["S0401"])
    ref = open_training(request=request, actor="G001", now=datetime(2026, 10, 12, 10))[0]
    excuse_attendee(case_ref=ref, staff_id="S0202", reason="参加局业务会议", requested_at=datetime(2026, 10, 14, 9),
                    actor="G001")
    with session_scope() as session:
        item = session.exec(select(WorkItem).where(WorkItem.case_ref == ref, WorkItem.step == "roll_call")).one()
    record_decision(item_id=item.id, actor="G001", decision={"present": "S0201"}, at=datetime(2026, 10, 15, 16, 30))
    advance_session(case_ref=ref, actor="G001")
    return ref


def october() -> None:
    complaints()
    service_cases()
    training()
