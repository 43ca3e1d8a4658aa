"""Staff return (退回, 进出管理制度 三; 投诉处置规定 三(三)2), orchestrated: opened by the management
section with grounds and evidence, or by a third substantiated complaint → the section decides
(退回 / 不予退回, with a reason) → the 退回函 to the home department's leader (e-mail and SMS) → on the
effective date the person is returned (work items to the B post or the head, B posts re-checked,
award eligibility withdrawn) → the department nominates a replacement → the replacement arrives
(人员登记表) → the department reports its accountability handling → closed.
"""
from __future__ import annotations

from datetime import datetime

from prefect import tags
from flows.core.plain_calls import flow

from models.core.clock import local_now, to_local
from models.staff_return.inputs import ReturnRequest
from tasks.core.advance import advance_case
from tasks.staff_return.entry import adopt_placeholders_task, submit_staff_return_task
from tasks.staff_return.steps import list_due_task


@flow(name="提出人员退回", step="提出人员退回", retry_safe=False)
def open_staff_return_flow(request: ReturnRequest, actor: str, now: datetime | None = None) -> dict:
    """The management section proposes a return (`actor`: its staff number); returns the case ref
    and whether it was opened now (False: the same proposal was filed already)."""
    ref, created = submit_staff_return_task(request=request, actor=actor, now=to_local(now) if now else local_now())
    return {"case_ref": ref, "created": created}


@flow(name="推进人员退回", flow_run_name="推进人员退回 {case_ref}", step="推进人员退回", retry_safe=True)
def advance_staff_return(case_ref: str, actor: str, as_of: datetime | None = None) -> str:
    """Advance a return as far as it goes without a person, one generic step at a time (its events'
    effects: tasks/staff_return/steps.py); returns its status."""
    moment = to_local(as_of) if as_of else local_now()
    with tags(case_ref):
        return advance_case(case_ref=case_ref, actor=actor, now=moment)


@flow(name="人员退回每日生效", step="人员退回每日生效", retry_safe=False)
def staff_return_day(as_of: datetime | None = None) -> dict[str, str]:
    """Scheduled every morning: returns reaching their effective date take effect, replacements reaching
    their arrival date are posted; open placeholders of the complaint procedure become return cases.
    A missed day is caught up by the next run."""
    moment = to_local(as_of) if as_of else local_now()
    adopt_placeholders_task(actor="system", now=moment)
    return {ref: advance_staff_return(case_ref=ref, actor="system", as_of=moment)
            for ref in list_due_task(as_of=moment)}
