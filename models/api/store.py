"""The API's reads and writes: the call log, a complaint's source, the ratings' counts, and what goes
back to a source system about its complaint: the status and, once answered, the verdict and the reply. 投诉处置规定 三(二)2: 12345转来的投诉 are answered to the hotline;
三(一)2, 三(二)3: a 1–2 star rating's reply is reviewed by the management section before it is
posted — it goes back once approved (status 待发布答复 or 已办结).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from models.api.keys import ApiKey, SourceSystem
from models.api.tables import ApiCall, HotlineOrder, SourceRating

from models.core.cases import Case
from models.complaint.tables import Complaint
from models.complaint.store import item_by_key
from models.complaint.machine import COMPLAINT
from models.complaint.rules import VERDICT_LABELS, ComplaintChannel, ComplaintVerdict

ANSWERED = {ComplaintChannel.hotline: frozenset({"closed"}),
            ComplaintChannel.rating: frozenset({"posting", "closed"})}


def answer_of(*, session: Session, case: Case, complaint: Complaint) -> dict | None:
    """{verdict, verdict_label, reply, answered_at} once the answer may go back, else None."""
    if case.status not in ANSWERED.get(complaint.channel, COMPLAINT.final):
        return None
    item = item_by_key(session=session, key=complaint.investigation_key)
    decision = item.decision if item is not None and item.decision else {}
    verdict = ComplaintVerdict(complaint.verdict or decision["verdict"])
    return {"verdict": verdict.value, "verdict_label": VERDICT_LABELS[verdict],
            "reply": complaint.reply or decision.get("reply", ""),
            "answered_at": (complaint.answered_at or item.decided_at).isoformat()}


def status_view(*, session: Session, case: Case, complaint: Complaint, source: tuple[str, str]) -> dict:
    """The complaint as its source system sees it (no personal data beyond what it sent)."""
    system, number = source
    view = {"ref": case.ref, "ticket_no" if system == "12345" else "rating_id": number, "status": case.status,
            "status_label": COMPLAINT.status_label(case.status),
            "due_at": case.due_at.isoformat() if case.due_at else None, "answer": None}
    answer = answer_of(session=session, case=case, complaint=complaint)
    if answer is not None:
        view["answer"] = answer
    return view


def record_call(*, session: Session, key_name: str, method: str, path: str, status: int,
                case_ref: str | None, at: datetime) -> None:
    session.add(ApiCall(key_name=key_name, method=method, path=path[:200], status=status, case_ref=case_ref, at=at))


def source_of(*, session: Session, case_ref: str) -> tuple[str, str] | None:
    """('12345', ticket number) or ('rating', rating id) for a complaint received through the API."""
    order = session.exec(select(HotlineOrder).where(HotlineOrder.case_ref == case_ref)).first()
    if order is not None:
        return "12345", order.ticket_no
    rating = session.exec(select(SourceRating).where(SourceRating.case_ref == case_ref)).first()
    return ("rating", rating.rating_id) if rating is not None else None


def poster_system(*, session: Session, case_ref: str) -> str | None:
    """The source system of the key that posted this complaint (named when the key was issued): its
    results are read by that system's keys, whatever channel the post used."""
    for table in (HotlineOrder, SourceRating):
        system = session.exec(select(ApiKey.system).join(table, table.received_by == ApiKey.name)
                              .where(table.case_ref == case_ref)).first()
        if system is not None:
            return SourceSystem(system).value
    return None


def rating_counts(*, session: Session, start: datetime, end: datetime) -> dict[int, int]:
    """Ratings received through the API in [start, end), by stars (三(一)2: 好差评统计汇总)."""
    rows = session.exec(select(SourceRating.stars, func.count()).where(
        SourceRating.rated_at >= start, SourceRating.rated_at < end).group_by(SourceRating.stars)).all()
    return {stars: count for stars, count in rows}
