"""Issue 19, defect 3: which cases the sweep takes for stranded (models.core.stranded, tasks/core/repair.py),
and the service intake's re-run (no key from the clerk) returning its case."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from models.service_case.inputs import ServiceIntake
from support.complaint_cases import PHONE, advance, register
from support.matters import sample, through
from tasks.core.repair import ADVANCE, find_stuck_cases
from tasks.service_case import submit_service_case

pytestmark = pytest.mark.usefixtures("org", "published_matter")
NOW = datetime(2026, 10, 20, 9)
INTAKE = ServiceIntake(applicant="李明", phone="13912345678", matter_code="QP-RSJ-001")


@pytest.fixture
def published_matter():
    through(sample())  # QP-RSJ-001 on W01's list


def stranded(as_of: datetime = NOW + timedelta(hours=1)) -> list[tuple[str, str, str | None]]:
    return [(s.ref, s.kind, s.remedy) for s in find_stuck_cases(as_of=as_of, kinds=["complaint", "service", "leave"])]


def test_a_complaint_left_received_is_stranded_but_not_a_service_case_waiting_at_the_counter():
    ref = register(PHONE, now=NOW)
    submit_service_case(intake=INTAKE, actor="S0102", now=NOW)
    assert (stranded(), stranded(NOW + timedelta(minutes=5))) == ([(ref, "complaint", ADVANCE)], [])


def test_an_advanced_case_is_no_longer_stranded():
    advance(register(PHONE, now=NOW))
    assert stranded() == []


def test_the_same_service_intake_rerun_returns_its_case_and_another_applicant_opens_one():
    first, _ = submit_service_case(intake=INTAKE, actor="S0102", now=NOW)
    again, created = submit_service_case(intake=INTAKE, actor="S0102", now=NOW + timedelta(minutes=3))
    other, opened = submit_service_case(intake=INTAKE.model_copy(update={"applicant": "王芳"}), actor="S0102", now=NOW)
    assert (again, created, opened, other != first) == (first, False, True, True)
