"""The point-deduction ledger (扣分台账) and withdrawn award eligibility (取消评优资格).

Shared by every procedure that deducts points: attendance (考勤办法 二(三)1: 未在规定时间内提交
相应证明的，一律视作未正常考勤或请假，按相关规定予以扣分), complaints (投诉处置规定 三(三)1:
查证属实或部分属实的给予扣分，同时所涉及的窗口及工作人员取消各项评优资格), patrols, training.
考勤办法 二(三)2: the year's record is one basis of the "服务明星" / "优秀服务窗口" awards.

Both writes are idempotent by a key: recording the same deduction twice (a sweep run twice, a
flow re-run after a crash) writes one row.
"""
from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import NaiveDatetime
from sqlalchemy import func
from sqlmodel import Field, Session, SQLModel, select

from models.core.cases import audit
from models.core.clock import local_now
from models.core.errors import InvalidInput


class SubjectKind(StrEnum):
    staff = "staff"  # 窗口工作人员 (Staff.id)
    window = "window"  # 窗口 (Window.id)


SUBJECT_LABELS = {SubjectKind.staff: "工作人员", SubjectKind.window: "窗口"}


class LedgerEntry(SQLModel, table=True):
    """One deduction: who, how many points, why, from which case, on which day, for which year."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=200)
    subject_kind: SubjectKind = Field(index=True)
    subject_id: str = Field(index=True, max_length=40)
    kind: str = Field(index=True, max_length=60)  # a key of Policy.deduction_points
    points: float
    reason: str = Field(max_length=500)
    case_ref: str | None = Field(default=None, index=True, max_length=40)
    on: date
    year: int = Field(index=True)  # the assessment year (年度考核)
    recorded_by: str = Field(default="system", max_length=40)
    recorded_at: NaiveDatetime


class EligibilityWithdrawal(SQLModel, table=True):
    """Award eligibility (评优资格) withdrawn from a staff member or a window for a year."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=200)
    subject_kind: SubjectKind = Field(index=True)
    subject_id: str = Field(index=True, max_length=40)
    year: int = Field(index=True)
    reason: str = Field(max_length=500)
    case_ref: str | None = Field(default=None, index=True, max_length=40)
    on: date
    recorded_by: str = Field(default="system", max_length=40)
    recorded_at: NaiveDatetime


def deduct(*, session: Session, subject_kind: SubjectKind, subject_id: str, kind: str, points: float,
           reason: str, case_ref: str | None, on: date, key: str | None = None,
           actor: str = "system", year: int | None = None) -> tuple[LedgerEntry, bool]:
    """Record a deduction once per key (default: case, kind and subject). Returns (entry, created)."""
    if points <= 0:
        raise InvalidInput(field="扣分", message=f"扣分分值应大于 0，而不是 {points}")
    key = key or f"{case_ref or '-'}:{kind}:{subject_kind.value}:{subject_id}"
    existing = session.exec(select(LedgerEntry).where(LedgerEntry.key == key)).first()
    if existing:
        return existing, False
    entry = LedgerEntry(key=key, subject_kind=subject_kind, subject_id=subject_id, kind=kind,
                        points=points, reason=reason, case_ref=case_ref, on=on, year=year or on.year,
                        recorded_by=actor, recorded_at=local_now())
    session.add(entry)
    session.flush()
    if case_ref:
        audit(session=session, case_ref=case_ref, actor=actor, action="deduct",
              details={"ledger": entry.id, "subject": f"{subject_kind.value}:{subject_id}",
                       "kind": kind, "points": points, "reason": reason})
    return entry, True


def withdraw_eligibility(*, session: Session, subject_kind: SubjectKind, subject_id: str, year: int,
                         reason: str, case_ref: str | None, on: date, key: str | None = None,
                         actor: str = "system") -> tuple[EligibilityWithdrawal, bool]:
    """Withdraw award eligibility for `year`, once per key. Returns (row, created)."""
    key = key or f"{case_ref or '-'}:eligibility:{subject_kind.value}:{subject_id}:{year}"
    existing = session.exec(select(EligibilityWithdrawal).where(EligibilityWithdrawal.key == key)).first()
    if existing:
        return existing, False
    row = EligibilityWithdrawal(key=key, subject_kind=subject_kind, subject_id=subject_id, year=year,
                                reason=reason, case_ref=case_ref, on=on, recorded_by=actor,
                                recorded_at=local_now())
    session.add(row)
    session.flush()
    if case_ref:
        audit(session=session, case_ref=case_ref, actor=actor, action="withdraw_eligibility",
              details={"subject": f"{subject_kind.value}:{subject_id}", "year": year, "reason": reason})
    return row, True


def is_eligible(*, session: Session, subject_kind: SubjectKind, subject_id: str, year: int) -> bool:
    return session.exec(select(EligibilityWithdrawal.id).where(
        EligibilityWithdrawal.subject_kind == subject_kind, EligibilityWithdrawal.subject_id == subject_id,
        EligibilityWithdrawal.year == year)).first() is None


def total_points(*, session: Session, subject_kind: SubjectKind, subject_id: str, year: int) -> float:
    return float(session.exec(select(func.coalesce(func.sum(LedgerEntry.points), 0)).where(
        LedgerEntry.subject_kind == subject_kind, LedgerEntry.subject_id == subject_id,
        LedgerEntry.year == year)).one())


def entries(*, session: Session, year: int | None = None, subject_id: str | None = None,
            case_ref: str | None = None) -> list[LedgerEntry]:
    query = select(LedgerEntry)
    if year is not None:
        query = query.where(LedgerEntry.year == year)
    if subject_id is not None:
        query = query.where(LedgerEntry.subject_id == subject_id)
    if case_ref is not None:
        query = query.where(LedgerEntry.case_ref == case_ref)
    return list(session.exec(query.order_by(LedgerEntry.on, LedgerEntry.id)).all())


def points_by_subject(*, session: Session, year: int) -> dict[tuple[SubjectKind, str], float]:
    """The year's deductions summed per subject (the annual assessment's one source)."""
    rows = session.exec(select(LedgerEntry.subject_kind, LedgerEntry.subject_id, func.sum(LedgerEntry.points))
                        .where(LedgerEntry.year == year)
                        .group_by(LedgerEntry.subject_kind, LedgerEntry.subject_id)).all()
    return {(SubjectKind(kind), subject): float(points) for kind, subject, points in rows}


def _filtered(query, model, year: int | None, subject_ids: set[str] | None):
    if year is not None:
        query = query.where(model.year == year)
    if subject_ids is not None:
        query = query.where(model.subject_id.in_(subject_ids))
    return query


def ledger_entries(*, year: int | None, subject_ids: set[str] | None):
    """The deductions of the year (None: every year) for the subjects (None: everyone), oldest first."""
    return _filtered(select(LedgerEntry), LedgerEntry, year, subject_ids).order_by(LedgerEntry.on, LedgerEntry.id)


def ledger_points(*, session: Session, year: int | None, subject_ids: set[str] | None) -> float:
    """The points of those deductions, summed by SQL."""
    return float(session.exec(_filtered(select(func.coalesce(func.sum(LedgerEntry.points), 0.0)), LedgerEntry,
                                        year, subject_ids)).one())


def withdrawals(*, session: Session, year: int | None, subject_ids: set[str] | None = None
                ) -> list[EligibilityWithdrawal]:
    """The eligibility withdrawn in the year (None: every year) from the subjects (None: everyone), oldest first."""
    return list(session.exec(_filtered(select(EligibilityWithdrawal), EligibilityWithdrawal, year, subject_ids)
                             .order_by(EligibilityWithdrawal.on, EligibilityWithdrawal.id)).all())


def ledger_of(*, session: Session, year: int | None, subject_ids: set[str] | None
              ) -> tuple[list[LedgerEntry], list[EligibilityWithdrawal]]:
    """The deductions and withdrawn eligibility of the year (None: every year) for the subjects
    (None: everyone), oldest first — the ledger as a person reads it (`center ledger`)."""
    return (list(session.exec(ledger_entries(year=year, subject_ids=subject_ids)).all()),
            withdrawals(session=session, year=year, subject_ids=subject_ids))
