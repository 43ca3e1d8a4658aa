"""What the deadline sweep finds: notices due at a moment, from every procedure's rules.

A rule is `rule(session, as_of, calendar, policy) -> list[Notice]`; it selects by state and
due date through indexed queries. Every notice carries an idempotency key, so two sweeps at the
same moment, or a sweep run twice, queue each message once. The generic rule covers every work
item: a reminder before its due date, an escalation for each working day it is overdue.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Row
from sqlmodel import Session, select

from models.core.cases import Case, WorkItem, WorkItemStatus
from models.core.clock import local_now
from models.core.standin import away_now
from models.core.org import Department, Role, Staff, Window
from models.core.recipients import Recipient, leader_of, role, staff_member, stand_in_recipients, window_head
from models.rules.masking import mask_personal
from models.rules.workdays import WorkdayCalendar
from models.core.settings import Policy

# An item overdue for longer than this many working days gets only its latest escalations on
# a catch-up run (a sweep that was down for a month should not send thirty messages at once).
CATCH_UP_LEVELS = 5


@dataclass(frozen=True)
class Notice:
    key: str
    procedure: str
    case_ref: str | None  # None: a notice about no one case (e.g. a day with too few patrols)
    level: str  # "remind" or "overdue"
    template: str
    recipients: list[Recipient]
    context: dict = field(default_factory=dict)
    due_at: datetime | None = None


@dataclass(frozen=True)
class SweepFailure:
    """A rule, or one row of a rule, that could not be computed: reported and skipped, so that every
    other case is still reminded and escalated (the run then ends Failed and the operators are alerted)."""

    procedure: str  # the procedure's Chinese name, or the rule's when the whole rule failed
    case_ref: str | None
    reason: str


@dataclass(frozen=True)
class SweepFindings:
    notices: list[Notice]
    failures: list[SweepFailure]


# A rule returns its notices, and a SweepFailure for each row it could not compute (`per_row`).
SweepRule = Callable[[Session, datetime, WorkdayCalendar, Policy], list[Notice | SweepFailure]]
REASON_LENGTH = 200


def failure_reason(error: Exception) -> str:
    """Why a rule or a row failed, for the report: the error's own message (ours are Chinese)."""
    return f"{type(error).__name__}：{error}"[:REASON_LENGTH]


def procedure_label(kind: str) -> str:
    from models.procedures import get_procedure

    try:
        return get_procedure(kind).label
    except KeyError:  # a row of an unknown kind is reported under its own name
        return kind


def per_row(rows, *, kind: str | Callable, ref_of: Callable, notices_of: Callable,
            session: Session | None = None) -> list[Notice | SweepFailure]:
    """Each row's notices (`notices_of(row)`); a row whose computation raises — a date outside the
    calendar, a missing recipient — becomes a SweepFailure naming its case, and the rule goes on with
    the next row. `kind`: the rows' procedure, or how to read it from a row. `session`: a rule that writes per row (e.g. a ledger entry) undoes only that row."""
    found: list[Notice | SweepFailure] = []
    for row in rows:
        try:
            if session is None:
                found.extend(notices_of(row))
            else:
                with session.begin_nested():
                    found.extend(notices_of(row))
        except Exception as error:  # noqa: BLE001 (reported; the other rows are still swept)
            procedure = kind(row) if callable(kind) else kind
            found.append(SweepFailure(procedure_label(procedure), ref_of(row), failure_reason(error)))
    return found


def sweep_rules() -> list[SweepRule]:
    """The generic work-item rule, then every procedure's own (models/procedures.py)."""
    from models.procedures import sweep_rules as procedures_rules

    return [work_item_deadlines, *procedures_rules()]


def notices_due(session: Session, as_of: datetime, calendar: WorkdayCalendar, policy: Policy) -> SweepFindings:
    """Every rule's notices, and what could not be computed: a rule that raises is reported and
    undone (its savepoint), the next rule still runs; a row that raises is reported by its rule
    (`per_row`). The organisation is loaded once and held meanwhile: the session's identity map
    holds rows weakly, so each recipient looked up by `session.get` was otherwise loaded again, one
    query per notice (bench/bench_sweep.py)."""
    organisation = [*session.exec(select(Staff)), *session.exec(select(Window)), *session.exec(select(Department))]
    notices: list[Notice] = []
    failures: list[SweepFailure] = []
    for rule in sweep_rules():
        try:
            with session.begin_nested():
                found = rule(session, as_of, calendar, policy)
        except Exception as error:  # noqa: BLE001 (reported; every other rule still runs)
            failures.append(SweepFailure(f"规则 {rule.__module__}.{rule.__name__}", None, failure_reason(error)))
            continue
        notices += [n for n in found if isinstance(n, Notice)]
        failures += [f for f in found if isinstance(f, SweepFailure)]
    del organisation
    return SweepFindings(notices, failures)


def citizens_data(*, session: Session, refs: set[str]) -> tuple[set[str], set[str]]:
    """The names and contacts of the citizens in cases `refs` — complainants and applicants, whose
    personal data the sweep's report masks (docs/architecture.md). Staff names are not masked."""
    from models.procedures import citizens_in

    rows = citizens_in(session=session, refs=refs)
    return {name for name, _ in rows if name}, {contact for _, contact in rows if contact}


def mask_citizens(text: str, *, names: set[str], contacts: set[str]) -> str:
    """`text` with these citizens' names and contacts masked, and any other mobile number or e-mail."""
    return mask_personal(text, names=names, contacts=contacts)


def assignees(session: Session, item: WorkItem | Row, at: datetime | None = None,
              away: dict | None = None) -> list[Recipient]:
    """Who must act on `item` (a work item, or a row with its assignee columns) at `at` (default
    now): its holder, and while the holder is away whoever stands in for them (AB岗 6, 8). `away`:
    everyone away at `at` (models.core.standin.away_now), when many items are read at once."""
    if item.assignee_staff_id:
        holders = staff_member(session=session, staff_id=item.assignee_staff_id)
    elif item.assignee_role == Role.head:
        holders = window_head(session=session, window_id=item.assignee_window_id)
    elif item.assignee_role == Role.department:
        return leader_of(session=session, department_id=item.assignee_department_id)
    else:
        return [role(item.assignee_role)]
    return [*holders, *stand_in_recipients(session=session, item=item, at=at or local_now(), away=away)]


def work_item_deadlines(session: Session, as_of: datetime, calendar: WorkdayCalendar,
                        policy: Policy) -> list[Notice | SweepFailure]:
    horizon_day = calendar.add_working_days(as_of.date(), policy.remind_days_before)
    horizon = datetime.combine(horizon_day, policy.office_close)
    rows = session.exec(  # the columns the notices need: whole rows cost ≈ 3× as much (bench/bench_sweep.py)
        select(WorkItem.id, WorkItem.case_ref, WorkItem.title, WorkItem.due_at, WorkItem.due_provisional, WorkItem.assignee_role,
               WorkItem.assignee_staff_id, WorkItem.assignee_window_id, WorkItem.assignee_department_id,
               Case.ref, Case.kind, Case.title.label("case_title"), Case.window_id)
        .join(Case, Case.ref == WorkItem.case_ref)
        .where(WorkItem.status == WorkItemStatus.open, WorkItem.due_at <= horizon)
    ).all()
    away = away_now(session=session, at=as_of) if rows else {}
    return per_row(rows, kind=lambda item: item.kind, ref_of=lambda item: item.ref,
                   notices_of=lambda item: _work_item_notices(session, item, as_of, calendar, away))


def _work_item_notices(session: Session, item: Row, as_of: datetime, calendar: WorkdayCalendar,
                       away: dict) -> list[Notice]:
    """One open work item's reminder, or its escalations for each working day overdue."""
    context = {"case_ref": item.ref, "case_title": item.case_title, "step": item.title,
               "due_at": item.due_at, "provisional": item.due_provisional}
    if as_of <= item.due_at:
        return [Notice(f"{item.ref}:wi{item.id}:remind", item.kind, item.ref, "remind",
                       "workitem_reminder", assignees(session, item, as_of, away), context, item.due_at)]
    overdue = max(calendar.working_days_between(item.due_at.date(), as_of.date()), 1)
    escalate_to = [role(Role.management), *window_head(session=session, window_id=item.window_id)]
    return [Notice(f"{item.ref}:wi{item.id}:overdue{level}", item.kind, item.ref,
                   "overdue", "workitem_overdue", [*assignees(session, item, as_of, away), *escalate_to],
                   {**context, "overdue_days": level}, item.due_at)
            for level in range(max(1, overdue - CATCH_UP_LEVELS + 1), overdue + 1)]
