"""Finding the case a submission opened already (models.rules.submission): what makes every opening
command idempotent without a key from the clerk."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, select

from models.core.cases import Case
from models.rules.submission import SubmissionKey


def submitted_case(*, session: Session, key: SubmissionKey, now: datetime, hours: int) -> Case | None:
    """The case opened by this submission: for ever for a lasting key, within `hours` otherwise."""
    query = select(Case).where(Case.idempotency_key.in_(key.candidates(now, hours)))
    if not key.lasting:
        query = query.where(Case.opened_at >= now - timedelta(hours=hours))
    return session.exec(query.order_by(Case.opened_at)).first()
