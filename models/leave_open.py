"""Opening a leave case: every check at once, then the case, its details and its proofs together."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlmodel import Session, select

from models.attendance import days_in_lieu, lieu_absences
from models.core.calendar import load_calendar
from models.core.cases import Case, open_case
from models.core.documents import attachment_problems, store_attachment
from models.core.errors import CenterError, InvalidInput, NotFound, raise_all
from models.leave import LeaveRequest, colleagues, leave_absences, person
from models.leave_inputs import LeaveApplication
from models.core.org import Window
from models.rules.leave import (HOSPITAL_PROOF, KIND_LABELS, PROOF, DayTimes, back_at_work, has_begun,
                                is_well_ordered, leave_days)
from models.rules.leave_checks import Person, check_application, check_may_apply, check_span
from models.rules.submission import submission_key
from models.core.settings import Policy
from models.core.submissions import submitted_case


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
        return None, [InvalidInput("替岗人员", f"找不到工号 {error.value}", "ab.substitute")]


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
    leave = LeaveRequest(
        case_ref=case.ref, staff_id=applicant.id, window_id=applicant.window_id,
        department_id=window.department_id, kind=application.kind, start_day=span.start,
        start_half=span.start_half, end_day=span.end, end_half=span.end_half, days=days,
        days_provisional=calendar.is_provisional(span.start, span.end), reason=application.reason,
        substitute_id=substitute.id if substitute else None, cover_name=application.cover_name,
        affects_window=application.affects_window or alone, afterwards=has_begun(span, now, times),
        late_explanation=application.late_explanation, back_at=back, filing_due_at=due.at, filing_due_provisional=due.provisional)
    session.add(leave)
    session.flush()
    for kind, path in files:
        store_attachment(session=session, case_ref=case.ref, kind=kind, source=path, actor=application.actor, at=now)
    return case, leave, True
