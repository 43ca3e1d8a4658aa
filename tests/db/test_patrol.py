"""Patrols recorded by the management section, their deductions in the ledger, the sweep's flag on a
working day with fewer than two patrols, and the month-end summary per window (窗口巡查制度)."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlmodel import func, select

from models.core.calendar import load_calendar
from models.core.cases import Case
from models.core.db import session_scope
from models.core.errors import PermissionDenied, PolicyViolation, ValidationFailed
from models.core.ledger import LedgerEntry, SubjectKind, is_eligible, total_points
from models.core.outbox import OutboxMessage
from models.patrol.inputs import PatrolInput
from models.patrol.tables import Patrol
from models.patrol.deadlines import patrol_shortfall
from models.core.settings import get_settings
from support.snapshot import snapshot
from tasks.core.delivery import deliver_due
from tasks.patrol import patrol_months_due, record_patrol, summarise_month
from tasks.core.sweep import collect_and_queue

AT = datetime(2026, 10, 12, 9, 40)


def patrol(at=AT, windows=("W01", "W02", "W03", "W04"), findings=(), kind="walkthrough", **extra) -> PatrolInput:
    return PatrolInput(at=at, kind=kind, windows=list(windows), findings=list(findings), **extra)


def dress(staff="S0103", window="W01", deduct=True, text="未佩戴胸牌") -> dict:
    return {"window_id": window, "staff_id": staff, "item": "dress", "description": text, "deduct": deduct}


def record(p: PatrolInput, actor="G001") -> str:
    return record_patrol(patrol=p, actor=actor, now=p.at + timedelta(hours=1))[0]


def count(model) -> int:
    with session_scope() as session:
        return session.exec(select(func.count()).select_from(model)).one()


def test_a_deducted_finding_enters_the_ledger_for_the_person_and_the_window_with_the_patrol_as_source(org):
    ref = record(patrol(findings=[dress()]))
    with session_scope() as session:
        entries = {(e.subject_id, e.points, e.case_ref) for e in session.exec(select(LedgerEntry)).all()}
    assert entries == {("S0103", 0.5, ref), ("W01", 0.5, ref)}


def test_the_person_concerned_and_the_window_head_are_told_of_the_deduction(org):
    ref = record(patrol(findings=[dress()]))
    with session_scope() as session:
        addresses = set(session.exec(select(OutboxMessage.address).where(OutboxMessage.case_ref == ref)).all())
    assert addresses == {"13700000103", "lina@example.gov.cn", "13700000101", "zhangwei@example.gov.cn"}


def test_a_finding_noted_without_deduction_leaves_the_ledger_untouched(org):
    record(patrol(findings=[dress(deduct=False)]))
    assert count(LedgerEntry) == 0


def test_smoking_deducts_and_withdraws_the_smokers_eligibility_for_the_year(org):
    record(patrol(findings=[{"window_id": "W02", "staff_id": "S0203", "item": "smoking", "description": "在楼梯间吸烟"}]))
    with session_scope() as session:
        assert total_points(session=session, subject_kind=SubjectKind.staff, subject_id="S0203", year=2026) == 2.0
        assert not is_eligible(session=session, subject_kind=SubjectKind.staff, subject_id="S0203", year=2026)


@pytest.mark.parametrize("actor", ["S0101", "I001"])  # a window head; the IT section
def test_only_the_management_section_records_patrols_and_nothing_is_written_otherwise(org, actor):
    before = snapshot()
    with pytest.raises(PermissionDenied, match="只有窗口管理科"):
        record(patrol(findings=[dress()]), actor=actor)
    assert snapshot() == before


def pause(staff: str, window="W01") -> dict:
    return {"window_id": window, "staff_id": staff, "item": "rating_device", "deduct": True,
            "description": "评价器显示暂停服务，本人在岗聊天"}


def test_pause_on_the_rating_device_of_someone_at_work_is_deducted(org):
    ref = record(patrol(findings=[pause("S0102")]))
    with session_scope() as session:
        rows = session.exec(select(LedgerEntry.kind, LedgerEntry.points, LedgerEntry.case_ref)
                            .where(LedgerEntry.subject_id == "S0102")).all()
    assert rows == [("patrol.rating_device", 1.0, ref)]


def test_pause_on_the_rating_device_of_someone_on_leave_is_refused_and_nothing_written(org):
    from support.leaves import apply

    leave = apply("S0103", kind="meeting", start=date(2026, 10, 12), reason="参加局业务会议",
                  now=datetime(2026, 10, 9, 10, 0))
    before = snapshot()
    with pytest.raises(PolicyViolation, match=f"S0103 此时请假 {leave}") as refused:
        record(patrol(findings=[pause("S0103")]))
    assert refused.value.rule == "patrol.rating_device_away" and snapshot() == before


def test_a_patrol_records_the_items_it_checked(org):
    ref = record(patrol(windows=["W03"], items=["dress", "rating_device"]))
    with session_scope() as session:
        assert session.get(Patrol, ref).items == ["dress", "rating_device"]


def test_a_bad_record_lists_every_problem_and_writes_nothing(org):
    with pytest.raises(ValidationFailed) as failed:
        record(patrol(windows=["W01", "W09"], findings=[dress(staff="S0201")]))
    assert len(failed.value.problems) == 2 and count(Case) == 0


def test_recording_the_same_patrol_twice_keeps_one_record_and_one_deduction(org):
    first, second = record(patrol(findings=[dress()])), record(patrol(findings=[dress()]))
    assert first == second and (count(Case), count(LedgerEntry)) == (1, 2)


def sweep_flags(as_of: datetime) -> list[str]:
    with session_scope() as session:
        return [n.key for n in patrol_shortfall(session, as_of, load_calendar(session=session), get_settings().policy)]


def test_the_sweep_flags_a_working_day_with_one_patrol_but_not_one_with_two(org):
    record(patrol(at=datetime(2026, 10, 12, 9, 40)))
    record(patrol(at=datetime(2026, 10, 12, 15, 5), kind="camera"))
    record(patrol(at=datetime(2026, 10, 13, 10, 0)))
    assert sweep_flags(datetime(2026, 10, 14, 8, 30)) == ["patrol:2026-10-13:short"]


def test_the_sweep_tells_the_management_section_once_however_often_it_runs(org):
    record(patrol(at=datetime(2026, 10, 13, 10, 0)))
    collect_and_queue(as_of=datetime(2026, 10, 14, 8, 30), dry_run=False)
    report = collect_and_queue(as_of=datetime(2026, 10, 14, 16, 0), dry_run=False)
    with session_scope() as session:
        keys = session.exec(select(OutboxMessage.key).where(OutboxMessage.key.startswith("patrol:"))).all()
    assert keys == ["patrol:2026-10-13:short:role:management:role"] and report["overdue"][0][:2] == ["—", "patrol"]


def generate_month(findings_on: dict[date, list[dict]], single_patrol_on: date) -> None:
    """October 2026: two patrols every working day (a walk-through, a camera check), one on one day."""
    with session_scope() as session:
        calendar = load_calendar(session=session)
    day = date(2026, 10, 1)
    while day.month == 10:
        if calendar.is_working_day(day):
            record(patrol(at=datetime.combine(day, datetime.min.time()) + timedelta(hours=9, minutes=40),
                          findings=findings_on.get(day, ())))
            if day != single_patrol_on:
                record(patrol(at=datetime.combine(day, datetime.min.time()) + timedelta(hours=15), kind="camera",
                              windows=["W01", "W02"]))
        day += timedelta(days=1)


@pytest.fixture
def october(org):
    generate_month({date(2026, 10, 9): [dress()],
                    date(2026, 10, 20): [dress(staff=None, text="柜台堆放杂物") | {"item": "environment"},
                                         dress(window="W02", staff="S0202", deduct=False, text="服务用语不规范")
                                         | {"item": "conduct"}]},
                   single_patrol_on=date(2026, 10, 22))


def test_a_month_of_patrols_is_summarised_per_window(october):
    result = summarise_month(month="2026-10", actor="system", as_of=datetime(2026, 10, 30, 17, 30))
    assert (result["patrols"], result["findings"], result["short_days"], sorted(result["notified"])) == (
        35, 3, ["2026-10-22"], ["W01", "W02"])
    assert "| 社保综合窗口 | 35 | 2 | 1.5 |" in result["markdown"] and "| 户政出入境窗口 | 18 | 0 | 0 | — |" in result["markdown"]


def test_each_window_head_receives_only_the_windows_own_findings(october, channels):
    smtp, _ = channels
    summarise_month(month="2026-10", actor="system", as_of=datetime(2026, 10, 30, 17, 30))
    deliver_due()
    [w01] = [m for m in smtp.to("zhangwei@example.gov.cn") if "月度巡查情况" in m["Subject"]]
    [w02] = [m for m in smtp.to("xuming@example.gov.cn") if "月度巡查情况" in m["Subject"]]
    assert "柜台堆放杂物" in smtp.text(w01) and "服务用语不规范" not in smtp.text(w01)
    assert "服务用语不规范" in smtp.text(w02) and not [m for m in smtp.to("zhuli@example.gov.cn")
                                                   if "月度巡查情况" in m["Subject"]]


def test_a_summarised_month_is_no_longer_due_and_not_fed_back_twice(october):
    assert patrol_months_due(as_of=datetime(2026, 10, 30, 17, 30)) == ["2026-10"]
    summarise_month(month="2026-10", actor="system", as_of=datetime(2026, 10, 30, 17, 30))
    again = summarise_month(month="2026-10", actor="system", as_of=datetime(2026, 10, 31, 17, 30))
    assert patrol_months_due(as_of=datetime(2026, 11, 2, 17, 30)) == [] and again["notified"] == []


def test_a_summary_asked_before_the_month_ends_feeds_nothing_back_and_leaves_the_month_due(org):
    record(patrol(findings=[dress()]))
    early = summarise_month(month="2026-10", actor="G001", as_of=datetime(2026, 10, 20, 9, 0))
    assert (early["final"], early["notified"]) == (False, []) and "月份未结束" in early["markdown"]
    assert patrol_months_due(as_of=datetime(2026, 10, 30, 17, 30)) == ["2026-10"]


def test_a_patrol_and_its_deductions_are_recorded_alike_on_sqlite_and_postgresql(any_db):
    from models.core.org_import import import_org
    from support.cli import ROOT

    with session_scope() as session:
        import_org(session=session, path=ROOT / "examples" / "org.yaml")
    ref = record(patrol(windows=["W01"], items=["dress", "smoking"], findings=[dress()]))
    with session_scope() as session:
        points = total_points(session=session, subject_kind=SubjectKind.window, subject_id="W01", year=2026)
        assert (session.get(Patrol, ref).items, points) == (["dress", "smoking"], 0.5)
