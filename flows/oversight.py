"""The oversight registers as flows: patrols recorded (窗口巡查制度), training sessions arranged and
called (学习培训制度), IT requests decided and violations reviewed (IT设备使用管理规定 二). Each
advance goes as far as it can without a person; running it again changes nothing."""
from __future__ import annotations

from datetime import datetime

from prefect import tags
from flows.core.plain_calls import flow

from models.core.clock import local_now, to_local
from models.it_access.inputs import ItRequestInput, ItViolationInput
from models.patrol.inputs import PatrolInput
from models.training.inputs import TrainingInput
from tasks.core.advance import advance_case
from tasks.it_access import record_violation_task, submit_request_task
from tasks.patrol import record_patrol_task
from tasks.training import open_training_task


def _moment(now: datetime | None) -> datetime:
    return to_local(now) if now else local_now()


@flow(name="记录巡查")
def record_patrol_flow(patrol: PatrolInput, actor: str, now: datetime | None = None) -> dict:
    """`actor`: the patroller of the management section (窗口管理科)."""
    ref, created = record_patrol_task(patrol=patrol.model_copy(update={"at": to_local(patrol.at) if patrol.at else None}),
                                      actor=actor,
                                      now=_moment(now))
    return {"case_ref": ref, "created": created}


@flow(name="安排学习培训")
def arrange_training(request: TrainingInput, actor: str, now: datetime | None = None) -> dict:
    request = request.model_copy(update={"starts_at": to_local(request.starts_at), "ends_at": to_local(request.ends_at)})
    ref, created = open_training_task(request=request, actor=actor, now=_moment(now))
    return {"case_ref": ref, "created": created}


@flow(name="学习培训点名", flow_run_name="学习培训点名 {case_ref}")
def advance_training(case_ref: str, actor: str) -> str:
    with tags(case_ref):
        return advance_case(case_ref=case_ref, actor=actor)


@flow(name="IT设备接入与权限申请")
def submit_it_request(request: ItRequestInput, actor: str, now: datetime | None = None) -> dict:
    """`actor`: the window head applying for the window."""
    ref, created = submit_request_task(request=request, actor=actor, now=_moment(now))
    return {"case_ref": ref, "created": created}


@flow(name="推进IT设备申请", flow_run_name="推进IT设备申请 {case_ref}")
def advance_it_request(case_ref: str, actor: str) -> str:
    with tags(case_ref):
        return advance_case(case_ref=case_ref, actor=actor)


@flow(name="登记IT设备违规")
def record_it_violation(violation: ItViolationInput, actor: str, now: datetime | None = None) -> dict:
    ref, created = record_violation_task(violation=violation, actor=actor, now=_moment(now))
    return {"case_ref": ref, "created": created}


@flow(name="推进IT设备违规扣分", flow_run_name="推进IT设备违规扣分 {case_ref}")
def advance_it_violation(case_ref: str, actor: str) -> str:
    with tags(case_ref):
        return advance_case(case_ref=case_ref, actor=actor)
