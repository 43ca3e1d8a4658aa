"""The lunch-service roster's effects, one transaction each (考勤办法 二(一)4, 6): the window head's
filing opens the case; the generic step (tasks/core/advance.py) then sends it to the management
section (the 安排表 rendered, the section told) and applies the section's review — a registration
supersedes the earlier roster of the same window and month; the head is told either way."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from models.core.cases import Case, audit, open_case, transition
from models.core.documents import store_rendered
from models.core.errors import PermissionDenied
from models.core.org import Role
from models.core.procedures import Recorded, Steps
from models.core.recipients import staff_member, window_head
from models.core.settings import get_settings
from models.core.submissions import submitted_case
from models.core.workitems import actor_of, cancel_open_items
from models.lunch_roster.machine import STEP_REVIEW, Facts, next_event
from models.lunch_roster.store import check_roster, earlier_rosters, facts_of, get_roster, roster_table, window_of
from models.lunch_roster.tables import LunchRoster, LunchRosterInput, LunchTurn
from models.rules.submission import submission_key
from models.core.db import session_scope
from tasks.core.human_steps import open_section_step
from tasks.core.messages import queue_notice
from tasks.core.plain_calls import task
from tasks.core.render import render


def file_roster(*, request: LunchRosterInput, actor: str, now: datetime) -> tuple[str, bool]:
    """二(一)4: the head of a window with lunch service files the month's roster; every rule is checked
    (models/lunch_roster/rules.py) before anything is written. The same filing re-run finds its case."""
    with session_scope() as session:
        who = actor_of(session=session, staff_id=actor)
        window = window_of(session=session, window_id=request.window_id)
        if not (who.active and who.role == Role.head and who.window_id == window.id):
            raise PermissionDenied(actor=actor, action="填报延时服务人员安排表",
                                   reason=f"只有{window.name}的窗口负责人可以填报（考勤办法 二(一)4、6）")
        window, month = check_roster(session=session, request=request, today=now.date())
        policy = get_settings().policy
        submission = submission_key("lunch_roster", {**request.model_dump(mode="json"), "actor": actor})
        if found := submitted_case(session=session, key=submission, now=now, hours=policy.resubmission_hours):
            return found.ref, False
        case, _ = open_case(session=session, kind="lunch_roster", actor=actor, window_id=window.id, at=now,
                            title=f"{window.name}{month.year}年{month.month}月延时服务人员安排表",
                            policy=policy.model_dump(mode="json"), idempotency_key=submission.stored(now))
        session.add(LunchRoster(case_ref=case.ref, window_id=window.id, month=month))
        session.flush()
        session.add_all(LunchTurn(case_ref=case.ref, day=day, staff_id=staff_id)
                        for day, ids in request.days.items() for staff_id in dict.fromkeys(ids))
        return case.ref, True


def render_roster(session: Session, case: Case, actor: str, now: datetime) -> None:
    """The printable 延时服务人员安排表: each working day and the names serving, with table borders."""
    window, roster, rows = roster_table(session=session, ref=case.ref)
    html = render("documents/lunch_roster.html", window=window.name, month=f"{roster.month.year}年{roster.month.month}月",
                  rows=rows, case_ref=case.ref, filed_at=case.opened_at)
    store_rendered(session=session, key=f"{case.ref}:lunch_roster", case_ref=case.ref, kind="lunch_roster",
                   title="延时服务人员安排表", html=html, actor=actor, at=now)


def _submitted(*, session: Session, case: Case, actor: str, now: datetime, **_) -> None:
    """二(一)6: 由窗口管理科负责审核 — the section's review item, announced (SMS and e-mail)."""
    render_roster(session, case, actor, now)
    open_section_step(session=session, case=case, key=f"{case.ref}:{STEP_REVIEW}", step=STEP_REVIEW,
                      title=f"审核{case.title}", at=now, role=Role.management)


def _approve(*, session: Session, case: Case, facts: Facts, actor: str, now: datetime, **_) -> Recorded:
    """Registered: the earlier roster of the same window and month gives way to this one."""
    _, roster = get_roster(session=session, ref=case.ref)
    for earlier in earlier_rosters(session=session, case=case, roster=roster):
        cancel_open_items(session=session, case_ref=earlier.ref, actor=facts.decided_by,
                          reason=f"已由新安排表 {case.ref} 替代")
        transition(session=session, case=earlier, event="supersede", actor=facts.decided_by, at=now,
                   details={"by": case.ref})
        audit(session=session, case_ref=case.ref, actor=facts.decided_by, action="supersede_earlier",
              details={"earlier": earlier.ref}, at=now)
    _tell_decided(session, case, roster, facts)
    return Recorded(actor=facts.decided_by, details={"comment": facts.decision["comment"]})


def _refuse(*, session: Session, case: Case, facts: Facts, **_) -> Recorded:
    _, roster = get_roster(session=session, ref=case.ref)
    _tell_decided(session, case, roster, facts)
    return Recorded(actor=facts.decided_by, details={"comment": facts.decision["comment"]})


def _tell_decided(session: Session, case: Case, roster: LunchRoster, facts: Facts) -> None:
    """The section's review, to the window head who filed (and the window's head now)."""
    recipients = {r.key: r for r in [*staff_member(session=session, staff_id=case.opened_by),
                                     *window_head(session=session, window_id=roster.window_id)]}
    queue_notice(session=session, key=f"{case.ref}:decided", case_ref=case.ref, recipients=list(recipients.values()),
                 template="lunch_roster_decided",
                 context={"case_ref": case.ref, "title": case.title, "approved": bool(facts.decision["approve"]),
                          "result": "经窗口管理科审核通过并登记" if facts.decision["approve"] else "未通过审核，请修改后重新填报",
                          "comment": facts.decision.get("comment", "")})


file_roster_task = task(name="填报延时服务人员安排表")(file_roster)

# What the generic step runs (models/procedures.py): the facts and the next event are the models'.
STEPS = Steps(facts=facts_of, next_event=next_event,
              effects={"submit": _submitted, "approve": _approve, "refuse": _refuse})
