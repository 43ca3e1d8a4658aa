"""The annual assessment from a known ledger: windows, staff and heads ranked; eligibility lost with
its source case; a head in the last three two years running is to be replaced (岗位职责 7), using the
computed ranking for the ledger's year and the imported one for the year before."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlmodel import select

from models.rotation.tables import HeadRanking
from models.core.cases import Case
from models.core.db import session_scope
from models.core.errors import InvalidInput, PermissionDenied
from models.core.ledger import SubjectKind, deduct, withdraw_eligibility
from models.core.org_import import import_org
from tasks.annual_assessment import assess_year
from support.rotations import open_items
from support.snapshot import snapshot
from tasks.rotation.head_replacement import record_rankings

ROOT = Path(__file__).resolve().parents[2]
AFTER_THE_YEAR = datetime(2027, 1, 5, 9, 0)
KNOWN = {(SubjectKind.window, "W01"): 2.0, (SubjectKind.window, "W02"): 0.5, (SubjectKind.window, "W04"): 1.0,
         (SubjectKind.staff, "S0103"): 1.5, (SubjectKind.staff, "S0201"): 0.5, (SubjectKind.staff, "S0301"): 3.0}


@pytest.fixture
def ledger(org):
    """Head points (own + window): W01 2.0, W02 1.0, W03 3.0, W04 1.0."""
    with session_scope() as session:
        for n, ((kind, subject), points) in enumerate(KNOWN.items()):
            deduct(session=session, subject_kind=kind, subject_id=subject, kind="patrol.other", points=points,
                   reason="测试", case_ref=f"XC-2026-{n:06d}", on=date(2026, 6, 1))
        withdraw_eligibility(session=session, subject_kind=SubjectKind.staff, subject_id="S0301", year=2026,
                             reason="在禁烟区域内吸烟", case_ref="XC-2026-000005", on=date(2026, 6, 1))


def assess(as_of: datetime = AFTER_THE_YEAR, actor: str = "G001") -> dict:
    return assess_year(year=2026, actor=actor, as_of=as_of)


def test_windows_are_ranked_by_the_points_deducted_from_them(ledger):
    assert [(w["id"], w["rank"], w["points"]) for w in assess()["windows"]] == [
        ("W03", 1, 0.0), ("W02", 2, 0.5), ("W04", 3, 1.0), ("W01", 4, 2.0)]


def test_staff_are_ranked_with_those_without_deductions_sharing_the_first_place(ledger):
    staff = assess()["staff"]
    assert (len(staff), staff[0]["rank"]) == (16, 1)
    assert [(s["id"], s["rank"]) for s in staff[-3:]] == [("S0201", 14), ("S0103", 15), ("S0301", 16)]


def test_heads_are_ranked_on_their_own_and_their_windows_points(ledger):
    assert [(h["window_id"], h["head_id"], h["rank"], h["total"]) for h in assess()["heads"]] == [
        ("W02", "S0201", 1, 4), ("W04", "S0401", 1, 4), ("W01", "S0101", 3, 4), ("W03", "S0301", 4, 4)]


def test_lost_eligibility_is_listed_with_its_reason_and_source_case(ledger):
    [lost] = assess()["lost"]
    assert (lost["award"], lost["name"], lost["reason"], lost["case_ref"]) == (
        "服务明星", "朱丽（S0301）", "在禁烟区域内吸烟", "XC-2026-000005")
    assert not next(s for s in assess()["staff"] if s["id"] == "S0301")["eligible"]


def test_the_ranking_sums_the_ledger_alike_on_sqlite_and_postgresql(any_db):
    with session_scope() as session:
        import_org(session=session, path=ROOT / "examples" / "org.yaml")
        for n in range(3):
            deduct(session=session, subject_kind=SubjectKind.window, subject_id="W02", kind="patrol.other",
                   points=0.5, reason="测试", case_ref=f"XC-2026-{n:06d}", on=date(2026, 6, 1))
    assert [(w["id"], w["points"]) for w in assess()["windows"]][-1] == ("W02", 1.5)


def test_a_head_in_the_last_three_two_years_running_is_to_be_replaced(ledger, tmp_path):
    imported = tmp_path / "2025.yaml"
    imported.write_text("rankings:\n" + "".join(f"  - {{year: 2025, window: {w}, rank: {r}}}\n"
                                                for w, r in (("W01", 1), ("W02", 2), ("W04", 3), ("W03", 4))))
    record_rankings(path=imported, actor="G001", now=datetime(2026, 1, 10, 9))
    [replacement] = assess()["replacements"]
    with session_scope() as session:
        case = session.get(Case, replacement.split("（")[0])
    [item] = open_items(case.ref, "head")
    assert (case.kind, case.window_id, case.subject_staff_id) == ("head_replacement", "W03", "S0301")
    assert (item.assignee_role, item.assignee_department_id) == ("department", "gaj")
    assert replacement.endswith("（户政出入境窗口窗口负责人调整（2026年度考核））")


def test_a_head_in_the_last_three_only_in_the_computed_year_stays(ledger, tmp_path):
    imported = tmp_path / "2025.yaml"
    imported.write_text("rankings:\n" + "".join(f"  - {{year: 2025, window: {w}, rank: {r}}}\n"
                                                for w, r in (("W03", 1), ("W01", 2), ("W02", 3), ("W04", 4))))
    record_rankings(path=imported, actor="G001", now=datetime(2026, 1, 10, 9))
    # 2025: the last three are W01, W02, W04; 2026 (computed): W01 3rd and W03 4th of 4, W02/W04 share 1st.
    assert [r.split("（")[1] for r in assess()["replacements"]] == ["社保综合窗口窗口负责人调整"]


def test_the_computed_ranking_is_recorded_for_the_window_head_rule(ledger):
    assess()
    with session_scope() as session:
        rows = session.exec(select(HeadRanking).where(HeadRanking.year == 2026)).all()
    assert {(r.window_id, r.rank, r.source) for r in rows} == {
        ("W02", 1, "扣分台账"), ("W04", 1, "扣分台账"), ("W01", 3, "扣分台账"), ("W03", 4, "扣分台账")}


def test_a_year_still_running_is_reported_but_neither_recorded_nor_acted_on(ledger):
    report = assess(as_of=datetime(2026, 11, 27, 9))
    with session_scope() as session:
        assert session.exec(select(HeadRanking)).all() == []
    assert (report["final"], report["replacements"]) == (False, [])


def test_the_html_report_is_written_under_the_data_folder(ledger):
    path = Path(assess()["path"])
    assert path.name == "annual-assessment-2026.html" and "XC-2026-000005" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("actor", ["S0101", "I001"])
def test_only_the_management_section_runs_the_assessment_and_a_refusal_writes_nothing(ledger, actor):
    from tasks.annual_assessment import report_path

    before = snapshot()
    with pytest.raises(PermissionDenied):
        assess(actor=actor)
    assert snapshot() == before and not report_path(2026).exists()


def test_a_year_without_ledger_entries_is_refused(org):
    with pytest.raises(InvalidInput, match="center assessment import"):
        assess()
