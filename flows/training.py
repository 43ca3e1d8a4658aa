"""Training sessions (学习培训制度) as flows: arranged by the management section, then called (点名)
on the day; the advance goes as far as it can without a person; running it again changes nothing."""
from __future__ import annotations

from datetime import datetime

from prefect import tags

from flows.core.plain_calls import flow
from models.core.clock import local_now, to_local
from models.training.inputs import TrainingInput
from tasks.core.advance import advance_case
from tasks.training import open_training_task


@flow(name="安排学习培训", step="安排学习培训", retry_safe=False)
def arrange_training(request: TrainingInput, actor: str, now: datetime | None = None) -> dict:
    request = request.model_copy(update={"starts_at": to_local(request.starts_at), "ends_at": to_local(request.ends_at)})
    ref, created = open_training_task(request=request, actor=actor, now=to_local(now) if now else local_now())
    return {"case_ref": ref, "created": created}


@flow(name="学习培训点名", flow_run_name="学习培训点名 {case_ref}", step="学习培训点名", retry_safe=True)
def advance_training(case_ref: str, actor: str) -> str:
    with tags(case_ref):
        return advance_case(case_ref=case_ref, actor=actor)
