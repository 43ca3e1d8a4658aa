"""The ranking of the annual assessment (年度考核): fewer points deducted ranks higher; ties."""
from __future__ import annotations

from datetime import datetime

from models.annual_assessment.rules import Ranked, is_final, rank, year_errors
from models.rules.assessment import Ranking, in_bottom


def test_fewer_points_rank_higher_and_ties_share_the_better_place():
    assert rank({"W1": 3.0, "W2": 0.0, "W3": 1.5, "W4": 1.5}) == [
        Ranked("W2", 0.0, 1, 4), Ranked("W3", 1.5, 2, 4), Ranked("W4", 1.5, 2, 4), Ranked("W1", 3.0, 4, 4)]


def test_a_tie_across_the_edge_of_the_last_three_keeps_both_out_of_them():
    ranked = {r.subject_id: r for r in rank({"A": 0, "B": 1, "C": 1, "D": 2, "E": 3})}
    bottom = [s for s, r in ranked.items() if in_bottom(Ranking(2026, s, s, r.rank, r.total), 3)]
    assert bottom == ["D", "E"]


def test_a_year_is_final_only_once_it_is_over():
    assert (is_final(2026, datetime(2026, 12, 31, 18)), is_final(2026, datetime(2027, 1, 4, 9))) == (False, True)


def test_a_year_without_ledger_entries_points_to_the_import():
    [error] = year_errors(year=2025, as_of=datetime(2026, 3, 1), entries=0)
    assert "center assessment import" in str(error)


def test_a_future_year_is_refused():
    assert "尚未开始" in str(year_errors(year=2027, as_of=datetime(2026, 3, 1), entries=3)[0])
