"""Receiving what the source systems post (投诉处置规定 二, 三(二)2–3): a 12345 work order or a 好差评
rating becomes a complaint through the clerk's own rules (tasks.complaint.entry.record_intake), in one
transaction with the record of what was received and the call's log row.

Idempotent by the order's ticket number or the rating id: the same body again returns the same
reference; a different body under the same number is a SubmissionConflict naming the fields.
Two requests racing on PostgreSQL: the loser's insert violates a unique index, its transaction is
rolled back and retried once, and then finds the winner's row.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from models.api.store import record_call
from models.api.tables import HotlineOrder, SourceRating
from models.api.inputs import HOTLINE_FIELDS, RATING_FIELDS, HotlineOrderIn, RatingIn
from models.core.clock import local_now
from models.complaint.tables import Complaint
from models.complaint.store import get_complaint
from models.complaint.inputs import ComplaintIntake
from models.core.errors import validated
from models.core.db import session_scope
from models.core.errors import Conflict, InvalidInput, raise_all
from models.matter.tables import Matter
from models.core.org import Staff, Window
from models.api.rules import COMPARED, differing_fields, good_rating_problems
from models.complaint.rules import external_deadline, normalize_contact
from models.core.settings import get_settings
from tasks.complaint.entry import record_intake

ATTEMPTS = 3
log = logging.getLogger("center.api")


class SubmissionConflict(Conflict):
    """The same ticket number or rating id posted again with different content (HTTP 409)."""

    def __init__(self, *, label: str, key: str, fields: list[str]):
        self.fields = fields
        super().__init__(f"{label} {key} 已报送过且内容不同：{'、'.join(fields)} 与首次报送不一致")


@dataclass(frozen=True)
class Receipt:
    ref: str | None  # the complaint's reference; None for a 3–5 star rating
    created: bool
    status: str | None


def _retrying(action: Callable[[], Receipt]) -> Receipt:
    for attempt in range(ATTEMPTS):
        try:
            return action()
        except IntegrityError:
            if attempt == ATTEMPTS - 1:
                raise
            log.info("同一编号的并发报送：第 %d 次重试", attempt + 1)
    raise AssertionError("unreachable")


def _window_for(session: Session, window_id: str | None, matter_code: str | None) -> str:
    """The window concerned: given, or the one that serves the matter (事项进驻: 清单管理)."""
    if matter_code:
        matter = session.get(Matter, matter_code)
        if matter is None:
            raise InvalidInput(field="matter_code", message=f"找不到事项 {matter_code}")
        if matter.window_id is None:
            raise InvalidInput(field="matter_code", message=f"事项 {matter_code} 不在中心窗口办理，请填写窗口编号")
        if window_id and window_id != matter.window_id:
            raise InvalidInput(field="window_id", message=f"事项 {matter_code} 由窗口 {matter.window_id} 办理，与所填窗口 {window_id} 不符")
        return matter.window_id
    if not window_id:
        raise InvalidInput(field="window_id", message="窗口编号和事项编码至少填写一项")
    return window_id


def _complaint_differences(complaint: Complaint, intake: ComplaintIntake, names: dict[str, str]) -> list[str]:
    close = get_settings().policy.office_close
    stored, posted = complaint.model_dump(), intake.model_dump()
    posted["complainant_contact"] = normalize_contact(intake.complainant_contact)
    for values in (stored, posted):  # a date alone and that day's close are the same deadline (三(二)2)
        if values.get("external_due_at"):
            values["external_due_at"] = external_deadline(values["external_due_at"], close)
    return [names.get(f, f) for f in differing_fields(stored, posted, COMPARED[intake.channel])]


def _intake(session: Session, body, names: dict[str, str]) -> ComplaintIntake:
    try:
        return validated(ComplaintIntake, body.intake(_window_for(session, body.window_id, body.matter_code)))
    except InvalidInput as error:
        raise InvalidInput(field=names.get(error.field, error.field), message=error.message, rule=error.rule) from None


def receive_hotline_order(*, order: HotlineOrderIn, key_name: str, path: str, now: datetime | None = None) -> Receipt:
    """投诉处置规定 三(二)2: 12345转来的投诉 keep the order's own deadline (record_intake)."""
    return _retrying(lambda: _hotline_once(order, key_name, path, now or local_now()))


def _hotline_once(order: HotlineOrderIn, key_name: str, path: str, now: datetime) -> Receipt:
    with session_scope() as session:
        known = session.get(HotlineOrder, order.ticket_no)
        intake = _intake(session, order, HOTLINE_FIELDS)
        if known is not None:
            case, complaint = get_complaint(session=session, ref=known.case_ref)
            differ = _complaint_differences(complaint, intake, HOTLINE_FIELDS)
            differ += ["matter_code"] if (known.matter_code or None) != (order.matter_code or None) else []
            if differ:
                raise SubmissionConflict(label="工单号", key=order.ticket_no, fields=differ)
            record_call(session=session, key_name=key_name, method="POST", path=path, status=200,
                        case_ref=case.ref, at=now)
            return Receipt(case.ref, False, case.status)
        case, created = record_intake(session=session, intake=intake, actor=key_name, now=now)
        session.flush()
        if not created:  # registered by a clerk before the order arrived through the API
            differ = _complaint_differences(session.get(Complaint, case.ref), intake, HOTLINE_FIELDS)
            if differ:
                raise SubmissionConflict(label="工单号", key=order.ticket_no, fields=differ)
        session.add(HotlineOrder(ticket_no=order.ticket_no, case_ref=case.ref, matter_code=order.matter_code,
                                 received_by=key_name, posted_at=now))
        record_call(session=session, key_name=key_name, method="POST", path=path, status=201 if created else 200,
                    case_ref=case.ref, at=now)
        session.flush()
        return Receipt(case.ref, created, case.status)


def receive_rating(*, rating: RatingIn, key_name: str, path: str, now: datetime | None = None) -> Receipt:
    """投诉处置规定 一.1, 三(二)3: a 1–2 star rating is a complaint on the `rating` channel; 3–5 stars
    are recorded for the statistics (三(一)2) and open nothing."""
    return _retrying(lambda: _rating_once(rating, key_name, path, now or local_now()))


def _rating_differences(session: Session, known: SourceRating, rating: RatingIn) -> list[str]:
    """What differs from the rating as first received; the contact only where it was kept (1–2 stars)."""
    stored = {"stars": known.stars, "rated_at": known.rated_at, "window_id": known.window_id,
              "matter_code": known.matter_code, "staff_id": known.staff_id, "comment": known.comment}
    posted = {"stars": rating.stars, "rated_at": rating.rated_at, "window_id": rating.window_id or known.window_id,
              "matter_code": rating.matter_code, "staff_id": rating.staff_id, "comment": rating.comment}
    if known.case_ref is not None:
        stored["contact"] = session.get(Complaint, known.case_ref).complainant_contact
        posted["contact"] = normalize_contact(rating.contact)
    return differing_fields(stored, posted, tuple(stored))


def _rating_once(rating: RatingIn, key_name: str, path: str, now: datetime) -> Receipt:
    with session_scope() as session:
        known = session.get(SourceRating, rating.rating_id)
        if known is not None:
            differ = _rating_differences(session, known, rating)
            if differ:
                raise SubmissionConflict(label="评价编号", key=rating.rating_id, fields=differ)
            status = get_complaint(session=session, ref=known.case_ref)[0].status if known.case_ref else None
            record_call(session=session, key_name=key_name, method="POST", path=path, status=200,
                        case_ref=known.case_ref, at=now)
            return Receipt(known.case_ref, False, status)
        case, created = None, True
        if rating.is_bad:
            intake = _intake(session, rating, RATING_FIELDS)
            window_id = intake.window_id
            case, created = record_intake(session=session, intake=intake, actor=key_name, now=now)
            session.flush()
            if not created:  # typed in by the complaint window before the rating arrived
                differ = _complaint_differences(session.get(Complaint, case.ref), intake, RATING_FIELDS)
                if differ:
                    raise SubmissionConflict(label="评价编号", key=rating.rating_id, fields=differ)
        else:
            window_id = _window_for(session, rating.window_id, rating.matter_code)
            window = session.get(Window, window_id)
            staff = session.get(Staff, rating.staff_id) if rating.staff_id else None
            raise_all(good_rating_problems(rated_at=rating.rated_at, window_known=window is not None,
                                           window_id=window_id, staff_id=rating.staff_id,
                                           staff_known=staff is not None,
                                           staff_window_id=staff.window_id if staff else None, now=now))
        session.add(SourceRating(rating_id=rating.rating_id, stars=rating.stars, rated_at=rating.rated_at,
                                 matter_code=rating.matter_code, window_id=window_id, staff_id=rating.staff_id,
                                 comment=rating.comment,
                                 case_ref=case.ref if case else None, received_by=key_name, posted_at=now))
        ref = case.ref if case else None
        record_call(session=session, key_name=key_name, method="POST", path=path, status=201 if created else 200,
                    case_ref=ref, at=now)
        session.flush()
        return Receipt(ref, created, case.status if case else None)

