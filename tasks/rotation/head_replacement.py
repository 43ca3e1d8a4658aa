"""Recording the window heads' annual ranking and, when a head is in the bottom three two years
running, opening the department's replacement (派驻部门窗口负责人岗位职责 7); the replacement's
step (STEPS: what the generic step runs, tasks/core/advance.py)."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from tasks.core.plain_calls import task
from sqlmodel import Session

from models.rotation.machine import APPOINT, Facts, next_head_event
from models.rotation.store import all_rankings, head_facts, import_rankings
from models.core.cases import Case, open_case
from models.core.db import session_scope
from models.core.org import Staff, Window
from models.core.procedures import Steps
from models.core.roster import appoint_head
from models.rules.assessment import heads_to_replace
from models.core.settings import get_settings
from models.core.workitems import check_management
from tasks.rotation.documents import open_head_nomination


def open_replacements(*, session: Session, years: list[int], actor: str, now: datetime) -> list[str]:
    """One replacement case per head still in office who triggers the rule in one of `years`."""
    policy = get_settings().policy
    rankings = all_rankings(session=session)
    refs = []
    for year in years:
        for ranking in heads_to_replace(rankings, year, bottom=policy.head_bottom_places,
                                        years=policy.head_bottom_years):
            window = session.get(Window, ranking.window_id)
            head = session.get(Staff, ranking.head_id)
            if window is None or window.head_id != ranking.head_id:
                continue  # already replaced
            case, created = open_case(session=session, kind="head_replacement", actor=actor,
                                      title=f"{window.name}窗口负责人调整（{year}年度考核）", window_id=window.id,
                                      subject_staff_id=head.id, policy=policy.model_dump(mode="json"),
                                      idempotency_key=f"head_replacement:{head.id}:{year}", at=now)
            if created:
                first = year - policy.head_bottom_years + 1
                open_head_nomination(session=session, case_ref=case.ref, window=window, at=now,
                                     reason=f"{head.name}{first}至{year}年度考核连续{policy.head_bottom_years}年"
                                            f"排名最后{policy.head_bottom_places}名（窗口负责人岗位职责 7）")
                refs.append(case.ref)
    return refs


def record_rankings(*, path: Path, actor: str, now: datetime) -> dict:
    """`center assessment import FILE`: only the management section records the assessment."""
    with session_scope() as session:
        check_management(session=session, actor_id=actor, action="导入年度考核排名")
        years = import_rankings(session=session, path=path, actor=actor, at=now)
        return {"years": years, "cases": open_replacements(session=session, years=years, actor=actor, now=now)}


def _appoint(*, session: Session, case: Case, facts: Facts, actor: str, **_) -> None:
    """The department named the new head: appoint them (the case closes with it)."""
    appoint_head(session=session, window_id=case.window_id, staff_id=facts.nominee, case_ref=case.ref,
                 actor=facts.decided_by or actor)


STEPS = Steps(facts=head_facts, next_event=next_head_event, effects={APPOINT: _appoint})


record_rankings_task = task(name="导入年度考核排名")(record_rankings)
