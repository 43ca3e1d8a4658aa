"""Deadlines in a year nobody has covered (issue 10 §6): computed on weekends only and marked
provisional; importing the year's arrangement recomputes every open due date — cases, work items
and the leave's own filing deadline — and audits each change, while closed cases keep theirs.

2027 (examples/calendar-2027.yaml): Spring Festival off 02-05 and 02-08…02-11, 02-13 a make-up
Saturday. A complaint received Wed 02-03 10:00 is due in 3 working days: 02-08 17:00 on weekends
only, 02-13 17:00 with the arrangement. A sick leave Mon 02-01…Thu 02-04 without its proof: back
at work 02-05 08:30 on weekends only, 02-12 08:30 with the arrangement; the proof is due 2 working
days after that: 02-09 17:00, then 02-15 17:00."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import select

from models.core.cases import AuditEvent, Case, WorkItem, WorkItemStatus
from models.core.db import session_scope
from models.leave.tables import LeaveRequest
from models.procedures import get_procedure
from support import complaint_cases
from support.cli import ROOT, run_cli
from support.leaves import apply

pytestmark = pytest.mark.usefixtures("org")
ARRANGEMENT = ROOT / "examples" / "calendar-2027.yaml"


@pytest.fixture
def cases() -> dict[str, str]:
    open_complaint = complaint_cases.register({**complaint_cases.PHONE, "received_at": datetime(2027, 2, 3, 10)},
                                              now=datetime(2027, 2, 3, 11))
    complaint_cases.advance(open_complaint)
    closed_complaint = complaint_cases.handled(
        {**complaint_cases.PHONE, "received_at": datetime(2027, 2, 2, 10), "content": "另一件投诉"},
        at=datetime(2027, 2, 3, 15), now=datetime(2027, 2, 2, 11))
    leave = apply("S0103", kind="sick", start=date(2027, 2, 1), end=date(2027, 2, 4), now=datetime(2027, 1, 29, 10))
    return {"complaint": open_complaint, "closed": closed_complaint, "leave": leave}


def _due(cases: dict[str, str]) -> dict[str, tuple]:
    with session_scope() as session:
        complaint = session.get(Case, cases["complaint"])
        closed = session.get(Case, cases["closed"])
        leave = session.get(LeaveRequest, cases["leave"])
        items = {(i.case_ref, i.step): (i.due_at, i.due_provisional)
                 for i in session.exec(select(WorkItem).where(WorkItem.status == WorkItemStatus.open)).all()}
    return {"complaint": (complaint.due_at, complaint.due_provisional),
            "investigate": items[(cases["complaint"], "investigate")],
            "closed": (closed.status, closed.due_at, closed.due_provisional),
            "leave_back": leave.back_at,
            "leave_filing": (leave.filing_due_at, leave.filing_due_provisional),
            "materials": items[(cases["leave"], "materials")]}


def test_deadlines_in_an_uncovered_year_are_provisional_on_weekends_only(cases):
    assert _due(cases) == {
        "complaint": (datetime(2027, 2, 8, 17), True), "investigate": (datetime(2027, 2, 8, 17), True),
        "closed": ("closed", datetime(2027, 2, 5, 17), True), "leave_back": datetime(2027, 2, 5, 8, 30),
        "leave_filing": (datetime(2027, 2, 9, 17), True), "materials": (datetime(2027, 2, 9, 17), True)}


def test_importing_the_year_recomputes_every_open_due_date(cases, capsys):
    result = run_cli(capsys, "calendar", "import", ARRANGEMENT, "--as", "G001")
    assert result.code == 0, result.err
    assert _due(cases) == {
        "complaint": (datetime(2027, 2, 13, 17), False), "investigate": (datetime(2027, 2, 13, 17), False),
        "closed": ("closed", datetime(2027, 2, 5, 17), True), "leave_back": datetime(2027, 2, 12, 8, 30),
        "leave_filing": (datetime(2027, 2, 15, 17), False), "materials": (datetime(2027, 2, 15, 17), False)}


def test_no_open_due_date_of_the_imported_year_stays_provisional(cases, capsys):
    run_cli(capsys, "calendar", "import", ARRANGEMENT, "--as", "G001")
    closed = set()
    with session_scope() as session:
        for case in session.exec(select(Case)).all():
            if case.status in get_procedure(case.kind).final:
                closed.add(case.ref)
        provisional = [i.key for i in session.exec(select(WorkItem).where(
            WorkItem.status == WorkItemStatus.open, WorkItem.due_provisional)).all()]
        provisional += [c.ref for c in session.exec(select(Case).where(Case.due_provisional)).all()
                        if c.ref not in closed]
        provisional += [lv.case_ref for lv in session.exec(select(LeaveRequest).where(
            LeaveRequest.filing_due_provisional)).all()]
    assert provisional == []


def test_each_change_is_audited_once_by_the_importer_and_counted(cases, capsys):
    result = run_cli(capsys, "calendar", "import", ARRANGEMENT, "--as", "G001")
    with session_scope() as session:
        audits = session.exec(select(AuditEvent).where(AuditEvent.action == "recompute_deadline")).all()
    changes = sorted((a.case_ref, a.actor, a.details["from"], a.details["to"]) for a in audits)
    assert f"重算期限 {len(audits)} 项" in result.out
    assert changes == sorted([
        (cases["complaint"], "G001", "2027-02-08T17:00:00", "2027-02-13T17:00:00"),  # the case
        (cases["complaint"], "G001", "2027-02-08T17:00:00", "2027-02-13T17:00:00"),  # its investigation
        (cases["leave"], "G001", "2027-02-09T17:00:00", "2027-02-15T17:00:00"),  # the filing deadline
        (cases["leave"], "G001", "2027-02-09T17:00:00", "2027-02-15T17:00:00"),  # the materials item
        (cases["leave"], "G001", "2027-01-29T17:00:00", "2027-01-29T17:00:00"),  # head's: now final
    ])
