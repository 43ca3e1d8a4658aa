"""The window heads' ranking in the annual assessment, year by year (`center assessment import`).

派驻部门窗口负责人岗位职责 5 (配合中心做好年度考核), 7 (年度考核连续两年最后三名的，需重新调整派驻部门
窗口负责人). The annual assessment computed from the point ledger may record its ranking here too;
the import keeps the years before it.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, NaiveDatetime, ValidationError
from pydantic import Field as PydanticField
from sqlalchemy import delete
from sqlmodel import Field, Session, SQLModel, select

from models.core.errors import CenterError, InvalidInput, raise_all, reason_of
from models.core.loading import read_records
from models.core.org import Staff, Window
from models.rules.assessment import Ranking, ranking_errors


class HeadRanking(SQLModel, table=True):
    year: int = Field(primary_key=True)
    window_id: str = Field(primary_key=True, max_length=40)
    head_id: str = Field(index=True, max_length=40)
    rank: int  # 1 is the best
    total: int
    source: str = Field(default="", max_length=200)
    recorded_by: str = Field(max_length=40)
    recorded_at: NaiveDatetime


class RankingImportInput(BaseModel):
    """The parameters of the import (the Prefect run form)."""

    path: str = PydanticField(title="排名文件", min_length=1,
                              description="YAML（rankings 列表：year, window, head, rank）或带 kind 列的 CSV 的路径")


class RankingRow(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    year: int = PydanticField(ge=2000, le=2100)
    window: str = PydanticField(min_length=1, max_length=40)
    head: str | None = None  # default: the window's head now
    rank: int = PydanticField(ge=1)


def _rows(path: Path) -> tuple[list[tuple[str, RankingRow]], list[CenterError]]:
    rows, problems = [], []
    for where, raw in read_records(path, ("rankings",), "考核排名文件")["rankings"]:
        try:
            rows.append((where, RankingRow.model_validate(raw)))
        except ValidationError as error:
            problems += [InvalidInput(f"{where}.{'.'.join(map(str, e['loc']))}",
                                      "必填" if e["type"] == "missing" else f"格式无效（{reason_of(e)}）")
                         for e in error.errors()]
    if not rows and not problems:
        problems.append(InvalidInput("rankings", "文件中没有排名"))
    return rows, problems


def import_rankings(*, session: Session, path: Path, actor: str, at: datetime) -> list[int]:
    """Validate the whole file, then replace the ranking of each year it contains."""
    rows, problems = _rows(path)
    if not problems:  # the ranks are checked only when every row could be read
        problems = ranking_errors([(w, r.year, r.window, r.rank) for w, r in rows])
    heads: dict[str, str] = {}
    for where, row in rows:
        window = session.get(Window, row.window)
        head = row.head or (window.head_id if window else None)
        if window is None:
            problems.append(InvalidInput(f"{where}.window", f"窗口 {row.window} 不存在"))
        elif head is None or session.get(Staff, head) is None:
            problems.append(InvalidInput(f"{where}.head", f"窗口负责人 {head or '（未填）'} 不存在"))
        heads[where] = head
    raise_all(problems)
    years = sorted({r.year for _, r in rows})
    totals = {year: sum(1 for _, r in rows if r.year == year) for year in years}
    session.execute(delete(HeadRanking).where(HeadRanking.year.in_(years)))
    for where, row in rows:
        session.add(HeadRanking(year=row.year, window_id=row.window, head_id=heads[where], rank=row.rank,
                                total=totals[row.year], source=path.name, recorded_by=actor, recorded_at=at))
    session.flush()
    return years


def all_rankings(*, session: Session) -> list[Ranking]:
    return [Ranking(r.year, r.window_id, r.head_id, r.rank, r.total)
            for r in session.exec(select(HeadRanking).order_by(HeadRanking.year, HeadRanking.rank)).all()]
