"""Service cases at the window (首问负责, 一次性告知, 限时办结): the pure checks.

首问负责制度 一: the first staff member asked owns the case; 二.3: a matter of another window is
referred, never dropped. 一次性告知制度 2, 4 and 限时办结制度 4: missing materials are all listed at
once in writing; a later notice may not ask for anything the first did not list. 限时办结制度 5: an
extension needs a reason, the applicant told and their consent.
"""
from __future__ import annotations

from dataclasses import astuple, dataclass
from enum import StrEnum

from models.core.errors import CenterError, InvalidInput, PolicyViolation
from models.service_case.machine import COMPLETED, REFERRED

class Channel(StrEnum):
    window = "window"
    phone = "phone"
    online = "online"


CHANNEL_LABELS = {Channel.window: "窗口", Channel.phone: "电话", Channel.online: "网络"}


def material_problems(guide: list[str], expected: list[str], have: list[str],
                      missing: list[str]) -> list[CenterError]:
    """The materials check of one visit. `guide`: every material of the matter's guide; `expected`:
    what this visit must check (the whole guide on the first visit, the items of the notice on a
    return visit, 一次性告知制度 2). Every expected item ticked or missing, nothing else, no item twice.
    Asking for an item the first notice did not list is refused (一次性告知制度 2, 5)."""
    problems: list[CenterError] = []
    unknown = [m for m in [*have, *missing] if m not in guide]
    if unknown:
        problems.append(InvalidInput(field="材料", message=f"办事指南中没有：{'、'.join(unknown)}"))
    both = [m for m in have if m in missing]
    if both:
        problems.append(InvalidInput(field="材料", message=f"不能既已提交又缺少：{'、'.join(both)}"))
    new = [m for m in missing if m in guide and m not in expected]
    if new:
        problems.append(PolicyViolation(rule="一次性告知制度 2", field="--missing",
                                        message=f"一次性告知书未列明的材料不得再次要求补正：{'、'.join(new)}"))
    extra = [m for m in have if m in guide and m not in expected]
    if extra:
        problems.append(InvalidInput(field="--have", message=f"已核验过，无需再次核验：{'、'.join(extra)}"))
    unchecked = [m for m in expected if m not in have and m not in missing]
    if unchecked:
        problems.append(InvalidInput(field="材料", message=f"每项材料须核验（已提交或缺少），未核验：{'、'.join(unchecked)}"))
    return problems


def extension_problems(reason: str, days: int, consent: bool) -> list[CenterError]:
    """限时办结制度 5: no extension without a proper reason, a definite time and the applicant's consent."""
    problems: list[CenterError] = []
    if not reason.strip():
        problems.append(InvalidInput(field="--reason", message="延期办结须写明理由（限时办结制度 5）"))
    if days < 1:
        problems.append(InvalidInput(field="--days", message="延期天数须为正整数（工作日）"))
    if not consent:
        problems.append(PolicyViolation(rule="限时办结制度 5", field="--consent", message="延期办结须告知申请人并取得其同意"))
    return problems


def window_problem(actor_window: str | None, active: bool, case_window: str | None) -> str:
    """Only the staff of the window concerned act on its cases; '' when allowed."""
    if not active:
        return "该人员不在岗"
    if actor_window is None:
        return "只有窗口工作人员可以办理窗口办件"
    if case_window is not None and actor_window != case_window:
        return "只能办理本窗口的办件"
    return ""


@dataclass(frozen=True)
class CaseCounts:
    """限时办结制度 1, 3: the counts a month's figures are made of (counted by SQL GROUP BY in
    models.service_case.store.month_counts, or from case dicts by `count_cases`)."""
    total: int = 0
    completed: int = 0
    at_once: int = 0  # completed at once (即办件)
    promised: int = 0  # completed, with a promised due time (承诺件)
    on_time: int = 0  # of the promised, completed by the due time
    referrals: int = 0

    def __add__(self, other: "CaseCounts") -> "CaseCounts":
        return CaseCounts(*(a + b for a, b in zip(astuple(self), astuple(other))))


def count_cases(cases: list[dict]) -> CaseCounts:
    """The counts of case dicts (window, matter, status, at_once, due_at, completed_at)."""
    completed = [c for c in cases if c["status"] == COMPLETED]
    promised = [c for c in completed if c["due_at"] is not None]
    return CaseCounts(total=len(cases), completed=len(completed), at_once=sum(1 for c in completed if c["at_once"]),
                      promised=len(promised), on_time=sum(1 for c in promised if c["completed_at"] <= c["due_at"]),
                      referrals=sum(1 for c in cases if c["status"] == REFERRED))


def counts_summary(counts: CaseCounts, notices: int, by_window_matter: list[tuple[str, str, int]]) -> dict:
    """限时办结制度 1, 3; 首问负责制度 二.3: the month's figures from its counts — the share completed at
    once, the on-time rate of promised cases (None when there is nothing to divide), the referrals, the
    notices issued and the cases by window and matter (sorted)."""
    return {"by_window_matter": sorted(by_window_matter), "total": counts.total, "completed": counts.completed,
            "at_once_share": counts.at_once / counts.completed if counts.completed else None,
            "on_time_rate": counts.on_time / counts.promised if counts.promised else None,
            "referrals": counts.referrals, "notices": notices}


def month_summary(cases: list[dict], notices: int) -> dict:
    """限时办结制度 1, 3; 首问负责制度 二.3: the month's cases by window and matter, the share completed at
    once, the on-time rate of promised cases, the referrals and the notices issued. Each case is a dict
    with window, matter, status, at_once (bool), due_at, completed_at."""
    by_key: dict[tuple[str, str], int] = {}
    for c in cases:
        by_key[(c["window"], c["matter"])] = by_key.get((c["window"], c["matter"]), 0) + 1
    return counts_summary(count_cases(cases), notices, [(w, m, n) for (w, m), n in by_key.items()])


def referral_contact(window_phone: str) -> str:
    """首问负责制度 二.3: 主动告知其应办理的窗口或联系的部门（单位）及联系方式 — the window's public line,
    or the center's front desk where it has none; never a person's mobile (the department leader's)."""
    return window_phone or "中心服务台"
