"""The staffing procedures' reads and writes on the session.

A rotation's details (调整/轮换) and the facts its rules are checked against — 进出管理制度 二.2:
the notice (公函), the quarter month, the 30% cap counted across the window's rotations of the same
quarter; 二.1: the 2-year posting; 一.4: the qualification a window's matters require (recorded per
window by the management section). Short secondments (四.2) and interns (二.3): their checks and
dates. The window heads' ranking in the annual assessment, year by year (`center assessment
import`; 派驻部门窗口负责人岗位职责 5, 7); the annual assessment computed from the point ledger may
record its ranking here too, the import keeps the years before it.
"""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from sqlalchemy import delete, func
from pydantic import ValidationError
from sqlmodel import Session, select

from models.core.calendar import load_calendar
from models.core.cases import Case, WorkItem, WorkItemStatus, audit
from models.core.errors import CenterError, InvalidInput, NotFound, PermissionDenied, input_problems, raise_all
from models.core.loading import read_records
from models.core.org import Role, Staff, StaffStatus, Window
from models.core.posting_requirements import required_qualification
from models.core.procedures import Recorded
from models.core.roster import window_roster
from models.core.settings import Policy
from models.core.workitems import actor_of, decided_item, open_item
from models.rotation.inputs import InternInput, RankingRow, SecondmentInput
from models.rotation.machine import APPROVED, CLOSED, IN_EFFECT, REVIEW, SECONDED, Facts
from models.rotation.rules import Arrival, Check, Person, Proposal, evaluate, quarter_of
from models.rotation.tables import HeadRanking, RotationMember, RotationProposal, Secondment
from models.rules.assessment import Ranking, ranking_errors

COUNTED_STATUSES = (APPROVED, IN_EFFECT, CLOSED)  # rotations that count towards the cap
OPEN_SECONDMENT = (REVIEW, APPROVED, SECONDED)
LEDGER_SOURCE = "扣分台账"  # the source of a ranking the annual assessment computed


def get_window(*, session: Session, window_id: str) -> Window:
    window = session.get(Window, window_id)
    if window is None:
        raise NotFound(field="窗口", value=window_id)
    return window


def check_requester(*, session: Session, actor_id: str, window: Window, action: str) -> None:
    """派驻部门窗口负责人岗位职责 1: the department, its window head or the management section."""
    actor = actor_of(session=session, staff_id=actor_id)
    allowed = actor.active and (
        actor.role == Role.management
        or (actor.role == Role.department and actor.department_id == window.department_id)
        or (actor.role == Role.head and actor.window_id == window.id))
    if not allowed:
        raise PermissionDenied(actor=actor_id, action=action, reason=f"只有{window.name}的派驻部门、窗口负责人或窗口管理科可以办理")


def members(*, session: Session, case_ref: str, direction: str) -> list[RotationMember]:
    return list(session.exec(select(RotationMember).where(
        RotationMember.case_ref == case_ref, RotationMember.direction == direction)
        .order_by(RotationMember.id)).all())


def left_earlier(*, session: Session, window_id: str, quarter: str, exclude: str) -> int:
    """People leaving the window in its other approved rotations of the same quarter."""
    return session.exec(
        select(func.count(RotationMember.id))
        .join(RotationProposal, RotationProposal.case_ref == RotationMember.case_ref)
        .join(Case, Case.ref == RotationMember.case_ref)
        .where(RotationProposal.window_id == window_id, RotationProposal.quarter == quarter,
               RotationMember.direction == "leave", RotationMember.case_ref != exclude,
               Case.status.in_(COUNTED_STATUSES))
    ).one()


def arrival_facts(details: dict, department_id: str) -> Arrival:
    return Arrival(id=details["staff_id"], name=details["name"], employment=details["employment"],
                   department_id=details.get("department_id") or department_id,
                   qualification=details.get("qualification", ""), intern=details.get("intern", False))


def proposal_facts(*, session: Session, window_id: str, department_id: str, received_at: datetime,
                   effective: date, leaving: list[Staff], arriving: list[dict],
                   exclude: str = "") -> Proposal:
    return Proposal(
        received_at=received_at, effective=effective, department_id=department_id,
        leaving=[Person(s.id, s.name, s.posted_since) for s in leaving],
        arriving=[arrival_facts(a, department_id) for a in arriving],
        roster_size=len(window_roster(session=session, window_id=window_id)),
        left_earlier_in_quarter=left_earlier(session=session, window_id=window_id,
                                             quarter=quarter_of(effective), exclude=exclude),
        required_qualification=required_qualification(session=session, window_id=window_id))


def check_proposal(*, session: Session, facts: Proposal, policy: Policy) -> list[Check]:
    return evaluate(facts, load_calendar(session=session), notice_days=policy.rotation_notice_days,
                    months=tuple(policy.rotation_months), percent=policy.rotation_cap_percent,
                    posting_years=policy.posting_min_years, office_close=policy.office_close)


def recheck(*, session: Session, proposal: RotationProposal, policy: Policy) -> list[Check]:
    """The checks of a recorded rotation as they stand now (others may have been approved since)."""
    leaving = [session.get(Staff, m.staff_id)
               for m in members(session=session, case_ref=proposal.case_ref, direction="leave")]
    arriving = [m.details for m in members(session=session, case_ref=proposal.case_ref, direction="arrive")]
    facts = proposal_facts(session=session, window_id=proposal.window_id,
                           department_id=proposal.department_id, received_at=proposal.notice_received_at,
                           effective=proposal.effective_date, leaving=leaving, arriving=arriving,
                           exclude=proposal.case_ref)
    return check_proposal(session=session, facts=facts, policy=policy)


def get_proposal(*, session: Session, case_ref: str) -> RotationProposal:
    proposal = session.get(RotationProposal, case_ref)
    if proposal is None:
        raise NotFound(field="轮换案件", value=case_ref)
    return proposal


def record_checks(*, session: Session, proposal: RotationProposal, checks: list[Check], actor: str) -> None:
    proposal.checks = [c.as_dict() for c in checks]
    session.add(proposal)
    audit(session=session, case_ref=proposal.case_ref, actor=actor, action="checks",
          details={"failing": [c.rule for c in checks if not c.passed]})


def due_rotations(*, session: Session, day: date) -> list[str]:
    """Approved rotations whose effective date has come."""
    return list(session.exec(
        select(RotationProposal.case_ref).join(Case, Case.ref == RotationProposal.case_ref)
        .where(Case.status == APPROVED, RotationProposal.effective_date <= day)
        .order_by(RotationProposal.effective_date, RotationProposal.case_ref)).all())


# Short secondments (进出管理制度 四.2) and interns (二.3).

def secondment_errors(*, session: Session, request: SecondmentInput) -> list[CenterError]:
    problems: list[CenterError] = []
    staff = session.get(Staff, request.staff_id)
    if staff is None or staff.window_id is None or staff.role not in (Role.head, Role.staff):
        problems.append(InvalidInput(field="staff_id", message=f"{request.staff_id} 不是窗口工作人员"))
    elif staff.status != StaffStatus.active:
        problems.append(InvalidInput(field="staff_id", message=f"{staff.name}（{staff.id}）不在岗，不能借调"))
    if request.end < request.start:
        problems.append(InvalidInput(field="end", message=f"结束日期 {request.end} 早于开始日期 {request.start}"))
    overlapping = session.exec(
        select(Secondment.case_ref).join(Case, Case.ref == Secondment.case_ref)
        .where(Secondment.staff_id == request.staff_id, Case.status.in_(OPEN_SECONDMENT),
               Secondment.start <= request.end, Secondment.end >= request.start)).first()
    if overlapping:
        problems.append(InvalidInput(field="start/end", message=f"与借调 {overlapping} 的期间重叠"))
    return problems


def intern_errors(*, session: Session, request: InternInput) -> list[CenterError]:
    problems: list[CenterError] = []
    if session.get(Window, request.window_id) is None:
        problems.append(InvalidInput(field="window_id", message=f"窗口 {request.window_id} 不存在"))
    if session.get(Staff, request.person.staff_id) is not None:
        problems.append(InvalidInput(field="person.staff_id", message=f"工号 {request.person.staff_id} 已被使用"))
    if request.end < request.start:
        problems.append(InvalidInput(field="end", message=f"结束日期 {request.end} 早于开始日期 {request.start}"))
    return problems


def due_secondments(*, session: Session, day: date) -> list[str]:
    """Secondments to start (approved, start reached) or end (seconded, end passed) by `day`."""
    starting = select(Secondment.case_ref).join(Case, Case.ref == Secondment.case_ref).where(
        Case.status == APPROVED, Secondment.start <= day)
    ending = select(Secondment.case_ref).join(Case, Case.ref == Secondment.case_ref).where(
        Case.status == SECONDED, Secondment.end < day)
    return sorted(set(session.exec(starting).all()) | set(session.exec(ending).all()))


# The window heads' annual ranking (派驻部门窗口负责人岗位职责 7).

def _rows(path: Path) -> tuple[list[tuple[str, RankingRow]], list[CenterError]]:
    rows, problems = [], []
    for where, raw in read_records(path, ("rankings",), "考核排名文件")["rankings"]:
        try:
            rows.append((where, RankingRow.model_validate(raw)))
        except ValidationError as error:
            problems += input_problems(error, RankingRow, where=where)
    if not rows and not problems:
        problems.append(InvalidInput(field="rankings", message="文件中没有排名"))
    return rows, problems


def import_rankings(*, session: Session, path: Path, actor: str, at: datetime) -> list[int]:
    """Validate the whole file, then replace the ranking of each year it contains."""
    rows, problems = _rows(path)
    if not problems:  # the ranks are checked only when every row could be read
        problems = ranking_errors([(w, r.year, r.window, r.rank) for w, r in rows])
    heads: dict[str, str] = {}
    for where, row in rows:
        window = session.get(Window, row.window)
        head = row.head or (window.head_id if window else None)
        if window is None:
            problems.append(InvalidInput(field=f"{where}.window", message=f"窗口 {row.window} 不存在"))
        elif head is None or session.get(Staff, head) is None:
            problems.append(InvalidInput(field=f"{where}.head", message=f"窗口负责人 {head or '（未填）'} 不存在"))
        heads[where] = head
    raise_all(problems)
    years = sorted({r.year for _, r in rows})
    totals = {year: sum(1 for _, r in rows if r.year == year) for year in years}
    session.execute(delete(HeadRanking).where(HeadRanking.year.in_(years)))
    for where, row in rows:
        session.add(HeadRanking(year=row.year, window_id=row.window, head_id=heads[where], rank=row.rank,
                                total=totals[row.year], source=path.name, recorded_by=actor, recorded_at=at))
    session.flush()
    return years


def record_head_ranking(*, session: Session, year: int, heads: list[dict], actor: str, at: datetime) -> None:
    """Replace the year's head ranking with the one the annual assessment computed from the ledger (an
    imported one for the same year included; handed off by tasks/annual_assessment.py): the window-head
    rule then reads it with the earlier years'."""
    session.execute(delete(HeadRanking).where(HeadRanking.year == year))
    session.add_all([HeadRanking(year=year, window_id=h["window_id"], head_id=h["head_id"], rank=h["rank"],
                                 total=h["total"], source=LEDGER_SOURCE, recorded_by=actor, recorded_at=at)
                     for h in heads])
    session.flush()


def all_rankings(*, session: Session) -> list[Ranking]:
    return [Ranking(r.year, r.window_id, r.head_id, r.rank, r.total)
            for r in session.exec(select(HeadRanking).order_by(HeadRanking.year, HeadRanking.rank)).all()]


# What the generic step reads (models.rotation.machine.Facts), and the decision's transition.

def _review_facts(*, session: Session, case: Case, now: datetime, **more) -> Facts:
    item = decided_item(session=session, case_ref=case.ref, step="review")
    if item is None:
        return Facts(status=case.status, today=now.date(), **more)
    return Facts(status=case.status, today=now.date(), review=bool(item.decision["approve"]),
                 decided_by=item.decided_by, comment=item.decision.get("comment", ""),
                 exception=bool(item.decision.get("exception", False)), decided_at=item.decided_at, **more)


def rotation_facts(*, session: Session, case: Case, now: datetime) -> Facts:
    return _review_facts(
        session=session, case=case, now=now,
        effective=get_proposal(session=session, case_ref=case.ref).effective_date,
        departures_open=open_item(session=session, case_ref=case.ref, step="departure") is not None,
        items_open=session.exec(select(WorkItem.id).where(WorkItem.case_ref == case.ref,
                                                          WorkItem.status == WorkItemStatus.open)).first() is not None)


def intern_facts(*, session: Session, case: Case, now: datetime) -> Facts:
    return _review_facts(session=session, case=case, now=now)


def secondment_facts(*, session: Session, case: Case, now: datetime) -> Facts:
    secondment = session.get(Secondment, case.ref)
    return _review_facts(session=session, case=case, now=now, start=secondment.start, end=secondment.end)


def head_facts(*, session: Session, case: Case, now: datetime) -> Facts:
    item = decided_item(session=session, case_ref=case.ref, step="head")
    if item is None:
        return Facts(status=case.status, today=now.date())
    window = session.get(Window, case.window_id)
    nominee = item.decision["new_head"]
    return Facts(status=case.status, today=now.date(), decided_by=item.decided_by, nominee=nominee,
                 nominee_is_head=window.head_id == nominee)


def by_the_decider(facts: Facts, **details) -> Recorded:
    """A decision's event is the decider's, with what they decided (by default their comment)."""
    return Recorded(actor=facts.decided_by, details=details or {"comment": facts.comment})


def seconded_away(*, session: Session, staff_ids: set[str], at: datetime) -> dict[str, tuple[str, str | None]]:
    """Who of `staff_ids` is on a short secondment now (进出管理制度 四.2), with the secondment's case:
    who is away, as the stand-in asks (models.procedures.away_at_moment; AB岗工作制度 1)."""
    from models.core.org import Staff, StaffStatus
    from models.rotation.tables import Secondment

    rows = session.exec(select(Staff.id, Secondment.case_ref).join(Secondment, Secondment.staff_id == Staff.id, isouter=True)
                        .where(Staff.id.in_(staff_ids), Staff.status == StaffStatus.seconded).order_by(Secondment.start))
    return {staff_id: ("短期借调", case_ref) for staff_id, case_ref in rows}
