"""`center assessment import`: each year's ranking of the window heads; a head in the bottom three
two years running is replaced by the department (派驻部门窗口负责人岗位职责 7)."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import yaml

from models.rotation.tables import HeadRanking
from models.core.cases import Case
from models.core.db import session_scope
from models.core.errors import PermissionDenied, ValidationFailed
from models.core.org import Window
from support.rotations import advance, count, decide, open_items
from tasks.rotation.head_replacement import record_rankings

NOW = datetime(2026, 1, 20, 10, 0)
# Four windows, so the bottom three are ranks 2–4: the heads of W03 and W04 are there both years.
RANKINGS = [{"year": 2024, "window": w, "rank": r} for w, r in (("W01", 1), ("W02", 2), ("W03", 3), ("W04", 4))] + \
           [{"year": 2025, "window": w, "rank": r} for w, r in (("W02", 1), ("W01", 2), ("W04", 3), ("W03", 4))]


def ranking_file(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "rankings.yaml"
    path.write_text(yaml.safe_dump({"rankings": rows}, allow_unicode=True), encoding="utf-8")
    return path


def test_import_records_each_years_ranking(org, tmp_path):
    result = record_rankings(path=ranking_file(tmp_path, RANKINGS), actor="G001", now=NOW)
    assert result["years"] == [2024, 2025] and count(HeadRanking) == 8


def test_heads_in_the_bottom_three_two_years_running_go_to_their_departments(org, tmp_path):
    result = record_rankings(path=ranking_file(tmp_path, RANKINGS), actor="G001", now=NOW)
    with session_scope() as session:
        cases = [session.get(Case, ref) for ref in result["cases"]]
    assert sorted(c.window_id for c in cases) == ["W03", "W04"]
    [item] = open_items(next(c.ref for c in cases if c.window_id == "W04"), "head")
    assert (item.assignee_role, item.assignee_department_id) == ("department", "mzj")


def test_importing_the_same_file_again_opens_nothing_more(org, tmp_path):
    path = ranking_file(tmp_path, RANKINGS)
    record_rankings(path=path, actor="G001", now=NOW)
    assert record_rankings(path=path, actor="G001", now=NOW)["cases"] == []
    assert count(Case) == 2 and count(HeadRanking) == 8


def test_the_department_names_the_new_head_and_the_case_closes(org, tmp_path):
    result = record_rankings(path=ranking_file(tmp_path, RANKINGS), actor="G001", now=NOW)
    ref = next(r for r in result["cases"] if "户政" in _title(r))
    decide(ref, "head", "D-gaj", new_head="S0302")
    assert advance(ref, "D-gaj") == "closed"
    with session_scope() as session:
        assert session.get(Window, "W03").head_id == "S0302"


def _title(ref: str) -> str:
    with session_scope() as session:
        return session.get(Case, ref).title


def test_a_bad_file_is_refused_whole_and_nothing_is_recorded(org, tmp_path):
    rows = [{"year": 2025, "window": "W09", "rank": 1}, {"year": 2025, "window": "W01", "rank": 3},
            {"year": 2025, "window": "W02"}]
    with pytest.raises(ValidationFailed) as refused:
        record_rankings(path=ranking_file(tmp_path, rows), actor="G001", now=NOW)
    assert {p.field for p in refused.value.problems} == {"rankings[2].rank", "rankings[0].window"}
    assert count(HeadRanking) == 0


def test_unknown_windows_and_gaps_in_the_ranks_are_all_reported(org, tmp_path):
    rows = [{"year": 2025, "window": "W09", "rank": 1}, {"year": 2025, "window": "W01", "rank": 3}]
    with pytest.raises(ValidationFailed) as refused:
        record_rankings(path=ranking_file(tmp_path, rows), actor="G001", now=NOW)
    assert {p.field for p in refused.value.problems} == {"rank", "rankings[0].window"}


def test_only_the_management_section_imports_the_assessment(org, tmp_path):
    with pytest.raises(PermissionDenied):
        record_rankings(path=ranking_file(tmp_path, RANKINGS), actor="S0101", now=NOW)
    assert count(HeadRanking) == 0
