"""Cases nobody is moving (issue 19, defect 3; issue 26, defect 1). The store is the system of
record, so the store says when a case can move: a case that is not closed, has no open work item and
has not changed for GRACE is stuck, whatever its status — its opening was interrupted before the
first advance, or a decision was recorded and the advance that follows it never ran, or the effect
that opens its next work item crashed. The repair (tasks/core/repair.py) decides per case what moves it.
A status that waits without a work item (`Procedure.idle`: the applicant at the counter, a date)
is taken too, and only advanced when its next event is due."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, exists, or_
from sqlmodel import Session, select

from models.core.cases import Case, WorkItem, WorkItemStatus
from models.procedures import get_procedure

# An opening command or a decision advances its case within seconds; a case changed more recently
# than this may still be in the hands of the command that changed it (not a rule of the regulations).
GRACE = timedelta(minutes=10)
REPAIR = "repair"  # the audit action of a repair, by "system"
REPAIR_LABEL = "系统修复：继续推进"


def stranded_cases(*, session: Session, as_of: datetime, kinds: set[str]) -> list[tuple[str, str]]:
    """(ref, kind) of every case of `kinds` (the procedures with an advance flow) not in a final
    status, with no open work item, last changed at least GRACE before `as_of`; the longest
    unchanged first."""
    waiting = {kind: get_procedure(kind) for kind in sorted(kinds)}
    if not waiting:
        return []
    open_item = exists().where(WorkItem.case_ref == Case.ref, WorkItem.status == WorkItemStatus.open)
    moving = [and_(Case.kind == kind, Case.status.not_in(sorted(p.final))) for kind, p in waiting.items()]
    rows = session.exec(
        select(Case.ref, Case.kind)
        .where(or_(*moving), Case.updated_at <= as_of - GRACE, ~open_item)
        .order_by(Case.updated_at, Case.ref)
    ).all()
    return [(ref, kind) for ref, kind in rows]
