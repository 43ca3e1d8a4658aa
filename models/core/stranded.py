"""Cases whose opening was interrupted (issue 19, defect 3): an opening command opens the case in
one transaction and advances it in the next; killed in between, the case stays in its initial
status with no work item and no notice. The deadline sweep finds them and runs their advance flow
again (every advance is idempotent by design, docs/architecture.md)."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, exists, or_
from sqlmodel import Session, select

from models.core.cases import Case, WorkItem, WorkItemStatus
from models.procedures import all_procedures

# An opening command advances its case within seconds; a case younger than this may still be in
# the hands of the command that opened it (not a rule of the regulations).
GRACE = timedelta(minutes=10)


def stranded_cases(*, session: Session, as_of: datetime, kinds: set[str]) -> list[tuple[str, str]]:
    """(ref, kind) of every case of `kinds` (the procedures with an advance flow) still in its
    initial status, with no open work item, opened at least GRACE before `as_of` — unless its
    procedure's initial status waits for a person without a work item (`Procedure.idle_initial`)."""
    initial = [(p.kind, p.initial) for p in all_procedures() if p.kind in kinds and not p.idle_initial]
    if not initial:
        return []
    open_item = exists().where(WorkItem.case_ref == Case.ref, WorkItem.status == WorkItemStatus.open)
    rows = session.exec(
        select(Case.ref, Case.kind)
        .where(or_(*(and_(Case.kind == kind, Case.status == status) for kind, status in initial)),
               Case.opened_at <= as_of - GRACE, ~open_item)
        .order_by(Case.opened_at, Case.ref)
    ).all()
    return [(ref, kind) for ref, kind in rows]
