"""代行情况 on a person's return (AB岗 6, models/core/handover.py): open the item that lists what was
decided for them while away, announce it, and keep the list in the case's history. Called inside the
sweep's transaction."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from models.core.cases import audit, get_case
from models.core.handover import HANDOVER_STEP, Handover, handovers_due
from models.core.org import Role, Staff
from tasks.core.human_steps import open_section_step

TITLE_LIMIT = 200


def handover_title(handover: Handover, names: dict[str, str]) -> str:
    """代行情况：王芳代为办理 2 项（QJ-2026-000005 请假报告单审核签字；…）, within the title's length."""
    by = "、".join(dict.fromkeys(names.get(d.by, d.by) for d in handover.decided))
    listed = "；".join(f"{d.case_ref} {d.title}" for d in handover.decided)
    title = f"代行情况：{by}代为办理 {len(handover.decided)} 项（{listed}）"
    return title if len(title) <= TITLE_LIMIT else title[:TITLE_LIMIT - 2] + "…）"


def open_handovers(*, session: Session, as_of: datetime) -> int:
    handovers = handovers_due(session=session, as_of=as_of)
    people = {d.by for h in handovers for d in h.decided}
    names = dict(session.exec(select(Staff.id, Staff.name).where(Staff.id.in_(people))).all()) if people else {}
    for handover in handovers:
        case = get_case(session=session, ref=handover.case_ref)
        person = session.get(Staff, handover.for_id)
        item = open_section_step(session=session, case=case, key=handover.key, step=HANDOVER_STEP,
                                 title=handover_title(handover, names), at=as_of, form="acknowledge",
                                 role=person.role, staff_id=person.id)
        audit(session=session, case_ref=case.ref, actor=Role.system, action=HANDOVER_STEP, at=as_of,
              details={"work_item": item.id, "title": item.title,
                       "decided": [{"case_ref": d.case_ref, "work_item": d.work_item, "by": d.by}
                                   for d in handover.decided]})
    return len(handovers)
