"""`center calendar import FILE`: one year's arrangement (days off and make-up working days).

Validated as a whole — a make-up working day (调休上班) must fall on a weekend, a day off on a
weekday, no day twice, one year per file — and rejected whole on any error, naming the line.
Importing a year makes it covered: every open provisional deadline is recomputed and audited.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError
from sqlmodel import Session, delete, select

from models.core.calendar import CalendarOverride, CoveredYear, load_calendar
from models.core.cases import Case, WorkItem, WorkItemStatus, audit
from models.core.errors import InvalidInput, ValidationFailed, input_problems
from models.core.loading import read_records
from models.rules.workdays import FIRST_YEAR, LAST_YEAR
from models.procedures import get_procedure
from models.core.settings import get_settings
from models.core.workitems import check_management
from models.rules.text_fields import OneLine


# The file's two parts by their Chinese names (the page names them so); the English keys stay accepted.
SECTION_NAMES = {"放假日": "days_off", "调休上班日": "makeup_workdays"}


class DayRow(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    day: date = Field(title="日期", validation_alias=AliasChoices("day", "日期"))
    name: OneLine = Field(default="", max_length=60, title="名称", validation_alias=AliasChoices("name", "名称"))
    source: OneLine = Field(default="", max_length=200, title="依据", validation_alias=AliasChoices("source", "依据"))


def validate_arrangement(path: Path) -> tuple[int, str, list[tuple[DayRow, bool]]]:
    records = read_records(path, ("days_off", "makeup_workdays"), "日历文件", aliases=SECTION_NAMES)
    problems: list = []
    rows: list[tuple[str, DayRow, bool]] = []
    for section, is_workday in (("days_off", False), ("makeup_workdays", True)):
        for where, raw in records[section]:
            try:
                rows.append((where, DayRow.model_validate(raw), is_workday))
            except ValidationError as error:
                problems += input_problems(error, DayRow, where=where)
    seen: dict[date, str] = {}
    for where, row, is_workday in rows:
        weekend = row.day.isoweekday() >= 6
        if is_workday and not weekend:
            problems.append(InvalidInput(field=f"{where}.day", message=f"{row.day} 是工作日，调休上班日必须在周末"))
        if not is_workday and weekend:
            problems.append(InvalidInput(field=f"{where}.day", message=f"{row.day} 是周末，放假日必须在工作日"))
        if row.day in seen:
            problems.append(InvalidInput(field=f"{where}.day", message=f"{row.day} 与 {seen[row.day]} 重复"))
        seen.setdefault(row.day, where)
    years = {row.day.year for _, row, _ in rows}
    if len(years) > 1:
        problems.append(InvalidInput(field="day", message=f"一个文件只能包含一年，此文件含 {sorted(years)}"))
    if not rows:
        problems.append(InvalidInput(field="days_off", message="文件中没有任何日期"))
    for year in sorted(y for y in years if not FIRST_YEAR <= y <= LAST_YEAR):
        problems.append(InvalidInput(field="day", message=f"年份 {year} 超出工作日历范围 {FIRST_YEAR}–{LAST_YEAR}"))
    if problems:
        raise ValidationFailed(problems=problems)
    source = next((row.source for _, row, _ in rows if row.source), path.name)
    return years.pop(), source, [(row, is_workday) for _, row, is_workday in rows]


def import_arrangement(*, session: Session, path: Path, actor: str) -> dict[str, int]:
    """The management section imports the year's arrangement (it keeps the center's calendar)."""
    check_management(session=session, actor_id=actor, action="导入工作日历")
    year, source, rows = validate_arrangement(path)
    session.exec(delete(CalendarOverride).where(CalendarOverride.day >= date(year, 1, 1),
                                                CalendarOverride.day <= date(year, 12, 31)))
    for row, is_workday in rows:
        session.add(CalendarOverride(day=row.day, is_workday=is_workday, name=row.name,
                                     source=row.source or source))
    session.merge(CoveredYear(year=year, source=source))
    session.flush()
    changed = recompute_deadlines(session=session, actor=actor)
    return {"year": year, "days": len(rows), "recomputed": changed}


def recompute_deadlines(*, session: Session, actor: str) -> int:
    """Recompute every open provisional deadline from its basis; audit each change. A procedure's
    own calendar-dependent dates (e.g. a leave's filing deadline) go first: they may move the basis
    of its work items (models/procedures.py `recompute`)."""
    from models.procedures import recomputers

    calendar = load_calendar(session=session)
    close = get_settings().policy.office_close
    changed = sum(recompute(session=session, calendar=calendar, actor=actor) for recompute in recomputers())
    items = session.exec(select(WorkItem).where(WorkItem.status == WorkItemStatus.open,
                                                WorkItem.due_provisional)).all()
    cases = [case for case in session.exec(select(Case).where(Case.due_provisional)).all()
             if case.status not in get_procedure(case.kind).final]  # a closed case's deadline is history
    for thing in [*items, *cases]:
        if thing.due_from is None or thing.due_days is None:
            continue
        deadline = calendar.deadline(thing.due_from, thing.due_days, close)
        if (deadline.at, deadline.provisional) != (thing.due_at, thing.due_provisional):
            ref = thing.case_ref if isinstance(thing, WorkItem) else thing.ref
            audit(session=session, case_ref=ref, actor=actor, action="recompute_deadline",
                  details={"work_item": getattr(thing, "id", None) if isinstance(thing, WorkItem) else None,
                           "from": thing.due_at.isoformat() if thing.due_at else None,
                           "to": deadline.at.isoformat(), "provisional": deadline.provisional})
            thing.due_at, thing.due_provisional = deadline.at, deadline.provisional
            changed += 1
    return changed
