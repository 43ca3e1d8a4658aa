"""The quarterly review of the matter list (事项进驻、退出、调整规定 2: 定期梳理): scheduled on the
first days of each quarter, it opens the quarter's review once, on a working day; the windows confirm
through `center decide`, and the deadline sweep chases those who do not."""
from __future__ import annotations

from datetime import datetime

from prefect import tags
from flows.core.plain_calls import flow

from models.core.clock import local_now, to_local
from tasks.core.advance import advance_case
from tasks.matter.review import open_list_review_task


@flow(name="事项清单季度梳理")
def matter_list_review(as_of: datetime | None = None, actor: str = "system") -> dict:
    return open_list_review_task(as_of=to_local(as_of) if as_of else local_now(), actor=actor)


@flow(name="推进事项清单梳理")
def advance_matter_review(case_ref: str, actor: str) -> str:
    with tags(case_ref):
        return advance_case(case_ref=case_ref, actor=actor)
