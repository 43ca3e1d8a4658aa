"""Leave requests (请假): reads and writes on the session — the people and absences the checks read,
opening a case (every check at once, then the case, its details and its proofs together), the facts
the next step depends on, and the 调休日程表 (考勤办法 二(一)5).
"""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import or_
from sqlmodel import Session, select

from models.core.calendar import load_calendar
from models.core.cases import Case, get_case, open_case
from models.core.clock import local_now
from models.core.documents import Document, attachment_problems, store_attachment
from models.core.errors import CenterError, InvalidInput, NotFound, raise_all
from models.core.roster import colleagues
from models.core.org import Staff, StaffStatus, Window
from models.core.settings import Policy
from models.core.submissions import submitted_case
from models.core.workitems import decided_item
from models.leave.machine import ABSENT, STEP_HEAD, STEP_MANAGEMENT, STEP_REGISTER, LeaveFacts, status_label
from models.leave.rules import (HOSPITAL_PROOF, KIND_LABELS, PROOF, Absence, CoverWindow, DayTimes, Person, Span,
                                back_at_work, check_application, check_may_apply, check_saturday_cover, check_span,
                                has_begun, is_well_ordered, leave_days, missing_materials, needs_report_form,
                                whole_days)
from models.leave.tables import LeaveRequest, SaturdayCover
from models.rules.submission import submission_key

if TYPE_CHECKING:
    from models.leave.inputs import LeaveApplication


def span_of(leave: LeaveRequest) -> Span:
    return Span(leave.start_day, leave.start_half, leave.end_day, leave.end_half)


def person(*, session: Session, staff_id: str, field: str) -> Person:
    staff = session.get(Staff, staff_id)
    if staff is None:
        raise NotFound(field=field, value=staff_id)
    return Person(id=staff.id, name=staff.name, window_id=staff.window_id, role=staff.role,
                  active=staff.status == StaffStatus.active, b_post_id=staff.b_post_id)


def leave_absences(*, session: Session, staff_ids: set[str], start: date, end: date,
                   exclude_ref: str | None = None, statuses: frozenset[str] = ABSENT) -> list[Absence]:
    """Leave around [start, end] of these people or covered by them: approved and pending, or only
    those in `statuses` (APPROVED: the leaves that make a person away, models/core/standin.py)."""
    query = (select(LeaveRequest).join(Case, Case.ref == LeaveRequest.case_ref)
             .where(Case.status.in_(statuses), LeaveRequest.start_day <= end, LeaveRequest.end_day >= start,
                    or_(LeaveRequest.staff_id.in_(staff_ids), LeaveRequest.substitute_id.in_(staff_ids))))
    if exclude_ref:
        query = query.where(LeaveRequest.case_ref != exclude_ref)
    return [Absence(label=f"请假 {leave.case_ref}", staff_id=leave.staff_id, span=span_of(leave),
                    substitute_id=leave.substitute_id, case_ref=leave.case_ref)
            for leave in session.exec(query.order_by(LeaveRequest.case_ref)).all()]


def get_leave(*, session: Session, ref: str) -> tuple[Case, LeaveRequest]:
    case = get_case(session=session, ref=ref)
    leave = session.get(LeaveRequest, ref)
    if leave is None or case.kind != "leave":
        raise NotFound(field="请假申请编号", value=ref)
    return case, leave


def attached_kinds(*, session: Session, case_ref: str) -> set[str]:
    return set(session.exec(select(Document.kind).where(
        Document.case_ref == case_ref, Document.kind.in_([PROOF, HOSPITAL_PROOF]))).all())


def missing_of(*, session: Session, leave: LeaveRequest) -> list[str]:
    return missing_materials(leave.kind, leave.days, attached_kinds(session=session, case_ref=leave.case_ref))


def _decision(session: Session, case_ref: str, step: str) -> bool | None:
    item = decided_item(session=session, case_ref=case_ref, step=step)
    return None if item is None else bool((item.decision or {}).get("approve", True))


def leave_facts(*, session: Session, case: Case, leave: LeaveRequest) -> LeaveFacts:
    return LeaveFacts(status=case.status, needs_form=needs_report_form(leave.kind, leave.days),
                      missing=tuple(missing_of(session=session, leave=leave)),
                      head_decision=_decision(session, case.ref, STEP_HEAD),
                      management_decision=_decision(session, case.ref, STEP_MANAGEMENT),
                      registered=_decision(session, case.ref, STEP_REGISTER) is not None)


def facts_of(*, session: Session, case: Case, now: datetime) -> LeaveFacts:
    """What the next step of a leave case depends on (read only; machine.next_event chooses)."""
    _, leave = get_leave(session=session, ref=case.ref)
    return leave_facts(session=session, case=case, leave=leave)


def leave_status_label(*, session: Session, case: Case) -> str:
    """The status as the applicant reads it: 已批准 once the management section approved."""
    return status_label(case.status, approved=_decision(session, case.ref, STEP_MANAGEMENT) is True)


def notice_context(*, session: Session, case: Case, leave: LeaveRequest) -> dict:
    """What every leave notice and document may show."""
    staff, substitute = session.get(Staff, leave.staff_id), session.get(Staff, leave.substitute_id or "")
    return {"case_ref": case.ref, "name": staff.name, "staff_id": staff.id, "kind": KIND_LABELS[leave.kind],
            "span": span_of(leave).label(), "span_short": span_of(leave).short_label(),
            "days": f"{leave.days:g}", "provisional": leave.days_provisional,
            "reason": leave.reason, "substitute": substitute.name if substitute else leave.cover_name,
            "filing_due_at": leave.filing_due_at, "afterwards": leave.afterwards}


def leave_view(*, session: Session, leave: LeaveRequest) -> list[tuple[str, str]]:
    """The leave as people read it, (label, value) per fact: the case page, `center leave show`."""
    def person(staff_id: str | None) -> str:
        staff = session.get(Staff, staff_id) if staff_id else None
        return f"{staff.name}（{staff.id}）" if staff else (staff_id or "—")

    rows = [("请假人员", person(leave.staff_id)), ("请假类别", KIND_LABELS[leave.kind]),
            ("请假时间", span_of(leave).label()),
            ("天数", f"共 {leave.days:g} 个工作日" + ("（暂定）" if leave.days_provisional else "")),
            ("请假事由", leave.reason),
            ("替岗人员", person(leave.substitute_id) if leave.substitute_id else leave.cover_name or "—"),
            ("影响窗口工作", "是" if leave.affects_window else "否")]
    if leave.afterwards:
        rows.append(("事前未能办理", leave.late_explanation))
    return [*rows, ("补交材料期限", leave.filing_due_at.strftime("%Y-%m-%d %H:%M"))]


# Opening a leave case.

def day_times(policy: Policy) -> DayTimes:
    return DayTimes(policy.office_open, policy.morning_close, policy.office_close)


def _files(application: LeaveApplication) -> tuple[list[tuple[str, Path]], list[CenterError]]:
    files = [(PROOF, Path(p)) for p in application.proofs] + [(HOSPITAL_PROOF, Path(p))
                                                             for p in application.hospital_proofs]
    problems: list[CenterError] = list(attachment_problems([path for _, path in files], missing_rule="leave.proof_file"))
    return files, problems


def _substitute(session: Session, application: LeaveApplication, applicant: Person,
                alone: bool) -> tuple[Person | None, list[CenterError]]:
    staff_id = application.substitute_id or (None if alone else applicant.b_post_id)
    if staff_id is None:
        return None, []
    try:
        return person(session=session, staff_id=staff_id, field="替岗人员"), []
    except NotFound as error:
        return None, [InvalidInput(field="替岗人员", message=f"找不到工号 {error.value}", rule="ab.substitute")]


def open_leave(*, session: Session, application: LeaveApplication, now: datetime,
               policy: Policy) -> tuple[Case, LeaveRequest, bool]:
    """Check the application and open the case. Returns (case, leave, created); nothing is written
    when any check fails, and a repeated submission with the same key returns the first case."""
    submission = submission_key("leave", application.model_dump(mode="json", exclude={"idempotency_key"}))
    key = application.idempotency_key or submission.stored(now)
    if application.idempotency_key:
        case = session.exec(select(Case).where(Case.idempotency_key == application.idempotency_key)).first()
    else:  # the same application by the same person re-run (after a crash): the case it opened
        case = submitted_case(session=session, key=submission, now=now, hours=policy.resubmission_hours)
    if case:
        return case, session.get(LeaveRequest, case.ref), False
    applicant = person(session=session, staff_id=application.staff_id, field="请假人员")
    check_may_apply(person(session=session, staff_id=application.actor, field="提交人(--as)"), applicant)
    calendar, span, times = load_calendar(session=session), application.span(), day_times(policy)
    lieu = days_in_lieu(session=session, staff_id=applicant.id, start=span.start, end=span.end)
    days = leave_days(span, calendar, lieu)
    problems = check_span(span, days, calendar, lieu)
    files, file_problems = _files(application)
    others = colleagues(session=session, window_id=applicant.window_id, staff_id=applicant.id)
    alone = others == 0
    substitute, substitute_problems = _substitute(session, application, applicant, alone)
    absences = []
    if is_well_ordered(span):
        people = {applicant.id} | ({substitute.id} if substitute else set())
        absences = leave_absences(session=session, staff_ids=people, start=span.start, end=span.end)
        absences += lieu_absences(session=session, staff_ids=people - {applicant.id}, start=span.start, end=span.end)
    problems += check_application(
        applicant=applicant, span=span, reason=application.reason, begun=has_begun(span, now, times),
        late_explanation=application.late_explanation, substitute=substitute, cover_name=application.cover_name,
        colleagues=others, absences=absences, calendar=calendar)
    raise_all(problems + file_problems + substitute_problems)
    window = session.get(Window, applicant.window_id)
    title = f"{applicant.name} {KIND_LABELS[application.kind]} {span.label()} 共{days:g}天"
    case, _ = open_case(session=session, kind="leave", actor=application.actor, title=title,
                        policy=policy.model_dump(mode="json"), window_id=applicant.window_id,
                        subject_staff_id=applicant.id, idempotency_key=key, at=now)
    back = back_at_work(span, calendar, times)
    due = calendar.deadline(back, policy.leave_late_filing_days, policy.office_close)
    given = application.model_dump(include=set(LeaveRequest.model_fields))  # the fields kept as applied for
    leave = LeaveRequest(**{
        **given, "case_ref": case.ref, "window_id": applicant.window_id, "department_id": window.department_id,
        "days": days, "days_provisional": calendar.is_provisional(span.start, span.end),
        "substitute_id": substitute.id if substitute else None, "affects_window": application.affects_window or alone,
        "afterwards": has_begun(span, now, times), "back_at": back, "filing_due_at": due.at,
        "filing_due_provisional": due.provisional})
    session.add(leave)
    session.flush()
    for kind, path in files:
        store_attachment(session=session, case_ref=case.ref, kind=kind, source=path, actor=application.actor, at=now)
    return case, leave, True


# The 调休日程表 (Saturday cover at convenience windows).

def days_in_lieu(*, session: Session, staff_id: str, start: date, end: date) -> frozenset[date]:
    rows = session.exec(select(SaturdayCover.day_off).where(
        SaturdayCover.staff_id == staff_id, SaturdayCover.day_off >= start, SaturdayCover.day_off <= end)).all()
    return frozenset(rows)


def lieu_absences(*, session: Session, staff_ids: set[str], start: date, end: date) -> list[Absence]:
    """Compensating days off as absences (the person is not at the window that day)."""
    rows = session.exec(select(SaturdayCover).where(
        SaturdayCover.staff_id.in_(staff_ids), SaturdayCover.day_off >= start, SaturdayCover.day_off <= end)).all()
    return [Absence(label=f"调休（{r.saturday}星期六上班）", staff_id=r.staff_id,
                    span=whole_days(r.day_off, r.day_off), is_leave=False) for r in rows]


def absences(*, session: Session, staff_ids: set[str], start: date, end: date) -> list[Absence]:
    """Leave and compensating days off of these people (or covered by them) around [start, end]: who
    is away from the window, as other procedures ask (models.procedures.absences; 巡查制度)."""
    return (leave_absences(session=session, staff_ids=staff_ids, start=start, end=end)
            + lieu_absences(session=session, staff_ids=staff_ids, start=start, end=end))


def record_saturday_cover(*, session: Session, window_id: str, staff_id: str, saturday: date, day_off: date,
                          actor: str, note: str = "") -> tuple[SaturdayCover, bool]:
    """Record one row of the 调休日程表 (the head's own registration). Returns (row, created)."""
    window = session.get(Window, window_id)
    if window is None:
        raise NotFound(field="窗口", value=window_id)
    staff = person(session=session, staff_id=staff_id, field="工作人员")
    existing = session.exec(select(SaturdayCover).where(SaturdayCover.staff_id == staff_id,
                                                        SaturdayCover.saturday == saturday)).first()
    if existing and existing.day_off == day_off:
        return existing, False
    people = {staff_id} | ({staff.b_post_id} if staff.b_post_id else set())
    absences = (leave_absences(session=session, staff_ids=people, start=day_off, end=day_off)
                + lieu_absences(session=session, staff_ids=people, start=day_off, end=day_off))
    problems = check_saturday_cover(
        actor=person(session=session, staff_id=actor, field="办理人(--as)"),
        window=CoverWindow(window.id, window.name, window.head_id, window.saturday_service),
        staff=staff, saturday=saturday, day_off=day_off, absences=absences,
        calendar=load_calendar(session=session))
    if existing:
        problems.append(InvalidInput(field="星期六", message=f"{staff.name} 在 {saturday} 已安排调休日 {existing.day_off}",
                                     rule="attendance.saturday_once"))
    raise_all(problems)
    row = SaturdayCover(window_id=window_id, staff_id=staff_id, saturday=saturday, day_off=day_off,
                        note=note, recorded_by=actor, recorded_at=local_now())
    session.add(row)
    session.flush()
    return row, True


def schedule(*, session: Session, window_id: str, start: date, end: date) -> list[SaturdayCover]:
    """The window's 调休日程表 for Saturdays in [start, end]."""
    return list(session.exec(select(SaturdayCover).where(
        SaturdayCover.window_id == window_id, SaturdayCover.saturday >= start, SaturdayCover.saturday <= end)
        .order_by(SaturdayCover.saturday, SaturdayCover.staff_id)).all())


def away_at_moment(*, session: Session, staff_ids: set[str], at: datetime) -> dict[str, tuple[str, str | None]]:
    """Who of `staff_ids` is on an approved leave at `at` (half days count), with the leave: who is
    away, as the stand-in asks (models.procedures.away_at_moment; AB岗工作制度 1)."""
    from models.leave.machine import APPROVED
    from models.rules.absences import away_at

    leaves = [a for a in leave_absences(session=session, staff_ids=staff_ids, start=at.date(), end=at.date(),
                                        statuses=APPROVED) if a.staff_id in staff_ids]
    refs = {a.staff_id: a.case_ref for a in leaves}
    return {staff_id: (label, refs[staff_id]) for staff_id, label in away_at(leaves, at).items()}
