"""Deciding a work item: record the decision, then advance the case.

`decide` is the clerk's path (CLI, web desk, demo): the decision is written by a plain transaction
and only the case's advance flow runs, with the case reference and the actor as its parameters —
what a clerk types (findings that may name a complainant, comments) is never kept by Prefect as a
run parameter (投诉处理制度: the complainant's data stays with the handler). `decide_work_item` is
the same step as one flow run, for the deployment (`run_deployment`, the scale path)."""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from prefect import tags

from flows.core.plain_calls import flow
from flows.core.registry import advance_flow
from models.core.errors import CenterError
from models.core.pending import StepPending
from tasks.core.workitems import record_decision

log = logging.getLogger(__name__)

# The step key of a work item's decision (flows/core/steps.py): what the desk and the command line run.
DECIDE = "办理待办"


def decide(item_id: int, actor: str, decision: dict[str, Any], at: datetime | None = None) -> str:
    """Complete the work item (refusals raise before anything is written), then advance its case.
    An advance that cannot run now raises StepPending (`advance_recorded`)."""
    case_ref, kind = record_decision(item_id=item_id, actor=actor, decision=decision, at=at)
    return advance_recorded(case_ref, lambda: advance_flow(kind)(case_ref=case_ref, actor=actor))


def advance_recorded(case_ref: str, advance: Callable[[], str], recorded: str = "决定已记录") -> str:
    """Run the advance of a case whose step (`recorded`: a decision, a registration) is committed.
    A refusal raises as itself; any other failure (the Prefect API unreachable, a timeout…) raises
    StepPending: what was recorded stays, and the deadline sweep's repair moves the case on."""
    try:
        with tags(case_ref):
            return advance()
    except CenterError:
        raise
    except Exception as error:
        log.warning("案件 %s：%s，未能推进：%r", case_ref, recorded, error)
        raise StepPending.advance_deferred(case_ref, recorded) from error


# Retry-safe: a decision whose worker died during it is resumed (tasks/core/workitems.py).
@flow(name="办理待办", step=DECIDE, retry_safe=True)
def decide_work_item(item_id: int, actor: str, decision: dict[str, Any], at: datetime | None = None) -> str:
    return decide(item_id=item_id, actor=actor, decision=decision, at=at)
