"""Who may see a case on the desk. The rule is pure and built on the flows' own rule
(`models.rules.permissions.may_act`): whoever may act on one of the case's steps sees it.

派驻部门窗口负责人岗位职责: a window head is responsible for their own window only — they see its
cases, not another window's; the center's sections (窗口管理科, 投诉窗口, 区政务服务办, 信息技术科)
oversee every window; a department sees its own windows' cases; anybody sees what they filed or
what is about them; every staff member of a window sees its service cases (首问负责制度).
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from models.core.cases import Case, WorkItem, WorkItemStatus, get_case
from models.core.clock import local_now
from models.core.db import session_scope
from models.core.errors import PermissionDenied
from models.core.org import CENTER_ROLES, Role, Window
from models.procedures import resolve, spec_of
from models.rules.permissions import Actor, Assignment, may_act
from models.service_case.machine import SERVICE_CASE
from models.core.standin import away_now
from models.core.workitems import assignment_now, assignment_of


# Procedures whose cases any staff member of the case's window acts on (首问负责制度; 限时办结制度 2:
# a colleague checks the materials on the applicant's return visit or completes the case).
WINDOW_TEAM_KINDS = frozenset({SERVICE_CASE.kind})


def concerned_by(session: Session, case: Case) -> tuple[set[str], set[str]]:
    """The further windows and people a case concerns beyond its own columns — a patrol visits
    several windows and names the people found (窗口巡查制度 四: 问题反馈给各窗口), a training
    expects people of many windows: the procedure's `Web.concerned` piece (models/procedures.py)."""
    piece = spec_of(case.kind).web.concerned
    return resolve(piece)(session, case) if piece else (set(), set())


@dataclass(frozen=True)
class CaseFacts:
    window_id: str | None
    department_id: str | None  # the department of the case's window
    people: frozenset[str]  # who filed it, whom it is about, who decided a step of it
    assignments: tuple[Assignment, ...]  # every step's assignment, open or done
    window_team: bool = False  # any staff member of the window acts on it (WINDOW_TEAM_KINDS)
    windows: frozenset[str] = frozenset()  # further windows the case concerns (concerned_by)


def may_view(actor: Actor, facts: CaseFacts) -> bool:
    if not actor.active:
        return False
    if actor.role in CENTER_ROLES or actor.id in facts.people:
        return True
    if (actor.role == Role.head or facts.window_team) and facts.window_id is not None \
            and facts.window_id == actor.window_id:
        return True
    if actor.role == Role.head and actor.window_id in facts.windows:
        return True
    if actor.role == Role.department and facts.department_id is not None \
            and facts.department_id == actor.department_id:
        return True
    return any(may_act(actor, assignment)[0] for assignment in facts.assignments)


def case_facts(*, session: Session, case: Case) -> CaseFacts:
    return facts_of_cases(session=session, cases=[case])[case.ref]


def facts_of_cases(*, session: Session, cases: list[Case]) -> dict[str, CaseFacts]:
    """The facts of many cases at once (two queries), e.g. for a page of search results."""
    refs = [c.ref for c in cases]
    items: dict[str, list[WorkItem]] = {ref: [] for ref in refs}
    for item in session.exec(select(WorkItem).where(WorkItem.case_ref.in_(refs))).all() if refs else []:
        items[item.case_ref].append(item)
    window_ids = {c.window_id for c in cases if c.window_id}
    departments = {w.id: w.department_id for w in session.exec(select(Window).where(Window.id.in_(window_ids)))} \
        if window_ids else {}
    away = away_now(session=session, at=local_now()) if any(
        i.status == WorkItemStatus.open for case_items in items.values() for i in case_items) else {}
    facts = {}
    for case in cases:
        people = {case.opened_by, case.subject_staff_id, *(i.decided_by for i in items[case.ref])} - {None}
        windows, concerned = concerned_by(session, case)
        facts[case.ref] = CaseFacts(window_id=case.window_id, department_id=departments.get(case.window_id),
                                    people=frozenset(people | concerned),
                                    assignments=tuple(assignment_now(session=session, item=i, away=away)  # a stand-in too
                                                      if i.status == WorkItemStatus.open else assignment_of(i)
                                                      for i in items[case.ref]),
                                    window_team=case.kind in WINDOW_TEAM_KINDS, windows=frozenset(windows))
    return facts


def viewable_case(*, session: Session, ref: str, actor: Actor) -> Case:
    """The case, or PermissionDenied (nothing about it is shown)."""
    case = get_case(session=session, ref=ref)
    if not may_view(actor, case_facts(session=session, case=case)):
        raise PermissionDenied(actor=actor.id, action=f"查看案件 {ref}", reason="与本人、本窗口无关")
    return case



def heads_window_with(viewer, service: str) -> bool:
    """`viewer` heads a window offering `service` (a `Window` flag: "saturday_service", "lunch_service") —
    who keeps that window's schedule (考勤办法 二(一)4–5; the rule itself is the procedure's own check)."""
    if viewer.role != Role.head or not viewer.window_id:
        return False
    with session_scope() as session:
        window = session.get(Window, viewer.window_id)
        return window is not None and getattr(window, service) and window.head_id == viewer.id


# The services some windows offer beside the counter's hours, each with a schedule of its own.
WINDOW_SERVICES = ("saturday_service", "lunch_service")


def _read_by(query, actor):
    """`query` narrowed to the windows whose schedules `actor` reads: the center's sections all of them, a
    department its own, a window's people their own."""
    if actor.role == Role.department:
        return query.where(Window.department_id == actor.department_id)
    if actor.role not in CENTER_ROLES:
        return query.where(Window.id == (actor.window_id or ""))
    return query


def windows_with(viewer, service: str) -> list[Window]:
    """The windows offering `service` whose schedules `viewer` reads."""
    query = _read_by(select(Window).where(getattr(Window, service) == True).order_by(Window.id), viewer)  # noqa: E712
    with session_scope() as session:
        return list(session.exec(query).all())


def services_read_by(session: Session, actor) -> frozenset[str]:
    """Which of WINDOW_SERVICES a window `actor` reads offers: read with the viewer at sign-in, so the menu
    knows whom to offer a schedule without querying the store while a page renders inside its own
    transaction (on SQLite a second one would wait on it)."""
    rows = session.exec(_read_by(select(*(getattr(Window, s) for s in WINDOW_SERVICES)), actor)).all()
    return frozenset(s for i, s in enumerate(WINDOW_SERVICES) if any(row[i] for row in rows))
