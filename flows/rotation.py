"""Staff rotation (调整/轮换, 进驻登记, 调离), orchestrated (进出管理制度 二; 窗口负责人岗位职责 1):
the department's notice → checks shown on the case → the management section reviews (approve /
approve with exception / reject) → 调离申请表 and the center's confirmation of each departure → on
the effective date the roster changes once (人员登记表, staff records) → the B posts are re-checked
→ closed when the window head has named every missing B.

Short secondments (短期借调, 进出管理制度 四.2), interns (实习生, 二.3) and the window-head replacement
(窗口负责人岗位职责 7): each request waits for the center's decision, then changes the staff record;
the head replacement waits for the department's nomination.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from prefect import tags

from flows.core.plain_calls import flow
from models.core.clock import local_now, to_local
from models.rotation.inputs import InternInput, RankingImportInput, RotationProposalInput, SecondmentInput
from models.rotation.machine import IN_EFFECT
from tasks.core.advance import advance_case
from tasks.rotation.head_replacement import record_rankings_task
from tasks.rotation.intern import open_intern_task
from tasks.rotation.secondment import open_secondment_task
from tasks.rotation.steps import list_due_task, record_posts_task, open_rotation_task


@flow(name="人员轮换", step="人员轮换", retry_safe=False)
def staff_rotation(proposal: RotationProposalInput, actor: str, now: datetime | None = None) -> str:
    """Register a department's written notice (公函) of a rotation; returns the case reference."""
    ref = open_rotation_task(proposal=proposal, actor=actor, now=to_local(now) if now else local_now())
    return ref


@flow(name="推进人员轮换", step="推进人员轮换", retry_safe=True)
def advance_rotation(case_ref: str, actor: str, as_of: datetime | None = None) -> str:
    moment = to_local(as_of) if as_of else local_now()
    with tags(case_ref):
        status = advance_case(case_ref=case_ref, actor=actor, now=moment)
        if status == IN_EFFECT:  # still waiting for B posts or the new head: record those named so far
            status = record_posts_task(case_ref=case_ref, actor=actor)
    return status


@flow(name="人员变动每日生效", step="人员变动每日生效", retry_safe=False)
def roster_day(as_of: datetime | None = None) -> dict[str, dict[str, str]]:
    """Scheduled every morning: rotations reaching their effective date change the roster (once),
    secondments start or end. A missed day is caught up by the next run."""
    moment = to_local(as_of) if as_of else local_now()
    due = list_due_task(as_of=moment)
    rotations = {}
    for ref in due["rotation"]:
        with tags(ref):
            status = advance_case(case_ref=ref, actor="system", now=moment)
            rotations[ref] = record_posts_task(case_ref=ref, actor="system") if status == IN_EFFECT else status
    secondments = {}
    for ref in due["secondment"]:
        with tags(ref):
            secondments[ref] = advance_case(case_ref=ref, actor="system", now=moment)
    return {"rotation": rotations, "secondment": secondments}


@flow(name="短期借调申请", step="短期借调申请", retry_safe=False)
def request_secondment(request: SecondmentInput, actor: str, now: datetime | None = None) -> str:
    return open_secondment_task(request=request, actor=actor, now=to_local(now) if now else local_now())


@flow(name="推进短期借调", step="推进短期借调", retry_safe=True)
def advance_secondment(case_ref: str, actor: str, as_of: datetime | None = None) -> str:
    with tags(case_ref):
        return advance_case(case_ref=case_ref, actor=actor, now=to_local(as_of) if as_of else local_now())


@flow(name="实习生进驻申请", step="实习生进驻申请", retry_safe=False)
def request_intern(request: InternInput, actor: str, now: datetime | None = None) -> str:
    return open_intern_task(request=request, actor=actor, now=to_local(now) if now else local_now())


@flow(name="推进实习生进驻", step="推进实习生进驻", retry_safe=True)
def advance_intern(case_ref: str, actor: str) -> str:
    with tags(case_ref):
        return advance_case(case_ref=case_ref, actor=actor, now=local_now())


@flow(name="导入年度考核排名", step="导入年度考核排名", retry_safe=False)
def import_head_rankings(file: RankingImportInput, actor: str, now: datetime | None = None) -> dict:
    """Record each year's ranking of the window heads; open a replacement for the department
    wherever a head is in the bottom three two years running."""
    return record_rankings_task(path=Path(file.path), actor=actor, now=to_local(now) if now else local_now())


@flow(name="推进窗口负责人调整", step="推进窗口负责人调整", retry_safe=True)
def advance_head_replacement(case_ref: str, actor: str) -> str:
    with tags(case_ref):
        return advance_case(case_ref=case_ref, actor=actor, now=local_now())
