"""Window patrols (窗口巡查): what a patrol checks, which findings are acceptable, what a finding
deducts. Pure: the roster and the moment are parameters.

窗口巡查制度 一: 窗口管理科负责…日常监督检查; 二: 不定时巡查（每天两次巡查）与随机抽查（不定时通过
监控系统）相结合; 三: 着装、服务规范、服务礼仪、服务环境、电子评价器显示情况; 五: 巡查结果作为窗口及
工作人员年度考核和评优的重要依据; 四: 每月月末梳理汇总本月巡查情况 (the summary below). 窗口禁烟制度 二.2: 吸烟的予以扣分，并取消其参加评优的资格.
卫生保洁制度 3–9: the tidiness of the window (服务环境). 窗口工作人员服务规范 五.8: 因故暂时离开岗位，
应在电子评价器显示“暂停服务”状态 — so 暂停服务 is a finding only when the person is not away.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from models.core.errors import CenterError, InvalidInput, PolicyViolation
from models.rules.absences import Absence
from models.rules.workdays import WorkdayCalendar


class PatrolKind(StrEnum):
    walkthrough = "walkthrough"  # 不定时巡查（现场）
    camera = "camera"  # 随机抽查（监控系统）


KIND_LABELS = {PatrolKind.walkthrough: "现场巡查", PatrolKind.camera: "监控抽查"}


class CheckItem(StrEnum):
    """窗口巡查制度 三 and 禁烟制度: the items checked at every window visited."""

    dress = "dress"
    conduct = "conduct"
    environment = "environment"
    rating_device = "rating_device"
    smoking = "smoking"
    other = "other"


ITEM_LABELS = {
    CheckItem.dress: "着装及胸牌", CheckItem.conduct: "服务规范与礼仪", CheckItem.environment: "服务环境与卫生",
    CheckItem.rating_device: "电子评价器显示", CheckItem.smoking: "禁烟", CheckItem.other: "其他",
}
# What a patrol checks at each window it visits unless it says otherwise (巡查制度 三; 禁烟制度).
STANDARD_ITEMS = tuple(i for i in CheckItem if i != CheckItem.other)
# Short Chinese names accepted at the command line.
ITEM_ALIASES = {"着装": CheckItem.dress, "礼仪": CheckItem.conduct, "服务规范": CheckItem.conduct,
                "环境": CheckItem.environment, "卫生": CheckItem.environment, "评价器": CheckItem.rating_device,
                "吸烟": CheckItem.smoking, "禁烟": CheckItem.smoking, "其他": CheckItem.other}
# Findings that name the person concerned: a device left on 暂停服务, someone smoking.
NEEDS_STAFF = frozenset({CheckItem.rating_device, CheckItem.smoking})
# 禁烟制度 二.2: 予以扣分 — not at the patroller's discretion.
ALWAYS_DEDUCTED = frozenset({CheckItem.smoking})
WINDOW_SHARE = "patrol.window"

def parse_item(text: str) -> CheckItem:
    value = text.strip()
    if value in ITEM_ALIASES:
        return ITEM_ALIASES[value]
    try:
        return CheckItem(value)
    except ValueError:
        names = "、".join([*CheckItem, *ITEM_ALIASES])
        raise InvalidInput(field="检查项目", message=f"「{text}」不是巡查项目，应为 {names} 之一") from None


@dataclass(frozen=True)
class Finding:
    window_id: str
    staff_id: str | None
    item: CheckItem
    description: str
    deduct: bool


@dataclass(frozen=True)
class Deduction:
    subject_kind: str  # "staff" or "window" (models.core.ledger.SubjectKind)
    subject_id: str
    kind: str  # a key of Policy.deduction_points


def patrol_errors(*, at: datetime, now: datetime, windows: list[str], items: list[CheckItem],
                  findings: list[Finding], known_windows: set[str], window_of: dict[str, str | None],
                  away: dict[str, str]) -> list[CenterError]:
    """Every problem of a patrol record at once. `items`: what was checked at each window visited;
    `window_of`: staff id → their window now; `away`: staff id → the leave (or day off) they were on
    at the patrol's time."""
    problems: list[CenterError] = []
    if at > now:
        problems.append(InvalidInput(field="巡查时间", message=f"{at:%Y-%m-%d %H:%M} 晚于现在，巡查应在发生后记录"))
    if not windows:
        problems.append(InvalidInput(field="巡查窗口", message="至少巡查一个窗口"))
    if not items:
        problems.append(InvalidInput(field="检查项目", message="至少检查一项"))
    problems += [InvalidInput(field="巡查窗口", message=f"窗口 {w} 不存在") for w in windows if w not in known_windows]
    for n, f in enumerate(findings, 1):
        where = f"问题{n}"
        if f.window_id not in windows:
            problems.append(InvalidInput(field=f"{where}.窗口", message=f"窗口 {f.window_id} 不在本次巡查的窗口中"))
        if f.item != CheckItem.other and f.item not in items:
            problems.append(InvalidInput(field=f"{where}.项目", message=f"本次巡查未检查「{ITEM_LABELS[f.item]}」"))
        if f.staff_id is None and f.item in NEEDS_STAFF:
            problems.append(InvalidInput(field=f"{where}.工作人员", message=f"「{ITEM_LABELS[f.item]}」问题须写明所涉工作人员"))
        if f.staff_id is not None and f.staff_id not in window_of:
            problems.append(InvalidInput(field=f"{where}.工作人员", message=f"工号 {f.staff_id} 不存在"))
        elif f.staff_id is not None and window_of[f.staff_id] != f.window_id:
            problems.append(InvalidInput(field=f"{where}.工作人员", message=f"{f.staff_id} 不是窗口 {f.window_id} 的工作人员"))
        elif f.item == CheckItem.rating_device and f.staff_id in away:
            problems.append(PolicyViolation(
                rule="patrol.rating_device_away", field=f"{where}.工作人员",
                message=f"{f.staff_id} 此时{away[f.staff_id]}，离岗时评价器显示「暂停服务」正是服务规范 五.8 的要求，不是问题"))
        if not f.description.strip():
            problems.append(InvalidInput(field=f"{where}.情况", message="须写明发现的问题"))
    return problems


def is_deducted(finding: Finding) -> bool:
    return finding.deduct or finding.item in ALWAYS_DEDUCTED


def deductions(finding: Finding) -> list[Deduction]:
    """巡查制度 五: the person concerned, and the window's share; a finding about the window alone
    (e.g. an untidy counter) deducts the window the item's points."""
    if not is_deducted(finding):
        return []
    kind = f"patrol.{finding.item.value}"
    if finding.staff_id is None:
        return [Deduction("window", finding.window_id, kind)]
    return [Deduction("staff", finding.staff_id, kind), Deduction("window", finding.window_id, WINDOW_SHARE)]


def deduction_text(shares: list[tuple[str, float]]) -> str:
    """巡查制度 五: each deduction as the ledger records it, by whom it is borne — 「李娜 0.5 分、社保综合窗口
    0.5 分」, not their sum as if one person bore it."""
    return "、".join(f"{name} {points:g} 分" for name, points in shares)


def withdraws_eligibility(finding: Finding) -> bool:
    """禁烟制度 二.2: 取消其参加评优的资格 — the smoker's."""
    return finding.item == CheckItem.smoking and finding.staff_id is not None


# The register over time (窗口巡查制度 二: 每天两次巡查; 四: 窗口管理科于每月月末梳理汇总本月巡查情况，
# 将在巡查中发现的问题反馈给各窗口): working days with too few patrols, and the month-end summary.


def days_to_check(*, today: date, calendar: WorkdayCalendar, first_day: date | None, back: int) -> list[date]:
    """The last `back` working days before today (complete days), not before the register began."""
    if first_day is None:
        return []
    start = calendar.add_working_days(today, -back)
    days = [start + timedelta(days=n) for n in range((today - start).days)]
    return [d for d in days if d >= first_day and calendar.is_working_day(d)]


def short_days(days: list[date], counts: dict[date, int], required: int) -> list[tuple[date, int]]:
    """巡查制度 二: working days with fewer patrols than required, with the number recorded."""
    return [(d, counts.get(d, 0)) for d in days if counts.get(d, 0) < required]


def month_bounds(month: str) -> tuple[date, date]:
    """'2026-10' → (first day, first day of the next month)."""
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month.strip()):
        raise InvalidInput(field="月份", message=f"「{month}」应为 YYYY-MM，如 2026-10")
    y, m = map(int, month.strip().split("-"))
    return date(y, m, 1), date(y + (m == 12), m % 12 + 1, 1)


def month_of(day: date) -> str:
    return f"{day.year}-{day.month:02d}"


def last_working_day(month: str, calendar: WorkdayCalendar) -> date:
    _, end = month_bounds(month)
    return calendar.add_working_days(end, -1)


def months_due(*, as_of: datetime, calendar: WorkdayCalendar, close: time, first_month: str | None,
               summarised: set[str]) -> list[str]:
    """四: every month of the register not yet summarised that has ended — the current one from the
    close of office on its last working day; an earlier one missed by the schedule is caught up."""
    if first_month is None:
        return []
    due, month = [], first_month
    while True:
        ends = datetime.combine(last_working_day(month, calendar), close)
        if ends > as_of:
            return due
        if month not in summarised:
            due.append(month)
        month = month_of(month_bounds(month)[1])


@dataclass(frozen=True)
class FindingRow:
    at: datetime
    case_ref: str
    window_id: str
    staff_name: str  # "" when the finding is about the window
    item: CheckItem
    description: str
    points: float  # every deduction the finding caused (the person's and the window's share)


@dataclass
class WindowSummary:
    window_id: str
    name: str
    visits: int
    findings: list[FindingRow] = field(default_factory=list)

    @property
    def points(self) -> float:
        return sum(f.points for f in self.findings)

    def by_item(self) -> dict[str, int]:
        return {ITEM_LABELS[k]: v for k, v in sorted(Counter(f.item for f in self.findings).items())}


@dataclass
class MonthSummary:
    month: str
    patrols: dict[str, int]  # by kind label
    short: list[tuple[date, int]]
    windows: list[WindowSummary]

    @property
    def findings(self) -> int:
        return sum(len(w.findings) for w in self.windows)


def summarise(*, month: str, kinds: list[PatrolKind], short: list[tuple[date, int]],
              windows: list[WindowSummary]) -> MonthSummary:
    counted = Counter(kinds)
    return MonthSummary(month=month, patrols={KIND_LABELS[k]: counted.get(k, 0) for k in PatrolKind},
                        short=short, windows=windows)


def markdown(summary: MonthSummary, required: int, until: datetime | None = None) -> str:
    """The whole month as the Prefect artifact 月度巡查情况 (`until`: a month not over yet)."""
    total = sum(summary.patrols.values())
    state = f"（截至 {until:%Y-%m-%d %H:%M}，月份未结束，未反馈窗口）" if until else ""
    lines = [f"# 月度巡查情况 {summary.month}{state}", "",
             f"共巡查 {total} 次（" + "，".join(f"{k} {v} 次" for k, v in summary.patrols.items())
             + f"）；发现问题 {summary.findings} 项。", ""]
    if summary.short:
        lines += [f"巡查不足每天 {required} 次的工作日：" + "、".join(f"{d:%m-%d}（{n} 次）" for d, n in summary.short), ""]
    lines += ["| 窗口 | 巡查次数 | 问题 | 扣分 | 问题类别 |", "|---|---|---|---|---|"]
    for w in summary.windows:
        kinds = "、".join(f"{k} {v}" for k, v in w.by_item().items()) or "—"
        lines.append(f"| {w.name} | {w.visits} | {len(w.findings)} | {w.points:g} | {kinds} |")
    details = [(w, f) for w in summary.windows for f in w.findings]
    if details:
        lines += ["", "## 问题明细", "", "| 时间 | 窗口 | 人员 | 项目 | 情况 | 扣分 | 巡查记录 |",
                  "|---|---|---|---|---|---|---|"]
        lines += [f"| {f.at:%m-%d %H:%M} | {w.name} | {f.staff_name or '—'} | {ITEM_LABELS[f.item]} | "
                  f"{_cell(f.description)} | {f.points:g} | {f.case_ref} |" for w, f in details]
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "／").replace("\n", " ")
