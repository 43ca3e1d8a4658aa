"""The complaint register (投诉登记): the queries over it, and the facts a step reads.

投诉处置规定 三(一)1: the management section keeps the register; 三(一)2: the complaint window
compiles the monthly and annual 好差评 statistics; 三(二)1: name, contact and content recorded.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import and_, case as when, or_
from sqlmodel import Session, func, select

from models.core.cases import Case, WorkItem, WorkItemStatus, get_case
from models.core.errors import InvalidInput, NotFound
from models.complaint.machine import COMPLAINT, INVESTIGATING, POSTING, REVIEWING, Facts
from models.complaint.rules import (CATEGORY_LABELS, CHANNEL_LABELS, VERDICT_LABELS, ComplaintChannel, ComplaintVerdict,
                                    intake_key)
from models.complaint.stats import ComplaintStats, StatGroup, period_bounds, tally
from models.complaint.tables import Complaint
from models.core.org import Staff, Window
from models.rules.masking import complainant_view
from models.rules.permissions import may_act
from models.core.settings import get_settings
from models.core.submissions import submitted_case
from models.core.workitems import actor_of, assignment_of


def get_complaint(*, session: Session, ref: str) -> tuple[Case, Complaint]:
    case = get_case(session=session, ref=ref)
    complaint = session.get(Complaint, ref)
    if case.kind != COMPLAINT.kind or complaint is None:
        raise NotFound(field="投诉案件编号", value=ref)
    return case, complaint


def registered_complaint(*, session: Session, intake, now: datetime, actor: str = "",
                         received_given: bool = True) -> Case | None:
    """The complaint case this intake was registered as already, found by what makes two complaints
    different (models.complaint.rules.intake_key: channel, window, staff, category,
    complainant and content; an external ticket; a rating id); None if it is new.

    A 12345 ticket or a rating id is one complaint (the source systems' number: unique per channel,
    models.api.tables): registered for another window or person, it is refused, naming that case.
    `received_given`: False when the clerk left the received time to "now" (bounded re-run key)."""
    key = intake_key(intake, actor=actor, received_given=received_given)
    case = submitted_case(session=session, key=key, now=now, hours=get_settings().policy.resubmission_hours)
    number = (("ticket_no", "转办单号", intake.ticket_no) if intake.ticket_no
              else ("rating_id", "评价编号", intake.rating_id) if intake.rating_id else None)
    if case is None and number is not None:
        case = session.exec(select(Case).join(Complaint, Complaint.case_ref == Case.ref).where(
            Complaint.channel == intake.channel, getattr(Complaint, number[0]) == number[2])).first()
    if case is not None and number is not None:
        first = session.get(Complaint, case.ref)
        if first is not None and (first.window_id, first.staff_id) != (intake.window_id, intake.staff_id):
            field, label, value = number
            raise InvalidInput(field=field, message=f"{label} {value} 已登记为投诉 {case.ref}（窗口 {first.window_id}，"
                                      f"人员 {first.staff_id or '—'}），与本次填写的窗口或人员不一致")
    return case


def item_by_key(*, session: Session, key: str) -> WorkItem | None:
    return session.exec(select(WorkItem).where(WorkItem.key == key)).first()


def substantiated_count(*, session: Session, staff_id: str, since: date | None) -> int:
    """Substantiated complaints against a staff member during the current posting."""
    query = select(func.count()).select_from(Complaint).where(
        Complaint.staff_id == staff_id, Complaint.verdict == ComplaintVerdict.substantiated)
    if since is not None:
        query = query.where(Complaint.received_at >= datetime.combine(since, datetime.min.time()))
    return session.exec(query).one()


def may_see_personal_data(*, session: Session, case_ref: str, actor_id: str) -> bool:
    """Only the handling work item shows the complainant: whoever may act on an open item."""
    actor = actor_of(session=session, staff_id=actor_id)
    items = session.exec(select(WorkItem).where(WorkItem.case_ref == case_ref,
                                                WorkItem.status == WorkItemStatus.open)).all()
    return any(may_act(actor, assignment_of(item))[0] for item in items)


def complaint_view(*, session: Session, case: Case, complaint: Complaint, full: bool) -> list[tuple[str, str]]:
    """The complaint as people read it, (label, value) per fact: the case page and `center complaint
    show`. The complainant's name and contact, and personal data inside the free text, in full only
    for whoever handles it (`full`, may_see_personal_data; the one masking rule, complainant_view)."""
    view = complainant_view(name=complaint.complainant_name, contact=complaint.complainant_contact, full=full)
    window, staff = session.get(Window, complaint.window_id), session.get(Staff, complaint.staff_id or "")
    rows = [("投诉渠道", CHANNEL_LABELS[complaint.channel]),
            ("收到时间", f"{complaint.received_at:%Y-%m-%d %H:%M}"),
            ("被投诉窗口", window.name if window else complaint.window_id),
            ("被投诉人员", f"{staff.name}（{staff.id}）" if staff else complaint.staff_id or "—"),
            ("投诉类别", CATEGORY_LABELS.get(complaint.category, str(complaint.category))),
            ("投诉内容", view.text(complaint.content)),
            ("投诉人", view.name or "（匿名）"), ("联系方式", view.contact or "—"),
            ("办理期限", f"{case.due_at:%Y-%m-%d %H:%M}" + ("（暂定）" if case.due_provisional else "")
             if case.due_at else "—")]
    if complaint.ticket_no or complaint.rating_id:
        rows.append(("转办单号/评价编号", complaint.ticket_no or f"{complaint.rating_id}（{complaint.stars}星）"))
    if complaint.extensions:
        rows.append(("延期说明", view.text(complaint.extension_reason)))
    if complaint.verdict:
        rows += [("核查结论", VERDICT_LABELS[complaint.verdict]), ("答复内容", view.text(complaint.reply)),
                 ("答复时间", f"{complaint.answered_at:%Y-%m-%d %H:%M}（{'按期' if complaint.on_time else '超期'}）")]
    return rows


def stat_groups(*, session: Session, start: datetime, end: datetime, as_of: datetime) -> list[StatGroup]:
    """The complaints received in [start, end) grouped and counted by SQL (the index on received_at), alike
    in what the statistics count: channel, window, verdict, stars, and whether answered on time or overdue at
    `as_of` (the rule of models.complaint.stats.group_of, in SQL)."""
    answered = Complaint.answered_at.is_not(None)
    flag = lambda condition: when((condition, True), else_=False)
    keys = (Complaint.channel, Complaint.window_id, Complaint.verdict, Complaint.stars, flag(answered),
            flag(and_(answered, or_(Case.due_at.is_(None), Complaint.answered_at <= Case.due_at))),
            flag(and_(~answered, Case.due_at.is_not(None), Case.due_at < as_of)))
    rows = session.exec(select(*keys, func.count()).join(Case, Case.ref == Complaint.case_ref)
                        .where(Complaint.received_at >= start, Complaint.received_at < end).group_by(*keys)).all()
    return [StatGroup(channel=ComplaintChannel(channel), window_id=window_id,
                      verdict=ComplaintVerdict(verdict) if verdict else None, stars=stars, answered=bool(is_answered),
                      on_time=bool(on_time), open_overdue=bool(overdue), count=n)
            for channel, window_id, verdict, stars, is_answered, on_time, overdue, n in rows]


def period_summary(*, session: Session, month: str | None, year: int | None,
                   as_of: datetime) -> tuple[ComplaintStats, dict[str, str]]:
    """The statistics of a month ('2026-10') or a year (2026), and the windows' names."""
    label, start, end = period_bounds(month, year)
    stats = tally(stat_groups(session=session, start=start, end=end, as_of=as_of), period=label)
    names = dict(session.exec(select(Window.id, Window.name)).all())
    return stats, names


def facts_of(*, session: Session, case: Case, now: datetime) -> Facts:
    """What the complaint's next step depends on: its status and the decided work item of that step,
    found by its key — the window's current item, the review or the posting of the current round."""
    complaint = session.get(Complaint, case.ref)
    if case.kind != COMPLAINT.kind or complaint is None:
        raise NotFound(field="投诉案件编号", value=case.ref)
    rating = complaint.channel == ComplaintChannel.rating
    key = {INVESTIGATING: complaint.investigation_key, REVIEWING: f"{case.ref}:review:{complaint.review_round}",
           POSTING: f"{case.ref}:post:{complaint.review_round}"}.get(case.status)
    item = item_by_key(session=session, key=key) if key else None
    if item is None or item.status != WorkItemStatus.done:
        return Facts(status=case.status, rating=rating)
    return Facts(status=case.status, rating=rating, decided=True,
                 approved=bool(item.decision["approve"]) if case.status == REVIEWING else False,
                 decided_by=item.decided_by, decided_at=item.decided_at, decision=dict(item.decision))


def citizens_in(*, session: Session, refs: set[str]) -> list[tuple[str, str]]:
    """(name, contact) of the complainants in the cases `refs`: what the sweep's report masks."""
    return list(session.exec(select(Complaint.complainant_name, Complaint.complainant_contact)
                             .where(Complaint.case_ref.in_(refs))).all())


def verdicts_in(*, session: Session, refs: set[str]) -> dict[str, tuple[str | None, bool]]:
    """ref → (the staff member complained about, substantiated) of the complaints among `refs`: what a
    staff return cites (投诉处置规定 三(三)2)."""
    return {complaint.case_ref: (complaint.staff_id, complaint.verdict == ComplaintVerdict.substantiated)
            for complaint in session.exec(select(Complaint).where(Complaint.case_ref.in_(refs))).all()}


def substantiated_against(*, session: Session, staff_id: str, since: datetime | None) -> list[str]:
    """The substantiated complaints against the person received since `since` (their posting), oldest
    first (投诉处置规定 三(三)2: 被投诉三次以上并经查属实的)."""
    query = select(Complaint.case_ref).where(Complaint.staff_id == staff_id,
                                             Complaint.verdict == ComplaintVerdict.substantiated)
    if since is not None:
        query = query.where(Complaint.received_at >= since)
    return list(session.exec(query.order_by(Complaint.received_at)).all())
