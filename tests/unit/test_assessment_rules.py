"""派驻部门窗口负责人岗位职责 7: a head ranked in the last three places two years running is replaced."""
from __future__ import annotations

from models.rules.assessment import Ranking, heads_to_replace, ranking_errors


def year(y: int, order: list[str]) -> list[Ranking]:
    """order: the heads from best to worst, each heading the window W+head."""
    return [Ranking(y, f"W-{h}", h, i + 1, len(order)) for i, h in enumerate(order)]


def replaced(rankings: list[Ranking], in_year: int) -> list[str]:
    return [r.head_id for r in heads_to_replace(rankings, in_year, bottom=3, years=2)]


def test_head_in_the_bottom_three_two_years_running_is_to_be_replaced():
    rankings = year(2024, ["a", "b", "c", "d", "e", "f"]) + year(2025, ["b", "a", "c", "e", "f", "d"])
    assert sorted(replaced(rankings, 2025)) == ["d", "e", "f"]


def test_head_in_the_bottom_three_only_this_year_stays():
    rankings = year(2024, ["a", "b", "c", "d", "e", "f"]) + year(2025, ["d", "e", "f", "a", "b", "c"])
    assert replaced(rankings, 2025) == []


def test_head_without_last_years_ranking_stays():
    assert replaced(year(2025, ["a", "b", "c", "d"]), 2025) == []


def test_fourth_from_last_is_not_in_the_bottom_three():
    order = ["a", "b", "c", "d", "e", "f", "g"]
    assert sorted(replaced(year(2024, order) + year(2025, order), 2025)) == ["e", "f", "g"]


def test_a_window_ranked_twice_in_a_year_is_an_error():
    problems = ranking_errors([("rankings[0]", 2025, "W01", 1), ("rankings[1]", 2025, "W01", 2)])
    assert [str(p) for p in problems] == ["rankings[1].window: 2025 年窗口 W01 重复排名"]


def test_ranks_must_run_from_one_without_gaps():
    problems = ranking_errors([("rankings[0]", 2025, "W01", 1), ("rankings[1]", 2025, "W02", 3)])
    assert [str(p) for p in problems] == ["rank: 2025 年名次应为 1 至 2 各一次，实为 [1, 3]"]
