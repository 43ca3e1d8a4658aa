"""The steps of a rotation case (调整/轮换), each one transaction: state change + audit + documents +
outbox together — opening the case, and the effects of its events (STEPS: what the generic
step runs, tasks/core/advance.py; they render documents and queue notices, hence here and not in
models/rotation/store.py). 进出管理制度 二.1–二.4; 派驻部门窗口负责人岗位职责 1.
"""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from models.core.calendar import load_calendar
from models.core.cases import Case, get_case, open_case
from models.core.db import session_scope
from models.core.errors import raise_all
from models.core.org import Role, Staff, Window
from models.core.procedures import Recorded, Steps
from models.core.recipients import leader_of, role, window_head
from models.core.roster import depart, window_roster
from models.core.settings import Policy, get_settings
from models.core.workitems import bpost_subject, cancel_open_items, open_work_item
from models.rotation.inputs import RotationProposalInput, case_key
from models.rotation.machine import APPLY, APPROVE, CLOSE, IN_EFFECT, REJECT, Facts, next_rotation_event
from models.rotation.rules import failing, proposal_errors, quarter_of
from models.rotation.store import (by_the_decider, check_proposal, check_requester, due_rotations, due_secondments,
                                   get_proposal, get_window, members, proposal_facts, recheck, record_checks,
                                   rotation_facts)
from models.rotation.tables import RotationMember, RotationProposal
from tasks.core.hand_offs import hand_off
from tasks.core.messages import queue_notice
from tasks.core.plain_calls import task
from tasks.core.posting import apply_b_post_choices, post_arrival, recheck_b_posts
from tasks.rotation.documents import (before_effective, open_head_nomination, people_text, render_transfer_form,
                                 apply_head_nomination)


def _validate(session, proposal: RotationProposalInput, actor: str, now: datetime, policy: Policy):
    window = session.get(Window, proposal.window_id)
    if window is not None:
        check_requester(session=session, actor_id=actor, window=window, action=f"为{window.name}提出人员轮换")
    arriving_ids = [a.staff_id for a in proposal.arriving]
    problems = proposal_errors(
        window_found=window is not None, window_id=proposal.window_id, leaving=proposal.leaving,
        arriving=arriving_ids, on_window={s.id for s in window_roster(session=session, window_id=proposal.window_id)},
        known_staff={i for i in [*proposal.leaving, *arriving_ids] if session.get(Staff, i)},
        received=proposal.notice_received.date(), effective=proposal.effective_date, today=now.date())
    raise_all(problems)
    leaving = [session.get(Staff, i) for i in proposal.leaving]
    arriving = [a.model_dump(mode="json") for a in proposal.arriving]
    facts = proposal_facts(session=session, window_id=window.id, department_id=window.department_id,
                           received_at=proposal.notice_received, effective=proposal.effective_date,
                           leaving=leaving, arriving=arriving)
    checks = check_proposal(session=session, facts=facts, policy=policy)
    raise_all([c.violation() for c in failing(checks) if not c.overridable])
    return window, leaving, arriving, checks


def open_rotation(*, proposal: RotationProposalInput, actor: str, now: datetime) -> str:
    """Record the department's notice, check it, and open the management section's review.
    The same notice (window and 公函文号) submitted again returns the case opened already."""
    policy = get_settings().policy
    key = case_key(proposal)
    with session_scope() as session:
        existing = session.exec(select(Case).where(Case.idempotency_key == key)).first()
        if existing is not None:
            return existing.ref
        window, leaving, arriving, checks = _validate(session, proposal, actor, now, policy)
        case, _ = open_case(session=session, kind="rotation", actor=actor, policy=policy.model_dump(mode="json"),
                            title=f"{window.name}人员轮换（{proposal.notice_ref}）", window_id=window.id,
                            idempotency_key=key, at=now)
        record = RotationProposal(case_ref=case.ref, window_id=window.id, department_id=window.department_id,
                                  notice_ref=proposal.notice_ref, notice_received_at=proposal.notice_received,
                                  effective_date=proposal.effective_date, quarter=quarter_of(proposal.effective_date),
                                  note=proposal.note)
        session.add(record)
        session.add_all([RotationMember(case_ref=case.ref, direction="leave", staff_id=s.id, name=s.name)
                         for s in leaving])
        session.add_all([RotationMember(case_ref=case.ref, direction="arrive", staff_id=a["staff_id"],
                                        name=a["name"], details=a) for a in arriving])
        session.flush()
        record_checks(session=session, proposal=record, checks=checks, actor=actor)
        due = before_effective(load_calendar(session=session), proposal.effective_date, now, policy)
        open_work_item(session=session, key=f"{case.ref}:review", case_ref=case.ref, step="review",
                       title=f"审核{window.name}人员轮换（{proposal.notice_ref}）", role=Role.management,
                       form="rotation_review", due_at=due.at, due_from=now, due_provisional=due.provisional, at=now)
        queue_notice(session=session, key=f"{case.ref}:submitted", case_ref=case.ref,
                     recipients=[role(Role.management)], template="rotation_submitted",
                     context={"case_ref": case.ref, "window_name": window.name, "notice_ref": proposal.notice_ref,
                              "effective_date": proposal.effective_date, "leaving": people_text(leaving),
                              "arriving": people_text(proposal.arriving),
                              "failing": "、".join(c.label for c in failing(checks))})
        return case.ref


def _decided_notice(*, session: Session, case: Case, proposal: RotationProposal, window: Window,
                    facts: Facts, approved: bool) -> None:
    queue_notice(session=session, key=f"{case.ref}:decided", case_ref=case.ref,
                 recipients=leader_of(session=session, department_id=proposal.department_id),
                 template="rotation_decided",
                 context={"case_ref": case.ref, "window_name": window.name, "notice_ref": proposal.notice_ref,
                          "approved": approved, "exception": facts.exception,
                          "comment": facts.comment, "effective_date": proposal.effective_date})


def _approved(*, session: Session, case: Case, facts: Facts, event: str, **_) -> Recorded:
    """The management section approved (with any exception): the 调离申请表 of each leaver and the
    confirmation of each departure; the department is told."""
    by = facts.decided_by
    proposal = get_proposal(session=session, case_ref=case.ref)
    window = get_window(session=session, window_id=proposal.window_id)
    policy = Policy.model_validate(case.policy)
    checks = recheck(session=session, proposal=proposal, policy=policy)
    record_checks(session=session, proposal=proposal, checks=checks, actor=by)
    excepted = [c.rule for c in failing(checks)] if facts.exception else []
    if facts.exception:
        proposal.exception = {"rules": excepted, "reason": facts.comment, "by": by,
                              "at": facts.decided_at.isoformat()}
    due = before_effective(load_calendar(session=session), proposal.effective_date, facts.decided_at, policy)
    for member in members(session=session, case_ref=case.ref, direction="leave"):
        render_transfer_form(session=session, proposal=proposal, staff=session.get(Staff, member.staff_id),
                             window=window, actor=by)
        open_work_item(session=session, key=f"{case.ref}:departure:{member.staff_id}", case_ref=case.ref,
                       step="departure", title=f"确认{member.name}（{member.staff_id}）调离",
                       role=Role.management, form="acknowledge", due_at=due.at,
                       due_from=facts.decided_at, due_provisional=due.provisional)
    _decided_notice(session=session, case=case, proposal=proposal, window=window, facts=facts, approved=True)
    return by_the_decider(facts, exception=excepted, comment=facts.comment)


def _rejected(*, session: Session, case: Case, facts: Facts, event: str, **_) -> Recorded:
    cancel_open_items(session=session, case_ref=case.ref, actor=facts.decided_by, reason="轮换未获批准")
    proposal = get_proposal(session=session, case_ref=case.ref)
    window = get_window(session=session, window_id=proposal.window_id)
    _decided_notice(session=session, case=case, proposal=proposal, window=window, facts=facts, approved=False)
    return by_the_decider(facts, reason=facts.comment)


def _applied(*, session: Session, case: Case, actor: str, now: datetime, **_) -> None:
    """On (or after) the effective date, every departure confirmed: the roster changes (once), the
    window's B posts are re-checked, a departed head is replaced by the department's nomination."""
    proposal = get_proposal(session=session, case_ref=case.ref)
    effective = proposal.effective_date
    for member in members(session=session, case_ref=case.ref, direction="leave"):
        depart(session=session, staff_id=member.staff_id, case_ref=case.ref, actor=actor, effective=effective)
        hand_off("substitute_left", session=session, staff_id=member.staff_id, case_ref=case.ref, actor=actor,
                 at=now)
    for member in members(session=session, case_ref=case.ref, direction="arrive"):
        post_arrival(session=session, case_ref=case.ref, person=member.details, window_id=proposal.window_id,
                     effective=effective, actor=actor)
    window = get_window(session=session, window_id=proposal.window_id)
    if window.head_id is None:
        open_head_nomination(session=session, case_ref=case.ref, window=window, at=now, reason="原窗口负责人已调离")
    posts = recheck_b_posts(session=session, window_id=window.id, case_ref=case.ref, actor=actor, at=now)
    proposal.applied_at = now
    queue_notice(session=session, key=f"{case.ref}:effective", case_ref=case.ref,
                 recipients=[*window_head(session=session, window_id=window.id),
                             *leader_of(session=session, department_id=proposal.department_id)],
                 template="rotation_effective",
                 context={"case_ref": case.ref, "window_name": window.name, "effective_date": effective,
                          "posts": people_text(session.get(Staff, bpost_subject(i)) for i in posts)})


def _record_posts(session: Session, *, case: Case, actor: str) -> None:
    """The B posts the window head named and the head the department named (idempotent)."""
    apply_b_post_choices(session=session, case_ref=case.ref, actor=actor)
    apply_head_nomination(session=session, case_ref=case.ref, window_id=case.window_id, actor=actor)


def _closed(*, session: Session, case: Case, actor: str, **_) -> None:
    _record_posts(session, case=case, actor=actor)


STEPS = Steps(facts=rotation_facts, next_event=next_rotation_event,
              effects={APPROVE: _approved, REJECT: _rejected, APPLY: _applied, CLOSE: _closed})


def record_posts(*, case_ref: str, actor: str) -> str:
    """While a rotation in effect waits for more B posts (or the new head): record those named so far."""
    with session_scope() as session:
        case = get_case(session=session, ref=case_ref)
        if case.status == IN_EFFECT:
            _record_posts(session, case=case, actor=actor)
        return case.status


def list_due(*, as_of: datetime) -> dict[str, list[str]]:
    """The rotations and secondments whose dates have come by `as_of`."""
    with session_scope() as session:
        return {"rotation": due_rotations(session=session, day=as_of.date()),
                "secondment": due_secondments(session=session, day=as_of.date())}


open_rotation_task = task(name="登记轮换公函")(open_rotation)
record_posts_task = task(name="登记B岗与新负责人")(record_posts)
list_due_task = task(name="查找到期的人员变动")(list_due)
