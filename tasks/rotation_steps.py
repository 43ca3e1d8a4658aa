"""The steps of a rotation case (调整/轮换), each one transaction: state change + audit + documents +
outbox together. 进出管理制度 二.1–二.4; 派驻部门窗口负责人岗位职责 1.
"""
from __future__ import annotations

from datetime import datetime

from tasks.plain_calls import task
from sqlmodel import select

from models.core.calendar import load_calendar
from models.core.cases import Case, WorkItem, WorkItemStatus, get_case, open_case, transition
from models.core.db import session_scope
from models.core.errors import raise_all
from models.core.org import Role, Staff, Window
from models.core.recipients import leader_of, role, window_head
from models.core.roster import depart
from models.rotation.tables import RotationMember, RotationProposal
from models.rotation.store import (check_proposal, check_requester, due_rotations, get_proposal, get_window, members, proposal_facts, recheck, record_checks, window_roster)
from models.rotation.inputs import bpost_subject
from models.rotation.inputs import RotationProposalInput, case_key
from models.rotation.rules import failing, proposal_errors, quarter_of
from models.core.settings import Policy, get_settings
from models.rotation.store import due_secondments
from models.core.workitems import cancel_open_items, decided_item, open_item, open_work_item
from tasks.messages import queue_notice
from tasks.rotation import apply_b_post_choices, post_arrival, recheck_b_posts
from tasks.rotation_docs import (before_effective, open_head_nomination, people_text, render_transfer_form,
                                 settle_head)


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


def settle_review(*, case_ref: str, actor: str) -> str:
    """Act on the management section's review: approve (with any exception) or reject."""
    with session_scope() as session:
        case = get_case(session=session, ref=case_ref)
        item = decided_item(session=session, case_ref=case_ref, step="review")
        if case.status != "review" or item is None:
            return case.status
        decision, by = item.decision, item.decided_by
        proposal = get_proposal(session=session, case_ref=case_ref)
        window = get_window(session=session, window_id=proposal.window_id)
        if not decision["approve"]:
            transition(session=session, case=case, event="reject", actor=by, details={"reason": decision["comment"]})
            cancel_open_items(session=session, case_ref=case_ref, actor=by, reason="轮换未获批准")
        else:
            checks = recheck(session=session, proposal=proposal, policy=Policy.model_validate(case.policy))
            record_checks(session=session, proposal=proposal, checks=checks, actor=by)
            excepted = [c.rule for c in failing(checks)] if decision["exception"] else []
            if decision["exception"]:
                proposal.exception = {"rules": excepted, "reason": decision["comment"], "by": by,
                                      "at": item.decided_at.isoformat()}
            transition(session=session, case=case, event="approve", actor=by,
                       details={"exception": excepted, "comment": decision["comment"]})
            due = before_effective(load_calendar(session=session), proposal.effective_date, item.decided_at,
                                   Policy.model_validate(case.policy))
            for member in members(session=session, case_ref=case_ref, direction="leave"):
                render_transfer_form(session=session, proposal=proposal, staff=session.get(Staff, member.staff_id),
                                     window=window, actor=by)
                open_work_item(session=session, key=f"{case_ref}:departure:{member.staff_id}", case_ref=case_ref,
                               step="departure", title=f"确认{member.name}（{member.staff_id}）调离",
                               role=Role.management, form="acknowledge", due_at=due.at,
                               due_from=item.decided_at, due_provisional=due.provisional)
        queue_notice(session=session, key=f"{case_ref}:decided", case_ref=case_ref,
                     recipients=leader_of(session=session, department_id=proposal.department_id),
                     template="rotation_decided",
                     context={"case_ref": case_ref, "window_name": window.name, "notice_ref": proposal.notice_ref,
                              "approved": decision["approve"], "exception": decision["exception"],
                              "comment": decision["comment"], "effective_date": proposal.effective_date})
        return case.status


def apply_roster(*, case_ref: str, actor: str, as_of: datetime) -> str:
    """On (or after) the effective date, once every departure is confirmed: the roster changes."""
    with session_scope() as session:
        case = get_case(session=session, ref=case_ref)
        proposal = get_proposal(session=session, case_ref=case_ref)
        waiting = open_item(session=session, case_ref=case_ref, step="departure")
        if case.status != "approved" or as_of.date() < proposal.effective_date or waiting is not None:
            return case.status
        effective = proposal.effective_date
        for member in members(session=session, case_ref=case_ref, direction="leave"):
            depart(session=session, staff_id=member.staff_id, case_ref=case_ref, actor=actor, effective=effective)
        for member in members(session=session, case_ref=case_ref, direction="arrive"):
            post_arrival(session=session, case_ref=case_ref, person=member.details, window_id=proposal.window_id,
                         effective=effective, actor=actor)
        window = get_window(session=session, window_id=proposal.window_id)
        if window.head_id is None:
            open_head_nomination(session=session, case_ref=case_ref, window=window, at=as_of,
                                 reason="原窗口负责人已调离")
        posts = recheck_b_posts(session=session, window_id=window.id, case_ref=case_ref, actor=actor, at=as_of)
        proposal.applied_at = as_of
        transition(session=session, case=case, event="apply", actor=actor, at=as_of)
        queue_notice(session=session, key=f"{case_ref}:effective", case_ref=case_ref,
                     recipients=[*window_head(session=session, window_id=window.id),
                                 *leader_of(session=session, department_id=proposal.department_id)],
                     template="rotation_effective",
                     context={"case_ref": case_ref, "window_name": window.name, "effective_date": effective,
                              "posts": people_text(session.get(Staff, bpost_subject(i)) for i in posts)})
        return case.status


def settle_posts(*, case_ref: str, actor: str) -> str:
    """Record the B posts and the new head named since; close when nothing is left open."""
    with session_scope() as session:
        case = get_case(session=session, ref=case_ref)
        if case.status != "in_effect":
            return case.status
        apply_b_post_choices(session=session, case_ref=case_ref, actor=actor)
        settle_head(session=session, case_ref=case_ref, window_id=case.window_id, actor=actor)
        still_open = session.exec(select(WorkItem.id).where(WorkItem.case_ref == case_ref,
                                                            WorkItem.status == WorkItemStatus.open)).first()
        if still_open is None:
            transition(session=session, case=case, event="close", actor=actor)
        return case.status


def list_due(*, as_of: datetime) -> dict[str, list[str]]:
    """The rotations and secondments whose dates have come by `as_of`."""
    with session_scope() as session:
        return {"rotation": due_rotations(session=session, day=as_of.date()),
                "secondment": due_secondments(session=session, day=as_of.date())}


submit_rotation = task(name="登记轮换公函")(open_rotation)
review_rotation = task(name="处理轮换审核结果")(settle_review)
apply_rotation = task(name="人员变动生效")(apply_roster)
close_rotation = task(name="登记B岗并办结")(settle_posts)
find_due = task(name="查找到期的人员变动")(list_due)
