"""Staff returns for the tests: the plain-function path of the flow (what flows.staff_return runs)."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from models.core.cases import Case, WorkItem, WorkItemStatus
from models.core.db import session_scope
from tasks.core.advance import advance_case
from tasks.core.step_context import plain_calls
from tasks.core.workitems import record_decision

DECIDED = datetime(2026, 10, 19, 10, 0)
NEWCOMER = {"staff_id": "S0111", "name": "钱进", "phone": "13700000111", "email": "qianjin@example.gov.cn",
            "political_status": "party_member", "arrival_date": "2026-11-02"}


def advance(ref: str, as_of: datetime = DECIDED, actor: str = "system") -> str:
    with plain_calls():
        return advance_case(case_ref=ref, actor=actor, now=as_of)


def open_items(ref: str, step: str) -> list[WorkItem]:
    with session_scope() as session:
        return list(session.exec(select(WorkItem).where(WorkItem.case_ref == ref, WorkItem.step == step,
                                                        WorkItem.status == WorkItemStatus.open)
                                 .order_by(WorkItem.id)).all())


def decide(ref: str, step: str, actor: str, decision: dict, at: datetime = DECIDED,
           as_of: datetime | None = None) -> str:
    for item in open_items(ref, step):
        record_decision(item_id=item.id, actor=actor, decision=decision, at=at)
    return advance(ref, as_of or at)


def return_cases() -> list[Case]:
    with session_scope() as session:
        return list(session.exec(select(Case).where(Case.kind == "staff_return").order_by(Case.ref)).all())


def open_manual(staff_id: str = "S0102", grounds=("discipline",), note: str = "多次无故离岗，经提醒拒不改正",
                actor: str = "G001", cases=()) -> str:
    from models.staff_return.inputs import ReturnRequest
    from tasks.staff_return.entry import open_staff_return

    request = ReturnRequest(staff_id=staff_id, grounds=list(grounds), cases=list(cases), notes=note)
    return open_staff_return(request=request, actor=actor, now=datetime(2026, 10, 16, 9))


CONFIRM = {"confirm": True, "reason": "经核实，符合退回情形"}
