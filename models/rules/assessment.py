"""The window-head rule of the annual assessment. Pure.

派驻部门窗口负责人岗位职责 7: 年度考核连续两年最后三名的，需重新调整派驻部门窗口负责人.
"""
from __future__ import annotations

from dataclasses import dataclass

from models.core.errors import CenterError, InvalidInput


@dataclass(frozen=True)
class Ranking:
    year: int
    window_id: str
    head_id: str
    rank: int  # 1 is the best
    total: int  # heads ranked that year


def in_bottom(ranking: Ranking, bottom: int) -> bool:
    return ranking.rank > ranking.total - bottom


def heads_to_replace(rankings: list[Ranking], year: int, *, bottom: int, years: int) -> list[Ranking]:
    """The heads ranked in the last `bottom` places in `year` and each of the `years - 1` before."""
    by_head = {(r.head_id, r.year): r for r in rankings}

    def low(head_id: str, in_year: int) -> bool:
        ranking = by_head.get((head_id, in_year))
        return ranking is not None and in_bottom(ranking, bottom)

    return [r for r in rankings if r.year == year
            and all(low(r.head_id, year - k) for k in range(years))]


def ranking_errors(rows: list[tuple[str, int, str, int]]) -> list[CenterError]:
    """rows: (where, year, window_id, rank). Within a year each window once, ranks 1..N."""
    problems: list[CenterError] = []
    years: dict[int, list[tuple[str, str, int]]] = {}
    for where, year, window_id, rank in rows:
        years.setdefault(year, []).append((where, window_id, rank))
    for year, entries in sorted(years.items()):
        seen: set[str] = set()
        for where, window_id, _ in entries:
            if window_id in seen:
                problems.append(InvalidInput(field=f"{where}.window", message=f"{year} 年窗口 {window_id} 重复排名"))
            seen.add(window_id)
        ranks = sorted(rank for _, _, rank in entries)
        if ranks != list(range(1, len(entries) + 1)):
            problems.append(InvalidInput(field="rank", message=f"{year} 年名次应为 1 至 {len(entries)} 各一次，实为 {ranks}"))
    return problems
