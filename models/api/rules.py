"""Rules for what the source systems post (pure): a resubmission must be the same as the first;
a good rating (3–5 stars) names a known window and person; the ratings' monthly counts.

投诉处置规定 一.1 (only 1- and 2-star ratings are complaints), 三(一)2 (月度、年度“好差评”统计汇总).
"""
from __future__ import annotations

from datetime import datetime

from models.core.errors import CenterError, InvalidInput
from models.complaint.rules import ComplaintChannel

# What makes a submission the same one: the complaint's fields as the intake names them.
COMPARED = {
    ComplaintChannel.hotline: ("received_at", "external_due_at", "window_id", "staff_id", "category", "content",
                               "complainant_name", "complainant_contact"),
    ComplaintChannel.rating: ("received_at", "stars", "window_id", "staff_id", "content", "complainant_contact"),
}


def differing_fields(stored: dict, posted: dict, fields: tuple[str, ...]) -> list[str]:
    """The fields whose posted value differs from the stored one ("" and None are the same)."""
    return [f for f in fields if (stored.get(f) or None) != (posted.get(f) or None)]


def good_rating_problems(*, rated_at: datetime, window_known: bool, window_id: str, staff_id: str | None,
                         staff_known: bool, staff_window_id: str | None, now: datetime) -> list[CenterError]:
    """A 3–5 star rating is only counted (一.1), but it must be about a known window and person."""
    problems: list[CenterError] = []
    if rated_at > now:
        problems.append(InvalidInput(field="rated_at", message=f"评价时间 {rated_at:%Y-%m-%d %H:%M} 晚于现在"))
    if not window_known:
        problems.append(InvalidInput(field="window_id", message=f"找不到窗口 {window_id}"))
    if staff_id and not staff_known:
        problems.append(InvalidInput(field="staff_id", message=f"找不到工作人员 {staff_id}"))
    elif staff_id and window_known and staff_window_id != window_id:
        problems.append(InvalidInput(field="staff_id", message=f"工作人员 {staff_id} 不在窗口 {window_id}"))
    return problems


def satisfaction(by_stars: dict[int, int]) -> tuple[int, int, float | None]:
    """(ratings, bad ratings, share of 3–5 stars): 一.1 — 1星、2星 are 差评, the rest are not."""
    total = sum(by_stars.values())
    bad = sum(n for stars, n in by_stars.items() if stars <= 2)
    return total, bad, round((total - bad) / total, 4) if total else None


def ratings_markdown(by_stars: dict[int, int]) -> str:
    """The month's ratings received from the 好差评 system, for the statistics report."""
    total, bad, share = satisfaction(by_stars)
    rate = "—" if share is None else f"{share:.1%}"
    lines = [f"好差评系统报送评价 {total} 条，其中差评（1–2星）{bad} 条，满意率（3–5星）{rate}。", "",
             "| 星级 | 条数 |", "|---|---|"]
    lines += [f"| {stars}星 | {by_stars.get(stars, 0)} |" for stars in range(5, 0, -1)]
    return "\n".join(lines)
