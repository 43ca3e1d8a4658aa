"""Matter onboarding, change, cancellation and exit (事项进驻、退出、调整规定 3–4), orchestrated:
file → completeness screen (一次性告知) → district office forwards → management section approves →
list updated, guides published. Each run goes as far as it can without a person and stops.

The quarterly review of the matter list (事项进驻、退出、调整规定 2: 定期梳理): scheduled on the first
days of each quarter, it opens the quarter's review once, on a working day; the windows confirm
through `center decide`, and the deadline sweep chases those who do not.
"""
from __future__ import annotations

from datetime import datetime

from prefect import tags

from flows.core.plain_calls import flow

from models.core.clock import local_now, to_local
from models.matter.inputs import MatterRequestForm
from tasks.core.advance import advance_case
from tasks.matter.review import open_list_review_task
from tasks.matter.steps import file_request_task
from tasks.matter.site import check_publisher_of_task, publish_guides_task


@flow(name="事项进驻、变更、取消、退出申请", step="事项进驻、变更、取消、退出申请", retry_safe=False)
def matter_onboarding(request: MatterRequestForm, actor: str, now: datetime | None = None) -> dict:
    """The department (`actor`, its contact's staff number) files a request with its guide."""
    ref, created = file_request_task(form=request, actor=actor, at=to_local(now) if now else local_now())
    with tags(ref):
        status = advance_matter(case_ref=ref, actor=actor)
    return {"case_ref": ref, "status": status, "created": created}


@flow(name="推进事项申请", step="推进事项申请", retry_safe=True)
def advance_matter(case_ref: str, actor: str) -> str:
    """Screen, apply each decision made, publish when approved (one generic step at a time; the
    events' effects: tasks/matter/steps.py); returns the status."""
    return advance_case(case_ref=case_ref, actor=actor)


@flow(name="发布办事指南", step="发布办事指南", retry_safe=False)
def publish_matter_guides(actor: str) -> dict:
    """Rebuild the public site from the list (the management section, e.g. after a template change)."""
    check_publisher_of_task(actor=actor)
    return publish_guides_task()


@flow(name="事项清单季度梳理", step="事项清单季度梳理", retry_safe=False)
def matter_list_review(as_of: datetime | None = None, actor: str = "system") -> dict:
    return open_list_review_task(as_of=to_local(as_of) if as_of else local_now(), actor=actor)


@flow(name="推进事项清单梳理", step="推进事项清单梳理", retry_safe=True)
def advance_matter_review(case_ref: str, actor: str) -> str:
    with tags(case_ref):
        return advance_case(case_ref=case_ref, actor=actor)
