"""The lunch-service roster in the store, on SQLite and PostgreSQL (考勤办法 二(一)4, 6): filed by the head
of a window with lunch service, checked against the organisation and the calendar, reviewed by the
management section, registered; a replacement supersedes; `serving_on` (and the list's hook
`lunch_service`) reads registered rosters only; each person is told the working day before their turn."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import select

from models.core.calendar import load_calendar
from models.core.cases import Case, WorkItem, WorkItemStatus
from models.core.db import session_scope
from models.core.documents import Document
from models.core.errors import PermissionDenied, ValidationFailed, PolicyViolation
from models.core.org import Role, Staff, StaffStatus
from models.lunch_roster.store import serving_on, working_days
from models.lunch_roster.tables import LunchRosterInput
from models.procedures import lunch_service
from support.leaves import addresses, messages, org_any  # noqa: F401
from support.lunch_roster import NOW, file, november, review, roster
from support.snapshot import snapshot
from tasks.core.delivery import deliver_due
from tasks.core.sweep import collect_and_queue
from tasks.lunch_roster import file_roster


def serving(day: date, ids=("S0201", "S0202", "S0203", "S0101")) -> set[str]:
    with session_scope() as session:
        return serving_on(session=session, staff_ids=set(ids), day=day)


def test_a_registered_roster_says_who_serves_that_day_and_only_then(org_any):
    ref = file(roster(d2026_11_02=["S0201", "S0203"]))
    assert serving(date(2026, 11, 2)) == set()  # under review: nothing yet
    assert review(ref) == "registered"
    assert serving(date(2026, 11, 2)) == {"S0201", "S0203"}
    assert serving(date(2026, 11, 3)) == {"S0202"}
    assert serving(date(2026, 11, 3), ids={"S0201"}) == set()
    assert serving(date(2026, 11, 7)) == set()  # a Saturday
    with session_scope() as session:  # the list's hook, as the attendance procedure asks it
        assert lunch_service(session=session, staff_ids={"S0202", "S0101"}, day=date(2026, 11, 4)) == {"S0202"}


def test_a_refused_roster_counts_for_nothing_and_the_head_is_told_why(org_any):
    ref = file()
    assert review(ref, approve=False, comment="11月第二周人手不足，请调整") == "refused"
    assert serving(date(2026, 11, 3)) == set()
    assert addresses(ref, "lunch_roster_decided") == {"13700000201", "xuming@example.gov.cn"}


def test_filing_tells_the_management_section_and_renders_the_roster_with_names(org_any):
    ref = file(roster(d2026_11_02=["S0201", "S0203"]))
    with session_scope() as session:
        item = session.exec(select(WorkItem).where(WorkItem.case_ref == ref)).one()
        document = session.exec(select(Document).where(Document.case_ref == ref)).one()
    assert (item.assignee_role, item.status, item.title) == (Role.management, WorkItemStatus.open,
                                                           "审核企业登记窗口2026年11月延时服务人员安排表")
    assert messages(ref, "workitem_opened")  # the section is told (SMS and e-mail)
    from models.core.settings import get_settings

    html = (get_settings().data_dir / document.path).read_text(encoding="utf-8")
    assert "延时服务人员安排表" in html and "徐明、马超" in html and "S0203" not in html
    assert "border: 1px solid #000" in html and html.count("<tr>") == 1 + len(november())


def test_a_replacement_supersedes_the_earlier_roster_once_registered(org_any):
    first = file()
    assert review(first) == "registered"
    second = file(roster(people=("S0203",)), now=NOW.replace(hour=11))
    assert serving(date(2026, 11, 3)) == {"S0202"}  # the replacement under review: the first still holds
    assert review(second) == "registered"
    assert serving(date(2026, 11, 3)) == {"S0203"}
    with session_scope() as session:
        assert session.get(Case, first).status == "superseded"


def test_an_earlier_roster_still_under_review_is_superseded_with_its_review_cancelled(org_any):
    first = file()
    second = file(roster(people=("S0203",)), now=NOW.replace(hour=11))
    assert review(second) == "registered"
    with session_scope() as session:
        assert session.get(Case, first).status == "superseded"
        assert session.exec(select(WorkItem.status).where(WorkItem.case_ref == first)).one() == WorkItemStatus.cancelled


@pytest.mark.parametrize("actor", ["S0202", "S0101", "G001"])  # W02's staff; another window's head; the section
def test_only_the_windows_head_files_and_a_refusal_writes_nothing(org_any, actor):
    before = snapshot()
    with pytest.raises(PermissionDenied, match="企业登记窗口的窗口负责人"):
        file_roster(request=roster(), actor=actor, now=NOW)
    assert snapshot() == before


def test_a_window_without_lunch_service_is_refused(org_any):
    request = LunchRosterInput(window_id="W01", month="2026-11", days={d: ["S0102"] for d in november()})
    with pytest.raises(PolicyViolation, match="社保综合窗口不提供中午延时服务"):
        file_roster(request=request, actor="S0101", now=NOW)


def test_every_problem_is_told_at_once_and_nothing_is_written(org_any):
    with session_scope() as session:
        session.add(Staff(id="X0201", name="小王", window_id="W02", role=Role.intern))
        session.get(Staff, "S0203").status = StaffStatus.seconded
    turns = roster().days
    del turns[date(2026, 11, 30)]
    turns.update({date(2026, 11, 2): ["X0201"], date(2026, 11, 3): ["S0203"], date(2026, 11, 8): ["S0202"],
                  date(2026, 11, 4): ["S0101"]})
    before = snapshot()
    with pytest.raises(ValidationFailed) as refused:
        file_roster(request=LunchRosterInput(window_id="W02", month="2026-11", days=turns), actor="S0201", now=NOW)
    assert snapshot() == before
    assert sorted(p.rule for p in refused.value.problems) == [
        "lunch_roster.day", "lunch_roster.intern_alone", "lunch_roster.staff", "lunch_roster.staff",
        "lunch_roster.uncovered"]
    text = str(refused.value)
    assert "2026-11-08（周日）不是工作日" in text and "11-30（周一）" in text and "马超（S0203）不在岗" in text
    assert "张伟（S0101）不是企业登记窗口的工作人员" in text and "只安排了实习生 小王（X0201）" in text


def test_the_calendars_makeup_saturday_must_be_covered(org_any):
    """October 2026: the National Day holiday off, Saturday the 10th worked (调休)."""
    with session_scope() as session:
        october = working_days(calendar=load_calendar(session=session), month=date(2026, 10, 1))
    assert date(2026, 10, 10) in october and date(2026, 10, 2) not in october
    days = {d: ["S0202"] for d in october if d != date(2026, 10, 10)}
    with pytest.raises(PolicyViolation, match=r"10-10（周六）"):
        file_roster(request=LunchRosterInput(window_id="W02", month="2026-10", days=days), actor="S0201",
                    now=datetime(2026, 9, 25, 9))
    days[date(2026, 10, 10)] = ["S0202"]
    ref, created = file_roster(request=LunchRosterInput(window_id="W02", month="2026-10", days=days),
                               actor="S0201", now=datetime(2026, 9, 25, 9))
    assert created and ref.startswith("YS-2026-")


def test_the_same_filing_run_again_finds_its_case(org_any):
    first = file_roster(request=roster(), actor="S0201", now=NOW)
    assert file_roster(request=roster(), actor="S0201", now=NOW.replace(minute=5)) == (first[0], False)


def sweep(at: datetime) -> dict:
    return collect_and_queue(as_of=at, dry_run=False)


def test_each_person_is_told_the_working_day_before_their_turn_once(org_any):
    ref = file(roster(d2026_11_09=["S0201", "S0203"]))
    review(ref)
    sweep(datetime(2026, 11, 5, 8, 30))  # Thursday: Friday's people (S0202), not Monday's
    assert addresses(ref, "lunch_roster_turn") == {"13700000202", "sunyue@example.gov.cn"}
    sweep(datetime(2026, 11, 6, 8, 30))  # Friday: Monday the 9th
    sweep(datetime(2026, 11, 6, 14, 0))  # again the same day: nothing more
    assert addresses(ref, "lunch_roster_turn") == {"13700000202", "sunyue@example.gov.cn", "13700000201",
                                                   "xuming@example.gov.cn", "13700000203", "machao@example.gov.cn"}
    assert len(messages(ref, "lunch_roster_turn")) == 6


def test_no_reminder_for_a_roster_not_registered(org_any):
    ref = file()
    sweep(datetime(2026, 11, 2, 8, 30))
    assert messages(ref, "lunch_roster_turn") == []


def test_the_reminder_reaches_the_person_by_e_mail_and_sms(org, channels):
    smtp_server, sms_sink = channels
    ref = file(roster(d2026_11_09=["S0201", "S0203"]))
    review(ref)
    seen = len(smtp_server.to("machao@example.gov.cn"))
    sweep(datetime(2026, 11, 6, 8, 30))
    deliver_due()
    mails = smtp_server.to("machao@example.gov.cn")[seen:]
    [mail] = [m for m in mails if "延时服务提醒" in m["Subject"]]
    body = smtp_server.text(mail)
    assert "马超您好" in body and "2026-11-09（周一）上午11:30—12:00由您值守延时服务" in body and "同日值守：徐明" in body
    assert any("2026-11-09" in str(sms) and "企业登记窗口" in str(sms) for sms in sms_sink.to("13700000203"))
