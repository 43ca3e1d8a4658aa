"""Short secondments (短期借调, 进出管理制度 四.2), interns (实习生, 二.3) and the window-head
replacement (窗口负责人岗位职责 7), orchestrated: each request waits for the center's decision,
then changes the staff record; the head replacement waits for the department's nomination."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from prefect import tags
from flows.core.plain_calls import flow

from models.rotation.inputs import RankingImportInput
from models.core.clock import local_now, to_local
from models.rotation.inputs import InternInput, SecondmentInput
from tasks.core.advance import advance_case
from tasks.rotation.head_replacement import record_rankings_task
from tasks.rotation.staffing import open_intern_task, open_secondment_task


@flow(name="短期借调申请")
def request_secondment(request: SecondmentInput, actor: str, now: datetime | None = None) -> str:
    return open_secondment_task(request=request, actor=actor, now=to_local(now) if now else local_now())


@flow(name="推进短期借调")
def advance_secondment(case_ref: str, actor: str, as_of: datetime | None = None) -> str:
    with tags(case_ref):
        return advance_case(case_ref=case_ref, actor=actor, now=to_local(as_of) if as_of else local_now())


@flow(name="实习生进驻申请")
def request_intern(request: InternInput, actor: str, now: datetime | None = None) -> str:
    return open_intern_task(request=request, actor=actor, now=to_local(now) if now else local_now())


@flow(name="推进实习生进驻")
def advance_intern(case_ref: str, actor: str) -> str:
    with tags(case_ref):
        return advance_case(case_ref=case_ref, actor=actor, now=local_now())


@flow(name="导入年度考核排名")
def import_head_rankings(file: RankingImportInput, actor: str, now: datetime | None = None) -> dict:
    """Record each year's ranking of the window heads; open a replacement for the department
    wherever a head is in the bottom three two years running."""
    return record_rankings_task(path=Path(file.path), actor=actor, now=to_local(now) if now else local_now())


@flow(name="推进窗口负责人调整")
def advance_head_replacement(case_ref: str, actor: str) -> str:
    with tags(case_ref):
        return advance_case(case_ref=case_ref, actor=actor, now=local_now())
