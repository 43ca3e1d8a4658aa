"""Issue 19, defect 3: an opening command killed between opening its case and advancing it leaves
the case in its initial status with no work item and no notice. The deadline sweep advances it
(once: a second sweep changes nothing), for every procedure; re-running the command returns the
same case with a message naming it, never a second case."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlmodel import func, select

from flows.core.sweeps import deadline_sweep
from models.core.calendar import load_calendar
from models.core.cases import Case, WorkItem, WorkItemStatus
from models.core.clock import local_now
from models.core.db import session_scope
from models.core.outbox import OutboxMessage
from support.cli import run_cli
from support.complaint_cases import PHONE
from support.leaves import application
from support.matters import sample
from tasks.complaint.entry import register_complaint

ISSUE_19_DEFECTS = (3,)  # counted in the reliability summary when these tests pass

pytestmark = pytest.mark.usefixtures("org")
MONDAY = datetime(2026, 10, 12, 9)  # a working day


def state(ref: str) -> tuple[str, int, int]:
    """(status, open work items, outbox rows) of a case."""
    with session_scope() as session:
        items = session.exec(select(func.count()).select_from(WorkItem).where(
            WorkItem.case_ref == ref, WorkItem.status == WorkItemStatus.open)).one()
        queued = session.exec(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.case_ref == ref)).one()
        return session.get(Case, ref).status, items, queued


def cases(kind: str) -> int:
    with session_scope() as session:
        return session.exec(select(func.count()).select_from(Case).where(Case.kind == kind)).one()


def interrupted_complaint(now: datetime = MONDAY) -> str:
    intake = {**PHONE, "received_at": now - timedelta(minutes=10)}
    return register_complaint(intake=intake, actor="G001", now=now)[0]  # killed here: the case is only opened


def interrupted_leave(now: datetime = MONDAY) -> str:
    from tasks.leave.entry import open_leave_request

    return open_leave_request(application=application(start=datetime(2026, 10, 14).date()), now=now)


def interrupted_matter(now: datetime = MONDAY) -> str:
    from tasks.matter.steps import file_request

    return file_request(form=sample(), actor="D-rsj", at=now)[0]


@pytest.mark.parametrize("interrupted", [interrupted_complaint, interrupted_leave, interrupted_matter],
                         ids=["complaint", "leave", "matter"])
def test_the_sweep_advances_a_case_left_in_its_initial_status_once(interrupted):
    ref = interrupted()
    stranded = state(ref)
    first = deadline_sweep(as_of=MONDAY + timedelta(hours=1))
    after_first = state(ref)
    second = deadline_sweep(as_of=MONDAY + timedelta(hours=7))
    assert (stranded[1:], after_first[0] != stranded[0], after_first[1] >= 1, after_first[2] >= 1) == ((0, 0), True, True, True)
    assert (ref in first["stranded"], second["stranded"], state(ref)) == (True, {}, after_first)


def test_a_case_opened_moments_ago_is_left_to_the_command_that_opened_it():
    ref = interrupted_complaint()
    report = deadline_sweep(as_of=MONDAY + timedelta(minutes=2))
    assert (report["stranded"], state(ref)) == ({}, ("received", 0, 0))


def test_rerunning_complaint_open_after_a_crash_returns_the_same_case_and_advances_it(capsys):
    intake = {**PHONE, "received_at": None}
    ref, _ = register_complaint(intake=intake, actor="G001", now=local_now() - timedelta(minutes=5))
    result = run_cli(capsys, "complaint", "open", "--channel", "phone", "--window", "W01", "--staff", "S0102",
                     "--category", "3", "--content", PHONE["content"], "--name", "张三丰", "--contact", "13912345678",
                     "--as", "G001")
    assert (result.code, "此投诉已登记过" in result.out, ref in result.out, cases("complaint")) == (0, True, True, 1)
    assert state(ref)[:2] == ("investigating", 1)


def test_rerunning_leave_apply_without_a_key_returns_the_same_case(capsys):
    with session_scope() as session:
        start = load_calendar(session=session).add_working_days(local_now().date(), 10)
    args = ("leave", "apply", "--staff", "S0103", "--kind", "事假", "--start", f"{start} 上午",
            "--end", f"{start} 下午", "--reason", "家中有事", "--as", "S0103")
    first = run_cli(capsys, *args)
    again = run_cli(capsys, *args)
    assert (first.code, again.code, "已登记过" in again.out, cases("leave")) == (0, 0, True, 1)


def test_rerunning_rotation_propose_says_the_notice_was_registered(capsys):
    args = ("rotation", "propose", "--window", "W01", "--notice-ref", "青人社函〔2026〕12号", "--received",
            "2026-03-31 10:00", "--effective", "2026-04-15", "--leave", "S0102", "--arrive", "S0111:钱进",
            "--as", "D-rsj")
    first = run_cli(capsys, *args)
    again = run_cli(capsys, *args)
    ref = first.out.split("已登记人员轮换 ")[1].split("，")[0]
    assert (again.code, f"此人员轮换已登记过，未重复登记：{ref}" in again.out, cases("rotation")) == (0, True, 1)
