"""Driving complaint cases in database tests through the same plain steps the flow runs."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from models.core.cases import WorkItem, WorkItemStatus
from models.core.db import session_scope
from tasks.complaint.entry import register_complaint
from tasks.core.advance import step_case
from tasks.core.workitems import record_decision

EVE = datetime(2026, 9, 30, 10, 0)  # the day before National Day, in office hours
PHONE = {"channel": "phone", "received_at": EVE, "window_id": "W01", "staff_id": "S0102", "category": 3,
         "content": "窗口工作人员态度生硬，我的电话13912345678", "complainant_name": "张三丰",
         "complainant_contact": "13912345678"}
RATING = {"channel": "rating", "received_at": EVE, "window_id": "W01", "staff_id": "S0103",
          "content": "等了很久，态度冷淡", "rating_id": "HCP-2026-0001", "stars": 1}
FOUND = {"verdict": "substantiated", "findings": "经调取录音，情况属实", "reply": "已批评教育并整改，感谢监督。"}


def register(intake: dict | None = None, actor: str = "G001", now: datetime = datetime(2026, 10, 20, 9),
             **changes) -> str:
    ref, _ = register_complaint(intake={**(intake or PHONE), **changes}, actor=actor, now=now)
    return ref


def advance(ref: str, actor: str = "system") -> str:
    """What flows.complaint.complaint_handling does, without Prefect."""
    while True:
        event, status = step_case(case_ref=ref, actor=actor)
        if event is None:
            return status


def open_item(ref: str, step: str) -> WorkItem:
    with session_scope() as session:
        return session.exec(select(WorkItem).where(WorkItem.case_ref == ref, WorkItem.step == step,
                                                   WorkItem.status == WorkItemStatus.open)).one()


def decide(ref: str, step: str, actor: str, decision: dict, at: datetime) -> str:
    record_decision(item_id=open_item(ref, step).id, actor=actor, decision=decision, at=at)
    return advance(ref, actor)


def handled(intake: dict | None = None, verdict: str = "substantiated", at: datetime = datetime(2026, 10, 9, 15),
            **changes) -> str:
    """A general complaint registered, handed to the window and answered with `verdict`."""
    ref = register(intake, **changes)
    advance(ref)
    decide(ref, "investigate", "S0101", {**FOUND, "verdict": verdict}, at)
    return ref
