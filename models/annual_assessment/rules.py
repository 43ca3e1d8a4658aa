"""The annual assessment (年度考核) computed from the point-deduction ledger. Pure.

The ledger is the one source: 考勤办法 二(三)2 (考勤情况作为评选“服务明星”“优秀服务窗口”的依据之一);
投诉处置规定 三(三)3; 窗口巡查制度 五; 学习培训制度 三.2; IT设备使用管理规定 二(三)6; 窗口禁烟制度 二.2.
派驻部门窗口负责人岗位职责 5 (配合中心做好年度考核), 7 (连续两年最后三名的，需重新调整窗口负责人):
a head answers for the whole window (全面负责窗口各项工作), so a head's points are their own and
their window's.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from models.core.errors import CenterError, InvalidInput

AWARDS = {"staff": "服务明星", "window": "优秀服务窗口"}


@dataclass(frozen=True)
class Ranked:
    subject_id: str
    points: float  # deducted in the year
    rank: int  # 1 is the best
    total: int


def rank(points: dict[str, float]) -> list[Ranked]:
    """Fewer points deducted ranks higher. Ties share the better place (1, 2, 2, 4), so a tie at
    the edge of the last places never puts someone there on the order of their ids."""
    ordered = sorted(((round(p, 2), s) for s, p in points.items()))
    ranked: list[Ranked] = []
    for place, (p, subject) in enumerate(ordered, 1):
        shared = ranked and ranked[-1].points == p
        ranked.append(Ranked(subject, p, ranked[-1].rank if shared else place, len(ordered)))
    return ranked


def head_points(own: float, window: float) -> float:
    return own + window


def is_final(year: int, as_of: datetime) -> bool:
    """The year's ranking is recorded (and the heads' rule applied) only once the year is over."""
    return as_of.date() > date(year, 12, 31)


def year_errors(*, year: int, as_of: datetime, entries: int) -> list[CenterError]:
    if year > as_of.year:
        return [InvalidInput(field="年度", message=f"{year} 年尚未开始")]
    if entries == 0:
        return [InvalidInput(field="年度", message=f"扣分台账中没有 {year} 年的记录，无法据此考核；"
                                     "往年排名请用 center assessment import 导入")]
    return []


@dataclass(frozen=True)
class Lost:
    award: str
    subject_kind: str
    subject_id: str
    name: str
    reason: str
    case_ref: str
    on: date


def markdown(report: dict) -> str:
    """The assessment as the Prefect artifact: windows, staff, heads, and who lost eligibility why."""
    state = "" if report["final"] else f"（截至 {report['as_of']:%Y-%m-%d}，年度未结束，负责人排名未记录）"
    lines = [f"# {report['year']} 年度考核{state}", "",
             f"依据扣分台账 {report['entries']} 条记录；扣分越少名次越前，同分同名次。", "",
             "## 窗口排名", "", "| 名次 | 窗口 | 扣分 | 优秀服务窗口资格 |", "|---|---|---|---|"]
    lines += [f"| {w['rank']} | {w['name']} | {w['points']:g} | {'有' if w['eligible'] else '取消'} |"
              for w in report["windows"]]
    lines += ["", "## 工作人员排名", "", "| 名次 | 姓名 | 窗口 | 扣分 | 服务明星资格 |", "|---|---|---|---|---|"]
    lines += [f"| {s['rank']} | {s['name']}（{s['id']}） | {s['window']} | {s['points']:g} | "
              f"{'有' if s['eligible'] else '取消'} |" for s in report["staff"]]
    lines += ["", "## 窗口负责人排名", "", "| 名次 | 窗口 | 负责人 | 扣分（本人+窗口） |", "|---|---|---|---|"]
    lines += [f"| {h['rank']}/{h['total']} | {h['window']} | {h['head']} | {h['points']:g} |" for h in report["heads"]]
    lines += ["", "## 取消评优资格", ""]
    if report["lost"]:
        lines += ["| 评优项目 | 对象 | 事由 | 来源案件 |", "|---|---|---|---|"]
        lines += [f"| {x.award} | {x.name} | {x.reason} | {x.case_ref or '—'} |" for x in report["lost"]]
    else:
        lines.append("无。")
    if report["replacements"]:
        lines += ["", "须重新调整窗口负责人（岗位职责 7）：" + "、".join(report["replacements"])]
    return "\n".join(lines)
