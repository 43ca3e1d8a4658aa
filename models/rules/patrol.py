"""Window patrols (窗口巡查): what a patrol checks, which findings are acceptable, what a finding
deducts. Pure: the roster and the moment are parameters.

窗口巡查制度 一: 窗口管理科负责…日常监督检查; 二: 不定时巡查（每天两次巡查）与随机抽查（不定时通过
监控系统）相结合; 三: 着装、服务规范、服务礼仪、服务环境、电子评价器显示情况; 五: 巡查结果作为窗口及
工作人员年度考核和评优的重要依据. 窗口禁烟制度 二.2: 吸烟的予以扣分，并取消其参加评优的资格.
卫生保洁制度 3–9: the tidiness of the window (服务环境). 窗口工作人员服务规范 五.8: 因故暂时离开岗位，
应在电子评价器显示“暂停服务”状态 — so 暂停服务 is a finding only when the person is not away.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from models.core.errors import CenterError, InvalidInput, PolicyViolation
from models.core.procedures import Procedure
from models.leave.rules import Absence


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

PATROL = Procedure(
    kind="patrol", label="窗口巡查", ref_prefix="XC", initial="recorded", transitions={},
    status_labels={"recorded": "已记录"},
    event_labels={"open": "记录巡查", "deduct": "扣分", "withdraw_eligibility": "取消评优资格"},
    final=frozenset({"recorded"}),
)


def parse_item(text: str) -> CheckItem:
    value = text.strip()
    if value in ITEM_ALIASES:
        return ITEM_ALIASES[value]
    try:
        return CheckItem(value)
    except ValueError:
        names = "、".join([*CheckItem, *ITEM_ALIASES])
        raise InvalidInput("检查项目", f"「{text}」不是巡查项目，应为 {names} 之一") from None


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
        problems.append(InvalidInput("巡查时间", f"{at:%Y-%m-%d %H:%M} 晚于现在，巡查应在发生后记录"))
    if not windows:
        problems.append(InvalidInput("巡查窗口", "至少巡查一个窗口"))
    if not items:
        problems.append(InvalidInput("检查项目", "至少检查一项"))
    problems += [InvalidInput("巡查窗口", f"窗口 {w} 不存在") for w in windows if w not in known_windows]
    for n, f in enumerate(findings, 1):
        where = f"问题{n}"
        if f.window_id not in windows:
            problems.append(InvalidInput(f"{where}.窗口", f"窗口 {f.window_id} 不在本次巡查的窗口中"))
        if f.item != CheckItem.other and f.item not in items:
            problems.append(InvalidInput(f"{where}.项目", f"本次巡查未检查「{ITEM_LABELS[f.item]}」"))
        if f.staff_id is None and f.item in NEEDS_STAFF:
            problems.append(InvalidInput(f"{where}.工作人员", f"「{ITEM_LABELS[f.item]}」问题须写明所涉工作人员"))
        if f.staff_id is not None and f.staff_id not in window_of:
            problems.append(InvalidInput(f"{where}.工作人员", f"工号 {f.staff_id} 不存在"))
        elif f.staff_id is not None and window_of[f.staff_id] != f.window_id:
            problems.append(InvalidInput(f"{where}.工作人员", f"{f.staff_id} 不是窗口 {f.window_id} 的工作人员"))
        elif f.item == CheckItem.rating_device and f.staff_id in away:
            problems.append(PolicyViolation(
                "patrol.rating_device_away", f"{where}.工作人员",
                f"{f.staff_id} 此时{away[f.staff_id]}，离岗时评价器显示「暂停服务」正是服务规范 五.8 的要求，不是问题"))
        if not f.description.strip():
            problems.append(InvalidInput(f"{where}.情况", "须写明发现的问题"))
    return problems


def away_at(absences: list[Absence], at: datetime) -> dict[str, str]:
    """The people whose leave or day off covers the half day of `at` (上午 before 12:00), with its label."""
    slot = at.date().toordinal() * 2 + (at.hour >= 12)
    return {a.staff_id: a.label for a in absences if a.span.slots()[0] <= slot <= a.span.slots()[1]}


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


def withdraws_eligibility(finding: Finding) -> bool:
    """禁烟制度 二.2: 取消其参加评优的资格 — the smoker's."""
    return finding.item == CheckItem.smoking and finding.staff_id is not None
