"""A minimal procedure for testing the foundations on their own: opened → under review (a work
item for the window head) → approved / rejected. Real procedures follow the same pattern."""
from __future__ import annotations

from prefect import flow

from models.core.cases import get_case, transition
from models.core.db import session_scope
from models.core.org import Role
from models.core.procedures import Procedure
from models.procedures import PROCEDURES, ProcedureSpec
from models.core.workitems import decided_item, open_work_item
from tasks.messages import queue_notice
from models.core.recipients import window_head

SAMPLE = Procedure(
    kind="sample", label="测试案件", ref_prefix="CS", initial="opened",
    transitions={("opened", "submit"): "review", ("review", "approve"): "approved",
                 ("review", "reject"): "rejected"},
    status_labels={"opened": "已登记", "review": "审核中", "approved": "已批准", "rejected": "已驳回"},
    event_labels={"submit": "提交", "approve": "批准", "reject": "驳回"},
    final=frozenset({"approved", "rejected"}),
)


def advance_sample(case_ref: str, actor: str) -> str:
    with session_scope() as session:
        case = get_case(session=session, ref=case_ref)
        if case.status == "opened":
            transition(session=session, case=case, event="submit", actor=actor)
            open_work_item(session=session, key=f"{case_ref}:review", case_ref=case_ref, step="review",
                           title="审核测试案件", role=Role.head, window_id=case.window_id,
                           due_at=case.due_at)
            queue_notice(session=session, key=f"{case_ref}:review", case_ref=case_ref,
                         recipients=window_head(session=session, window_id=case.window_id),
                         template="test_notice",
                         context={"name": "负责人", "subject": "待审核", "text": f"{case_ref} 待您审核"})
        if case.status == "review":
            item = decided_item(session=session, case_ref=case_ref, step="review")
            if item is not None:
                event = "approve" if item.decision["approve"] else "reject"
                transition(session=session, case=case, event=event, actor=item.decided_by)
        return case.status


@flow(name="测试案件推进")
def sample_flow(case_ref: str, actor: str) -> str:
    return advance_sample(case_ref, actor)


# Declared like every procedure (models/procedures.py), for the tests that import this module.
if all(spec.kind != "sample" for spec in PROCEDURES):
    PROCEDURES.append(ProcedureSpec(kind="sample", machine="support.sample_procedure:SAMPLE",
                                    advance="support.sample_procedure:sample_flow"))
