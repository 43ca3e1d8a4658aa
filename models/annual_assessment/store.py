"""The annual assessment's facts from the store: the year's ledger per window, staff member and
window head, the eligibility withdrawn (with its source case). The heads' ranking it computes is
handed to the rotation procedure (`record_head_ranking`), whose window-head rule (岗位职责 7) reads it.
"""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, func, select

from models.core.errors import raise_all
from models.core.ledger import LedgerEntry, SubjectKind, points_by_subject, withdrawals
from models.core.org import Role, Staff, StaffStatus, Window
from models.annual_assessment.rules import AWARDS, Lost, head_points, rank, year_errors

RANKED_ROLES = (Role.head, Role.staff)
ON_ROSTER = (StaffStatus.active, StaffStatus.seconded)


def assessment_report(*, session: Session, year: int, as_of: datetime) -> dict:
    """The year's ranking of windows, staff and heads, and the eligibility lost."""
    entries = session.exec(select(func.count()).select_from(LedgerEntry).where(LedgerEntry.year == year)).one()
    raise_all(year_errors(year=year, as_of=as_of, entries=entries))
    totals = points_by_subject(session=session, year=year)
    lost_rows = withdrawals(session=session, year=year)
    lost_ids = {(w.subject_kind, w.subject_id) for w in lost_rows}
    windows = {w.id: w for w in session.exec(select(Window).order_by(Window.id)).all()}
    deducted = {s for k, s in totals if k == SubjectKind.staff}
    staff = {s.id: s for s in session.exec(select(Staff).where(
        (Staff.role.in_(RANKED_ROLES) & Staff.status.in_(ON_ROSTER)) | Staff.id.in_(deducted))).all()}

    def points(kind: SubjectKind, subject_id: str) -> float:
        return totals.get((kind, subject_id), 0.0)

    window_rows = [{"rank": r.rank, "id": r.subject_id, "name": windows[r.subject_id].name, "points": r.points,
                    "eligible": (SubjectKind.window, r.subject_id) not in lost_ids}
                   for r in rank({w: points(SubjectKind.window, w) for w in windows})]
    staff_rows = [{"rank": r.rank, "id": r.subject_id, "name": staff[r.subject_id].name, "points": r.points,
                   "window": _window_name(windows, staff[r.subject_id].window_id),
                   "eligible": (SubjectKind.staff, r.subject_id) not in lost_ids}
                  for r in rank({s: points(SubjectKind.staff, s) for s in staff})]
    heads = {w.id: w.head_id for w in windows.values() if w.head_id in staff}
    head_rows = [{"rank": r.rank, "total": r.total, "window_id": r.subject_id, "window": windows[r.subject_id].name,
                  "head_id": heads[r.subject_id], "head": staff[heads[r.subject_id]].name, "points": r.points}
                 for r in rank({w: head_points(points(SubjectKind.staff, h), points(SubjectKind.window, w))
                                for w, h in heads.items()})]
    lost = [Lost(AWARDS[w.subject_kind.value], w.subject_kind.value, w.subject_id,
                 _name(w.subject_kind, w.subject_id, windows, session), w.reason, w.case_ref or "", w.on)
            for w in lost_rows]
    return {"year": year, "as_of": as_of, "entries": entries, "windows": window_rows, "staff": staff_rows,
            "heads": head_rows, "lost": lost}


def _window_name(windows: dict[str, Window], window_id: str | None) -> str:
    return windows[window_id].name if window_id in windows else "—"


def _name(kind: SubjectKind, subject_id: str, windows: dict[str, Window], session: Session) -> str:
    if kind == SubjectKind.window:
        return _window_name(windows, subject_id)
    staff = session.get(Staff, subject_id)
    return f"{staff.name}（{subject_id}）" if staff else subject_id
