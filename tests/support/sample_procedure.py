"""A minimal procedure for testing the foundations on their own: opened → under review (a work
item for the window head) → approved / rejected. Declared as every procedure is (models/procedures.py):
a machine with a pure `next_event`, the store's facts and effects as `Steps`, the generic step."""
from __future__ import annotations

from dataclasses import dataclass

from flows.core.plain_calls import flow
from models.core.org import Role
from models.core.procedures import Procedure, Steps
from models.core.recipients import window_head
from models.core.workitems import decided_item, open_work_item
from models.procedures import PROCEDURES, ProcedureSpec
from tasks.core.advance import advance_case, step_case
from tasks.core.messages import queue_notice

# machine: the states, the table, the pure choice of the next event
SAMPLE = Procedure(
    kind="sample", label="测试案件", ref_prefix="CS", initial="opened",
    transitions={("opened", "submit"): "review", ("review", "approve"): "approved",
                 ("review", "reject"): "rejected", ("review", "withdraw"): "withdrawn"},
    status_labels={"opened": "已登记", "review": "审核中", "approved": "已批准", "rejected": "已驳回",
                   "withdrawn": "已撤回"},
    event_labels={"submit": "提交", "approve": "批准", "reject": "驳回", "withdraw": "撤回"},
    final=frozenset({"approved", "rejected", "withdrawn"}),
)


@dataclass(frozen=True)
class Facts:
    status: str
    approved: bool | None  # the review's decision, None while undecided


def next_event(facts: Facts) -> str | None:
    if facts.status == "opened":
        return "submit"
    if facts.status == "review" and facts.approved is not None:
        return "approve" if facts.approved else "reject"
    return None


# store: the facts, and the effects of each event
def facts_of(*, session, case, now) -> Facts:
    item = decided_item(session=session, case_ref=case.ref, step="review")
    return Facts(case.status, item.decision["approve"] if item is not None else None)


def submitted(*, session, case, actor, **_) -> None:
    open_work_item(session=session, key=f"{case.ref}:review", case_ref=case.ref, step="review",
                   title="审核测试案件", role=Role.head, window_id=case.window_id, due_at=case.due_at)
    queue_notice(session=session, key=f"{case.ref}:review", case_ref=case.ref,
                 recipients=window_head(session=session, window_id=case.window_id), template="test_notice",
                 context={"name": "负责人", "subject": "待审核", "text": f"{case.ref} 待您审核"})


STEPS = Steps(facts=facts_of, next_event=next_event, effects={"submit": submitted})


def advance_sample(case_ref: str, actor: str) -> str:
    """The generic step run as plain calls, until the case waits (tests without a Prefect server)."""
    status = ""
    for _ in range(len(SAMPLE.transitions) + 1):
        event, status = step_case(case_ref=case_ref, actor=actor)
        if event is None:
            break
    return status


@flow(name="测试案件推进", step="测试案件推进", retry_safe=True)  # an advance: idempotent
def sample_flow(case_ref: str, actor: str) -> str:
    return advance_case(case_ref=case_ref, actor=actor)


# Declared like every procedure (models/procedures.py), for the tests that import this module.
if all(spec.kind != "sample" for spec in PROCEDURES):
    PROCEDURES.append(ProcedureSpec(kind="sample", machine="support.sample_procedure:SAMPLE",
                                    steps="support.sample_procedure:STEPS",
                                    advance="support.sample_procedure:sample_flow"))
