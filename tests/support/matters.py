"""Matter requests for the tests: the example files with changes, and the plain-function path of
the flow (file → screen → forward → review → publish, one generic step each) for database tests that need no Prefect
flow (tasks are imported where used: the unit tests need only `sample`)."""
from __future__ import annotations

import copy
from pathlib import Path

import yaml
from sqlmodel import select

from models.core.cases import WorkItem, WorkItemStatus
from models.core.db import session_scope
from models.matter.inputs import MatterRequestForm, parse_request
from models.core.workitems import complete_work_item

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "matters"
CONTACTS = {"rsj": "D-rsj", "scjgj": "D-scjgj", "gaj": "D-gaj", "mzj": "D-mzj"}


def sample(example: str = "unemployment-registration", *, guide: dict | None = None, **changes) -> MatterRequestForm:
    data = yaml.safe_load((EXAMPLES / f"{example}.yaml").read_text(encoding="utf-8"))
    data = copy.deepcopy(data) | changes
    data["guide"] = data.get("guide", {}) | (guide or {})
    return parse_request(data)


def open_item(ref: str, step: str) -> WorkItem | None:
    with session_scope() as session:
        return session.exec(select(WorkItem).where(WorkItem.case_ref == ref, WorkItem.step == step,
                                                   WorkItem.status == WorkItemStatus.open)).first()


def decide(ref: str, step: str, actor: str, approve: bool = True, comment: str = "") -> str:
    with session_scope() as session:
        item = session.exec(select(WorkItem).where(WorkItem.case_ref == ref, WorkItem.step == step,
                                                   WorkItem.status == WorkItemStatus.open)).one()
        complete_work_item(session=session, item_id=item.id, actor_id=actor,
                           decision={"approve": approve, "comment": comment})
    from tasks.core.advance import step_case

    return step_case(case_ref=ref, actor=actor)[1]


def file_and_screen(form: MatterRequestForm) -> tuple[str, str]:
    from tasks.core.advance import step_case
    from tasks.matter.steps import file_request

    actor = CONTACTS[form.department]
    ref, _ = file_request(form=form, actor=actor)
    return ref, step_case(case_ref=ref, actor=actor)[1]


def through(form: MatterRequestForm) -> str:
    """A request filed, forwarded, approved and published: the case's reference."""
    from tasks.core.advance import step_case

    ref, _ = file_and_screen(form)
    decide(ref, "forward", "Q001")
    decide(ref, "review", "G001")
    step_case(case_ref=ref, actor="G001")  # the site rebuilt, the department told
    return ref
