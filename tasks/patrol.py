"""The patrol register's side effects, one transaction each: recording a patrol (with its
deductions, withdrawn eligibility and the notices to those concerned) and the month's summary
fed back to each window (窗口巡查制度 四)."""
from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from tasks.core.plain_calls import task
from sqlmodel import Session

from models.core.calendar import load_calendar
from models.core.cases import open_case
from models.core.clock import local_now
from models.core.db import session_scope
from models.core.ledger import SubjectKind, deduct, withdraw_eligibility
from models.core.org import Staff, Window
from models.patrol.inputs import PatrolInput
from models.patrol.store import check_patrol, first_month, month_summary, summarised_months
from models.patrol.tables import Patrol, PatrolFinding, PatrolMonthSummary
from models.core.recipients import staff_member, window_head
from models.patrol.rules import ITEM_LABELS, KIND_LABELS, Finding, deduction_text, deductions, withdraws_eligibility
from models.patrol.rules import markdown, months_due
from models.rules.submission import SubmissionKey, submission_key
from models.core.settings import Policy, get_settings
from models.core.submissions import submitted_case
from models.core.workitems import check_management
from tasks.core.messages import queue_notice


def record_patrol(*, patrol: PatrolInput, actor: str, now: datetime) -> tuple[str, bool]:
    """Only the management section records patrols and decides their deductions (巡查制度 一).
    The same patroller at the same minute is the same patrol: recording it again changes nothing;
    without a time (now), the same record by the same patroller re-run after a crash is too."""
    if patrol.at is None:  # "now": the record itself, by its patroller, identifies a re-run
        submission = submission_key("patrol", {**patrol.model_dump(mode="json"), "actor": actor})
        patrol = patrol.model_copy(update={"at": now})
    else:
        submission = SubmissionKey(f"patrol:{actor}:{patrol.at:%Y%m%d%H%M}", lasting=True)
    with session_scope() as session:
        check_management(session=session, actor_id=actor, action="记录巡查")
        policy = get_settings().policy
        existing = submitted_case(session=session, key=submission, now=now, hours=policy.resubmission_hours)
        if existing:
            return existing.ref, False
        findings = check_patrol(session=session, patrol=patrol, now=now)
        case, _ = open_case(session=session, kind="patrol", actor=actor, idempotency_key=submission.stored(now), at=now,
                            title=f"{KIND_LABELS[patrol.kind]} {patrol.at:%Y-%m-%d %H:%M}（{len(patrol.windows)} 个窗口）",
                            window_id=patrol.windows[0] if len(patrol.windows) == 1 else None,
                            policy=policy.model_dump(mode="json"))
        session.add(Patrol(case_ref=case.ref, at=patrol.at, day=patrol.at.date(), kind=patrol.kind,
                           patroller_id=actor, windows=patrol.windows,
                           items=[str(i) for i in patrol.items], note=patrol.note))
        for finding in findings:
            row = PatrolFinding(case_ref=case.ref, at=patrol.at, window_id=finding.window_id,
                                staff_id=finding.staff_id, item=finding.item, description=finding.description)
            session.add(row)
            session.flush()
            row.points = _apply(session, case_ref=case.ref, row_id=row.id, finding=finding, at=patrol.at,
                                actor=actor, policy=policy)
        return case.ref, True


def _apply(session: Session, *, case_ref: str, row_id: int, finding: Finding, at: datetime, actor: str,
           policy: Policy) -> float:
    """巡查制度 五 and 禁烟制度 二.2: the finding's deductions and, for smoking, the eligibility."""
    found = deductions(finding)
    label = ITEM_LABELS[finding.item]
    for d in found:
        deduct(session=session, subject_kind=SubjectKind(d.subject_kind), subject_id=d.subject_id, kind=d.kind,
               points=policy.deduction_points[d.kind], reason=f"巡查发现{label}问题：{finding.description}",
               case_ref=case_ref, on=at.date(), key=f"{case_ref}:f{row_id}:{d.kind}:{d.subject_kind}:{d.subject_id}",
               actor=actor, year=at.year)
    withdrawn = withdraws_eligibility(finding)
    if withdrawn:
        withdraw_eligibility(session=session, subject_kind=SubjectKind.staff, subject_id=finding.staff_id,
                             year=at.year, case_ref=case_ref, on=at.date(), actor=actor,
                             reason=f"在禁烟区域内吸烟，取消{at.year}年度服务明星评优资格（窗口禁烟制度 二.2）")
    if not found:
        return 0.0
    points = sum(policy.deduction_points[d.kind] for d in found)
    staff = session.get(Staff, finding.staff_id) if finding.staff_id else None
    window = session.get(Window, finding.window_id)
    shares = [(staff.name if d.subject_kind == "staff" else window.name, policy.deduction_points[d.kind]) for d in found]
    queue_notice(session=session, key=f"{case_ref}:f{row_id}:deduct", case_ref=case_ref,
                 recipients=[*staff_member(session=session, staff_id=finding.staff_id),
                             *window_head(session=session, window_id=finding.window_id)],
                 template="patrol_deduction",
                 context={"case_ref": case_ref, "at": at, "window_name": window.name,
                          "name": staff.name if staff else window.name, "item": label,
                          "description": finding.description, "points": deduction_text(shares),
                          "withdrawn": withdrawn})
    return points


def patrol_months_due(*, as_of: datetime) -> list[str]:
    """The months to summarise now: ended at the close of their last working day, not yet done."""
    with session_scope() as session:
        return months_due(as_of=as_of, calendar=load_calendar(session=session),
                          close=get_settings().policy.office_close, first_month=first_month(session=session),
                          summarised=summarised_months(session=session))


def summarise_month(*, month: str, actor: str, as_of: datetime) -> dict:
    """巡查制度 四: 每月月末梳理汇总本月巡查情况，将发现的问题反馈给各窗口 — once the month has ended
    (the close of its last working day), each window's head gets the window's own findings, once,
    and the month is marked summarised; before that the summary is only reported, as it stands."""
    policy = get_settings().policy
    with session_scope() as session:
        summary, final = month_summary(session=session, month=month, as_of=as_of, policy=policy)
        short = summary.short
        notified = [w.window_id for w in summary.windows if final and w.findings and _feed_back(session, month, w)]
        if final and session.get(PatrolMonthSummary, month) is None:
            session.add(PatrolMonthSummary(month=month, findings=summary.findings, summarised_by=actor,
                                           summarised_at=local_now()))
    return {"month": month, "final": final, "patrols": sum(summary.patrols.values()), "findings": summary.findings,
            "short_days": [d.isoformat() for d, _ in short], "notified": notified,
            "markdown": markdown(summary, policy.patrols_per_day, None if final else as_of)}


def _feed_back(session: Session, month: str, window) -> bool:
    findings = [{**asdict(f), "item": ITEM_LABELS[f.item]} for f in window.findings]
    return queue_notice(session=session, key=f"patrol-month:{month}:{window.window_id}", case_ref=None,
                        recipients=window_head(session=session, window_id=window.window_id),
                        template="patrol_month",
                        context={"month": month, "window_name": window.name, "count": len(findings),
                                 "points": f"{window.points:g}", "findings": findings}) > 0


record_patrol_task = task(name="记录巡查")(record_patrol)
patrol_months_due_task = task(name="待汇总的巡查月份")(patrol_months_due)
summarise_month_task = task(name="汇总月度巡查情况")(summarise_month)
