"""The leave procedure (请假) as flows: each advances a case as far as it can go without a person.

考勤办法 二(二); AB岗工作制度. The human steps (the head's signature, the management section's
review, the attendance registration) are work items, completed by `flows.core.decide.decide_work_item`,
which then calls `advance_leave`.
"""
from __future__ import annotations

from datetime import datetime

from prefect import tags
from flows.core.plain_calls import RetrySafeWithKey, flow

from models.core.clock import local_now, to_local
from models.leave.inputs import LeaveApplication, LeaveProofs, LeaveWithdrawal, SaturdayCoverEntry
from tasks.core.advance import advance_case
from tasks.leave.entry import attach_proofs_task, submit_leave_task, record_cover_task, withdraw_leave_task

# The step key of a leave application (flows/core/steps.py): what the desk and the command line run.
LEAVE_APPLICATION = "请假申请"


def _moment(now: datetime | None) -> datetime:
    return to_local(now) if now else local_now()


@flow(name="推进请假申请", flow_run_name="推进请假申请 {case_ref}", step="推进请假申请", retry_safe=True)
def advance_leave(case_ref: str, actor: str, now: datetime | None = None) -> str:
    with tags(case_ref):
        return advance_case(case_ref=case_ref, actor=actor, now=_moment(now))


@flow(name="请假申请", step=LEAVE_APPLICATION, retry_safe=RetrySafeWithKey("application"))
def apply_for_leave(application: LeaveApplication, now: datetime | None = None) -> dict[str, str]:
    """受理请假申请并推进：半天的登记考勤，一天以上的送窗口负责人审核签字。"""
    moment = _moment(now)
    case_ref, created = submit_leave_task(application=application, now=moment)
    with tags(case_ref):
        status = advance_case(case_ref=case_ref, actor=application.actor, now=moment)
    return {"case_ref": case_ref, "status": status, "created": created}


@flow(name="补交请假证明", step="补交请假证明", retry_safe=True)
def attach_leave_proofs(proofs: LeaveProofs, now: datetime | None = None) -> dict:
    """请假人补交证明材料；材料齐全后继续推进。"""
    moment = _moment(now)
    with tags(proofs.case_ref):
        missing = attach_proofs_task(proofs=proofs, now=moment)
        status = advance_case(case_ref=proofs.case_ref, actor=proofs.actor, now=moment)
    return {"case_ref": proofs.case_ref, "status": status, "missing": missing}


@flow(name="撤回请假申请", step="撤回请假申请", retry_safe=False)
def withdraw_leave_request(withdrawal: LeaveWithdrawal, now: datetime | None = None) -> str:
    """请假人在最终决定前撤回申请。"""
    with tags(withdrawal.case_ref):
        return withdraw_leave_task(withdrawal=withdrawal, now=_moment(now))


@flow(name="登记调休日程", step="登记调休日程", retry_safe=False)
def record_saturday_cover(entry: SaturdayCoverEntry) -> int:
    """便民类窗口负责人登记《调休日程表》：星期六上班的人员及其调休日（视作正常出勤）。"""
    return record_cover_task(entry=entry)
