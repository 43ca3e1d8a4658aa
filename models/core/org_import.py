"""`center org import`: departments, windows, staff and B-post pairs, validated all-or-nothing and
merged onto the organisation in the store (models/core/org_merge.py: what is kept, cleared, refused and audited)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlmodel import Session

from models.core.errors import InvalidInput, ValidationFailed, input_problems
from models.core.loading import read_records
from models.core.org import Employment, Role, StaffStatus
from models.core.org_merge import CLEARABLE, current_state, merge, new_problems, write
from models.core.workitems import check_management
from models.rules.phones import MobileNumber, PhoneNumber
from models.rules.text_fields import OneLine

_ID = dict(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_.-]+$")
_REF = dict(default=None, min_length=1, max_length=40)
CLEAR = "-"  # a value that clears an optional field; an empty or missing one keeps it


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class DepartmentRow(_Row):
    id: str = Field(**_ID)
    name: OneLine | None = Field(default=None, min_length=1, max_length=100)
    leader: OneLine | None = Field(default=None, max_length=50)
    phone: PhoneNumber | None = Field(default=None, max_length=30)
    email: OneLine | None = Field(default=None, max_length=120)


class WindowRow(_Row):
    id: str = Field(**_ID)
    name: OneLine | None = Field(default=None, min_length=1, max_length=100)
    department: OneLine | None = Field(**_REF)
    head: OneLine | None = Field(**_REF)
    saturday_service: bool | None = None
    lunch_service: bool | None = None
    phone: PhoneNumber | None = Field(default=None, max_length=30)


class StaffRow(_Row):
    id: str = Field(**_ID)
    name: OneLine | None = Field(default=None, min_length=1, max_length=50)
    window: OneLine | None = Field(**_REF)
    department: OneLine | None = Field(**_REF)
    role: Role | None = None
    employment: Employment | None = None
    qualification: OneLine | None = Field(default=None, max_length=200)
    posted_since: date | None = None
    status: StaffStatus | None = None
    phone: MobileNumber | None = Field(default=None, max_length=30)
    email: str | None = Field(default=None, max_length=120, pattern=r"^[^@\s]+@[^@\s]+$")
    b_post: OneLine | None = Field(**_REF)


MODELS = {"departments": DepartmentRow, "windows": WindowRow, "staff": StaffRow}


def _given(raw: dict) -> dict:
    """The fields a record gives: empty values (a CSV's empty cell, a YAML null) are not given."""
    return {k: v for k, v in raw.items() if v is not None and not (isinstance(v, str) and not v.strip())}


def _parse(table: str, records, problems) -> list[tuple[str, str, dict]]:
    rows = []
    for where, raw in records:
        given = _given(raw)
        cleared = {k for k, v in given.items() if isinstance(v, str) and v.strip() == CLEAR}
        for field in cleared - CLEARABLE[table]:
            problems.append(InvalidInput(field=f"{where}.{field}", message=f"不能清空（“{CLEAR}”只用于可空的字段）"))
        try:
            row = MODELS[table].model_validate({k: v for k, v in given.items() if k not in cleared})
        except ValidationError as error:
            problems += input_problems(error, MODELS[table], where=where)
            continue
        values = {field: getattr(row, field) for field in row.model_fields_set if field != "id"}
        rows.append((where, row.id, {**values, **dict.fromkeys(cleared & CLEARABLE[table])}))
    return rows


def _read(path: Path) -> tuple[dict[str, list[tuple[str, str, dict]]], list]:
    """The file's records, table → [(where, id, {field: value, None = clear})], and their problems."""
    records = read_records(path, ("departments", "windows", "staff"), "组织架构文件")
    problems: list = []
    rows = {table: _parse(table, records[table], problems) for table in MODELS}
    if not any(records.values()):
        problems.append(InvalidInput(field="组织架构文件", message=f"{path.name} 中没有任何部门、窗口或人员"))
    for table, label in (("departments", "部门"), ("windows", "窗口"), ("staff", "人员")):
        seen = set()
        for where, key, _ in rows[table]:
            if key in seen:
                problems.append(InvalidInput(field=f"{where}.id", message=f"{label}编号 {key} 重复"))
            seen.add(key)
    return rows, problems


def import_org(*, session: Session, path: Path, actor: str | None = None) -> dict[str, int]:
    """Validate the file, merge it onto the organisation, refuse an inconsistent result, then write
    and audit it in the caller's transaction. Once an organisation exists `actor` is required (the
    management section); the first import into an empty store may go without."""
    rows, problems = _read(path)
    before = current_state(session)
    exists = any(before.values())
    if exists and actor is None:
        problems.insert(0, InvalidInput(field="--as", message="组织架构已存在：导入须用 --as 指明操作人（窗口管理科），每项变更都会记入审计"))
    elif exists:
        check_management(session=session, actor_id=actor, action="导入组织架构")
    after, incomplete = merge(before, rows)
    where_of = {(table, key): where for table, found in rows.items() for where, key, _ in found}
    problems += incomplete + new_problems(before, after, where_of)
    if problems:
        raise ValidationFailed(problems=problems)
    changed = write(session, before, after, actor if exists else None)
    return {"departments": len(rows["departments"]), "windows": len(rows["windows"]), "staff": len(rows["staff"]),
            "changed": changed}
