"""IT access (IT设备使用管理规定 二) as flows: a window head's request for a device or a permission,
decided by the center; a violation recorded and reviewed into a point deduction. Each advance goes as
far as it can without a person; running it again changes nothing."""
from __future__ import annotations

from datetime import datetime

from prefect import tags

from flows.core.plain_calls import flow
from models.core.clock import local_now, to_local
from models.it_access.inputs import ItRequestInput, ItViolationInput
from tasks.core.advance import advance_case
from tasks.it_access.steps import submit_request_task
from tasks.it_access.violation import record_violation_task


@flow(name="IT设备接入与权限申请", step="IT设备接入与权限申请", retry_safe=False)
def submit_it_request(request: ItRequestInput, actor: str, now: datetime | None = None) -> dict:
    """`actor`: the window head applying for the window."""
    ref, created = submit_request_task(request=request, actor=actor, now=to_local(now) if now else local_now())
    return {"case_ref": ref, "created": created}


@flow(name="推进IT设备申请", flow_run_name="推进IT设备申请 {case_ref}", step="推进IT设备申请", retry_safe=True)
def advance_it_request(case_ref: str, actor: str) -> str:
    with tags(case_ref):
        return advance_case(case_ref=case_ref, actor=actor)


@flow(name="登记IT设备违规", step="登记IT设备违规", retry_safe=False)
def record_it_violation(violation: ItViolationInput, actor: str, now: datetime | None = None) -> dict:
    ref, created = record_violation_task(violation=violation, actor=actor, now=to_local(now) if now else local_now())
    return {"case_ref": ref, "created": created}


@flow(name="推进IT设备违规扣分", flow_run_name="推进IT设备违规扣分 {case_ref}", step="推进IT设备违规扣分", retry_safe=True)
def advance_it_violation(case_ref: str, actor: str) -> str:
    with tags(case_ref):
        return advance_case(case_ref=case_ref, actor=actor)
