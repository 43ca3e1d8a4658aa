"""Finding cases (案件查询): by reference, person, window, procedure, status and the date opened, newest
first, a page at a time. Who may see which case is not decided here: the caller passes its rule (the
web desk's `deployments.web.core.access.may_view`, the same as the case page's), applied to every
candidate before paging, so a page never counts a case the viewer may not see."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import or_
from sqlmodel import Session, select

from models.core.cases import Case
from models.core.errors import InvalidInput, raise_all
from models.core.org import Staff
from models.rules.workdays import in_calendar_range, out_of_range_message

BATCH = 200


class CaseQuery(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    ref: str = Field(default="", max_length=40, title="案件编号")
    person: str = Field(default="", max_length=50, title="人员", description="工号或姓名：提交人或当事人")
    window_id: str = Field(default="", max_length=40, title="窗口")
    kind: str = Field(default="", max_length=30, title="程序")
    status: str = Field(default="", max_length=30, title="状态")
    opened_from: date | None = Field(default=None, title="登记日期自")
    opened_to: date | None = Field(default=None, title="登记日期至")


def _day(text: str, field: str, problems: list) -> date | None:
    if not text.strip():
        return None
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        problems.append(InvalidInput(field=field, message=f"「{text}」应为 YYYY-MM-DD 格式的日期"))
        return None
    if not in_calendar_range(day):  # 9999-12-31 is a typo, and its next day does not exist
        problems.append(InvalidInput(field=field, message=out_of_range_message(day)))
        return None
    return day


def parse_query(values: dict[str, str]) -> CaseQuery:
    """The query from a search form; every problem at once, named by the form's field."""
    problems: list = []
    start = _day(values.get("from", ""), "from", problems)
    end = _day(values.get("to", ""), "to", problems)
    if start and end and end < start:
        problems.append(InvalidInput(field="to", message="结束日期不能早于开始日期"))
    raise_all(problems)
    text = {k: values.get(k, "")[:40].strip() for k in ("ref", "person", "window_id", "kind", "status")}
    if ":" in text["status"]:  # "kind:status": a status is a procedure's own
        kind, text["status"] = text["status"].split(":", 1)
        text["kind"] = text["kind"] or kind
        if text["kind"] != kind:
            raise InvalidInput(field="status", message="所选状态不属于所选程序")
    return CaseQuery(**text, opened_from=start, opened_to=end)


def _statement(session: Session, query: CaseQuery):
    statement = select(Case)
    if query.ref:
        statement = statement.where(Case.ref.contains(query.ref.upper()))
    if query.person:
        ids = {query.person, *session.exec(select(Staff.id).where(Staff.name.contains(query.person))).all()}
        statement = statement.where(or_(Case.subject_staff_id.in_(ids), Case.opened_by.in_(ids)))
    if query.window_id:
        statement = statement.where(Case.window_id == query.window_id)
    if query.kind:
        statement = statement.where(Case.kind == query.kind)
    if query.status:
        statement = statement.where(Case.status == query.status)
    if query.opened_from:
        statement = statement.where(Case.opened_at >= datetime.combine(query.opened_from, time.min))
    if query.opened_to:
        statement = statement.where(Case.opened_at < datetime.combine(query.opened_to + timedelta(days=1), time.min))
    return statement.order_by(Case.opened_at.desc(), Case.ref.desc())


def search_cases(*, session: Session, query: CaseQuery, visible: Callable[[Session, list[Case]], list[Case]],
                 page: int = 1, size: int = 20) -> tuple[list[Case], bool]:
    """The page's cases (1-based page) among those `visible` keeps, and whether there is a next page."""
    skip, wanted, found, offset = (max(page, 1) - 1) * size, size + 1, [], 0
    statement = _statement(session, query)
    while len(found) < skip + wanted:
        batch = session.exec(statement.offset(offset).limit(BATCH)).all()
        found += visible(session, list(batch))
        if len(batch) < BATCH:
            break
        offset += BATCH
    return found[skip:skip + size], len(found) > skip + size
