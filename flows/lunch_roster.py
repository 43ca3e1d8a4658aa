"""The lunch-service roster (延时服务人员安排表, 考勤办法 二(一)4) as flows: the window head files a month,
which goes on to the management section's review (二(一)6); the advance goes as far as it can without
a person and running it again changes nothing."""
from __future__ import annotations

from datetime import datetime

from prefect import tags

from flows.core.plain_calls import flow
from models.core.clock import local_now, to_local
from models.lunch_roster.tables import LunchRosterInput
from tasks.core.advance import advance_case
from tasks.lunch_roster import file_roster_task

# The step key of a filing (flows/core/steps.py): what the desk and the command line run.
FILE_ROSTER = "填报延时服务人员安排表"


@flow(name="填报延时服务人员安排表", step=FILE_ROSTER, retry_safe=False)
def file_lunch_roster(request: LunchRosterInput, actor: str, now: datetime | None = None) -> dict:
    """窗口负责人填报一个月的延时服务人员安排表，报窗口管理科审核。"""
    moment = to_local(now) if now else local_now()
    ref, created = file_roster_task(request=request, actor=actor, now=moment)
    with tags(ref):
        status = advance_case(case_ref=ref, actor=actor, now=moment)
    return {"case_ref": ref, "created": created, "status": status}


@flow(name="推进延时服务人员安排表", flow_run_name="推进延时服务人员安排表 {case_ref}", step="推进延时服务人员安排表",
      retry_safe=True)
def advance_lunch_roster(case_ref: str, actor: str) -> str:
    with tags(case_ref):
        return advance_case(case_ref=case_ref, actor=actor)
