"""The statistics pages' tables and charts, from the very functions the command line prints
(`center complaints stats` → models.complaint.store.period_summary; `center service stats` →
models.service_case.store's SQL counts + models.service_case.rules.counts_summary; `center training stats` →
models.training.store.attendance_figures) and 管理总览's counts (models.core.open_counts). Nothing is counted here
a second time: this module only lays the results out as tables (the page's and the CSV's rows) and
charts. `windows`: the window ids the viewer may see, or None for every window."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, select

from deployments.web.core.charts import BAD, GOOD, MILD, Chart
from models.core.org import Staff, Window
from models.complaint.rules import CHANNEL_LABELS, ComplaintChannel
from models.complaint.stats import VERDICT_COLUMNS, rate_text


@dataclass(frozen=True)
class StatTable:
    key: str  # the CSV's name
    title: str
    columns: list[str]
    rows: list[list]
    chart: Chart | None = None
    note: str = ""  # what a「—」in the table means


@dataclass
class StatPage:
    summary: list[str] = field(default_factory=list)
    tables: list[StatTable] = field(default_factory=list)


def percent(share: float | None) -> str:
    return "—" if share is None else f"{share:.0%}"


def _count_table(key: str, title: str, heading: str, counts: dict[str, int]) -> StatTable:
    return StatTable(key, title, [heading, "件数"], [[k, v] for k, v in counts.items()],
                     Chart("bar", title, list(counts), {"件数": list(counts.values())}) if counts else None)


def complaints(*, session: Session, month: str | None, year: int | None, as_of: datetime) -> StatPage:
    """投诉处置规定 三(一)2: the month's or year's complaints by channel, verdict and window."""
    from models.complaint.store import period_summary

    stats, names = period_summary(session=session, month=month, year=year, as_of=as_of)
    page = StatPage(summary=[f"投诉（好差评）统计 {stats.period}：共 {stats.total} 件，已答复 {stats.answered} 件，"
                             f"按期 {stats.on_time} 件，超期 {stats.late} 件，按期办结率 {rate_text(stats)}"])
    page.tables.append(_count_table("channel", "按渠道", "渠道", {
        CHANNEL_LABELS[ComplaintChannel(k)]: v for k, v in sorted(stats.by_channel.items())}))
    page.tables.append(_count_table("verdict", "按核查结论", "核查结论", {
        label: stats.by_verdict[k] for k, label in VERDICT_COLUMNS.items() if k in stats.by_verdict}))
    page.tables.append(_count_table("window", "按窗口", "窗口", {
        f"{names.get(k, '')}（{k}）": v for k, v in sorted(stats.by_window.items())}))
    if stats.by_stars:
        page.tables.append(_count_table("stars", "差评星级", "星级",
                                        {f"{k}星": v for k, v in sorted(stats.by_stars.items())}))
    return page


def _month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    return datetime(year, month, 1), datetime(year + month // 12, month % 12 + 1, 1)


def service(*, session: Session, year: int, month: int, windows: set[str] | None) -> StatPage:
    """限时办结制度 1、3; 首问负责制度; 一次性告知制度: the on-time rate per window per month of the year,
    the month's detail — every figure counted by SQL GROUP BY (models.service_case.store.month_counts,
    matter_counts), laid out through `counts_summary` as the CLI lays out a month."""
    from models.service_case.rules import CaseCounts, counts_summary
    from models.service_case.store import matter_counts, month_counts, notices_issued

    names = {w.id: w.name for w in session.exec(select(Window).order_by(Window.id)).all()
             if windows is None or w.id in windows}
    bounds = [_month_bounds(year, m) for m in range(1, 13)]
    per_month: list[dict[str, CaseCounts]] = [{name: CaseCounts() for name in names.values()} for _ in bounds]
    for (period, window_id), counts in month_counts(session=session, bounds=bounds, windows=set(names)).items():
        per_month[period][names[window_id]] += counts
    rates = {name: [] for name in names.values()}
    for counts in per_month:
        for name in rates:
            rates[name].append(counts_summary(counts[name], 0, [])["on_time_rate"])
    start, end = bounds[month - 1]
    matters: dict[tuple[str, str], int] = {}
    for window_id, matter, n in matter_counts(session=session, start=start, end=end, windows=set(names)):
        matters[(names[window_id], matter)] = matters.get((names[window_id], matter), 0) + n
    notices = notices_issued(session=session, start=start, end=end) if windows is None else 0  # center-wide
    chosen = per_month[month - 1]
    summary = counts_summary(sum(chosen.values(), CaseCounts()), notices, [(w, m, n) for (w, m), n in matters.items()])
    months = [f"{m}月" for m in range(1, 13)]
    notices = f"一次性告知书 {summary['notices']} 份" if windows is None else "一次性告知书按全中心统计，见窗口管理科"
    page = StatPage(summary=[
        f"{year}-{month:02d} 窗口办件：共 {summary['total']} 件，办结 {summary['completed']} 件，"
        f"即办率 {percent(summary['at_once_share'])}，按时办结率 {percent(summary['on_time_rate'])}，"
        f"转办 {summary['referrals']} 件，{notices}"])
    page.tables.append(StatTable(
        "on-time", f"{year} 年各窗口按时办结率（按月）", ["窗口", *months],
        [[name, *(percent(r) for r in values)] for name, values in rates.items()],
        Chart("line", f"{year} 年各窗口按时办结率", months, rates, percent=True) if rates else None,
        "「—」：该月没有办结的承诺件"))
    per_window = {name: counts_summary(chosen[name], 0, []) for name in names.values()}
    page.tables.append(StatTable(
        "windows", f"{year}-{month:02d} 各窗口办件", ["窗口", "办件", "办结", "即办率", "按时办结率", "转办"],
        [[name, s["total"], s["completed"], percent(s["at_once_share"]), percent(s["on_time_rate"]), s["referrals"]]
         for name, s in per_window.items()],
        Chart("bar", f"{year}-{month:02d} 各窗口办件与转办", list(per_window),
              {"办件": [s["total"] for s in per_window.values()],
               "转办": [s["referrals"] for s in per_window.values()]}) if per_window else None,
        "「—」：本月没有办结的办件或承诺件"))
    page.tables.append(StatTable("matters", f"{year}-{month:02d} 按窗口和事项", ["窗口", "事项", "件数"],
                                 [list(row) for row in summary["by_window_matter"]]))
    return page


def training(*, session: Session, year: int, by: str, windows: set[str] | None) -> StatPage:
    """学习培训制度 三: attendance per person or window over the year's roll calls."""
    from models.training.store import attendance_figures

    result = attendance_figures(session=session, year=year, by=by)
    if by == "staff":
        people = session.exec(select(Staff)).all()
        names = {s.id: s.name for s in people}
        keep = None if windows is None else {s.id for s in people if s.window_id in windows}
    else:
        names = {w.id: w.name for w in session.exec(select(Window)).all()}
        keep = windows
    shown = {key: f for key, f in result.items() if keep is None or key in keep}
    labels = [f"{names.get(key, '')}（{key}）" for key in shown]
    heading = "人员" if by == "staff" else "窗口"
    rows = [[label, f.expected, f.present, f.excused, f.absent, percent(f.rate)]
            for label, f in zip(labels, shown.values())]
    chart = Chart("stacked", f"{year} 年学习培训出勤（按{heading}）", labels, {
        "出席": [f.present for f in shown.values()], "请假": [f.excused for f in shown.values()],
        "无故缺席": [f.absent for f in shown.values()]}, colors=(GOOD, MILD, BAD)) if shown else None
    present = sum(f.present for f in shown.values())
    expected = sum(f.expected for f in shown.values())
    return StatPage(summary=[f"{year} 年学习培训（按点名记录）：应到 {expected} 人次，出席 {present} 人次，"
                             f"出勤率 {percent(present / expected if expected else None)}"],
                    tables=[StatTable(by, f"{year} 年出勤（按{heading}）",
                                      [heading, "应到", "出席", "请假", "无故缺席", "出勤率"], rows, chart)])


def overdue(*, session: Session, now: datetime, windows: set[str] | None) -> StatPage:
    """限时办结制度 2 and every procedure's deadlines: open and overdue work items per procedure."""
    from models.core.open_counts import open_counts, urge_counts

    per: dict[str, dict[str, int]] = {}
    urges = urge_counts(session=session)
    for row in open_counts(session=session, now=now):
        if windows is None or row["window_id"] in windows:
            totals = per.setdefault(row["procedure"], {"cases": 0, "steps": 0, "overdue": 0, "urges": 0})
            for key in ("cases", "steps", "overdue"):
                totals[key] += row[key]
            totals["urges"] += urges.get((row["kind"], row["window_id"]), 0)
    labels = list(per)
    return StatPage(
        summary=[f"截至 {now:%Y-%m-%d %H:%M}：在办案件 {sum(t['cases'] for t in per.values())} 件，"
                 f"待办 {sum(t['steps'] for t in per.values())} 项，逾期 {sum(t['overdue'] for t in per.values())} 项，"
                 f"催办 {sum(t['urges'] for t in per.values())} 次"],
        tables=[StatTable("procedures", "各程序在办与逾期", ["程序", "在办案件", "待办", "逾期待办", "催办次数"],
                          [[label, t["cases"], t["steps"], t["overdue"], t["urges"]] for label, t in per.items()],
                          Chart("stacked", "各程序待办（按期 / 逾期）", labels, {
                              "未逾期": [t["steps"] - t["overdue"] for t in per.values()],
                              "逾期": [t["overdue"] for t in per.values()]}, colors=("#1565c0", BAD))
                          if per else None)])
