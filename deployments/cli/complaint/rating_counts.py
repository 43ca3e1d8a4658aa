"""The 好差评 ratings received from the rating system, by stars, for `center complaints stats`
(投诉处置规定 三(一)2: 月度、年度“好差评”评价的统计汇总 — every rating, not only the complaints)."""
from __future__ import annotations

from rich.table import Table

from deployments.cli.core.console import console
from models.api.store import rating_counts
from models.core.db import session_scope
from models.api.rules import satisfaction
from models.complaint.stats import period_bounds


def print_rating_counts(month: str | None, year: int | None) -> None:
    _, start, end = period_bounds(month, year)
    with session_scope() as session:
        counts = rating_counts(session=session, start=start, end=end)
    if not counts:
        return
    total, bad, share = satisfaction(counts)
    console.print(f"好差评系统报送评价 {total} 条（差评 {bad} 条，满意率 {share:.1%}）", markup=False)
    table = Table("星级", "条数")
    for stars in range(5, 0, -1):
        table.add_row(f"{stars}星", str(counts.get(stars, 0)))
    console.print(table)
