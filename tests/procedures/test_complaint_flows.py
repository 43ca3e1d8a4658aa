"""The complaint flows against a real Prefect API: intake → extension → decide → closed; running
again changes nothing; the monthly statistics artifact."""
from __future__ import annotations

from datetime import datetime

import pytest
from prefect.artifacts import Artifact
from sqlmodel import func, select

from flows.complaint import (StatsPeriod, complaint_handling, complaint_monthly_stats, extend_complaint_flow,
                             receive_complaint)
from flows.core.decide import decide_work_item
from models.core.cases import WorkItem
from models.complaint.tables import Complaint
from models.complaint.inputs import ComplaintIntake, ExtensionRequest
from models.core.db import session_scope
from models.core.outbox import OutboxMessage
from support.complaint_cases import FOUND, PHONE, open_item

pytestmark = pytest.mark.usefixtures("org")
NOW = datetime(2026, 9, 30, 10, 5)


def received(intake: dict = PHONE, actor: str = "G001") -> str:
    return receive_complaint(intake=ComplaintIntake(**intake), actor=actor, now=NOW)["case_ref"]


def test_a_complaint_of_national_day_eve_extended_with_an_explanation_is_answered_in_time():
    ref = received()
    due = extend_complaint_flow(request=ExtensionRequest(case_ref=ref, reason="需调取监控录像核实"), actor="S0101",
                                now=datetime(2026, 10, 9, 9))
    status = decide_work_item(item_id=open_item(ref, "investigate").id, actor="S0101", decision=FOUND,
                              at=datetime(2026, 10, 16, 15))
    with session_scope() as session:
        complaint = session.get(Complaint, ref)
    assert (due, status, complaint.on_time, complaint.extensions) == ("2026-10-20 17:00", "closed", True, 1)


def test_running_the_handling_flow_again_changes_nothing():
    ref = received()

    def counts():
        with session_scope() as session:
            return [session.exec(select(func.count()).select_from(t)).one() for t in (WorkItem, OutboxMessage)]

    before = counts()
    assert (complaint_handling(case_ref=ref, actor="G001"), counts()) == ("investigating", before)


def test_the_monthly_statistics_are_published_as_a_markdown_artifact():
    received()
    complaint_monthly_stats(period=StatsPeriod(month="2026-09"), as_of=datetime(2026, 10, 1, 9))
    artifact = Artifact.get("complaint-stats-2026-09")
    assert "| 电话投诉 | 1 |" in artifact.data and "张三丰" not in artifact.data
