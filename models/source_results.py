"""What goes back to a source system about its complaint: the status and, once answered, the
verdict and the reply. 投诉处置规定 三(二)2: 12345转来的投诉 are answered to the hotline;
三(一)2, 三(二)3: a 1–2 star rating's reply is reviewed by the management section before it is
posted — it goes back once approved (status 待发布答复 or 已办结).
"""
from __future__ import annotations

from sqlmodel import Session

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
