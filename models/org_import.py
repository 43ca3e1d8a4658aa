"""`center org import`: departments, windows, staff and B-post pairs, validated all-or-nothing."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlmodel import Session

from models.errors import InvalidInput, ValidationFailed
from models.loading import read_records
from models.org import Department, Employment, Role, Staff, StaffStatus, Window

_ID = dict(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_.-]+$")


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class DepartmentRow(_Row):
    id: str = Field(**_ID)
    name: str = Field(min_length=1, max_length=100)
    leader: str = Field(default="", max_length=50)
    phone: str = Field(default="", max_length=30)
    email: str = Field(default="", max_length=120)


class WindowRow(_Row):
    id: str = Field(**_ID)
    name: str = Field(min_length=1, max_length=100)
    department: str
    head: str | None = None
    saturday_service: bool = False
    lunch_service: bool = False


class StaffRow(_Row):
    id: str = Field(**_ID)
    name: str = Field(min_length=1, max_length=50)
    window: str | None = None
    department: str | None = None
    role: Role = Role.staff
    employment: Employment = Employment.civil_servant
    qualification: str = Field(default="", max_length=200)
    posted_since: date | None = None
    status: StaffStatus = StaffStatus.active
    phone: str = Field(default="", max_length=30, pattern=r"^(1\d{10})?$")
    email: str = Field(default="", max_length=120, pattern=r"^([^@\s]+@[^@\s]+)?$")
    b_post: str | None = None

    @field_validator("window", "department", "b_post", "head", mode="before", check_fields=False)
    @classmethod
    def _blank_is_none(cls, value):
        return value or None


def _parse(records, model, problems):
    rows = []
    for where, raw in records:
        try:
            rows.append((where, model.model_validate(raw)))
        except ValidationError as error:
            for e in error.errors():
                field = ".".join(str(p) for p in e["loc"]) or "?"
                problems.append(InvalidInput(f"{where}.{field}", _message(e)))
    return rows


def _message(error: dict) -> str:
    kind = error["type"]
    if kind == "missing":
        return "必填"
    if kind == "extra_forbidden":
        return "未知字段"
    if kind == "enum":
        return f"取值无效，应为 {error.get('ctx', {}).get('expected', '')}"
    return f"格式无效（{error['msg']}）"


def validate_org(path: Path) -> tuple[list[DepartmentRow], list[WindowRow], list[StaffRow]]:
    records = read_records(path, ("departments", "windows", "staff"), "组织架构文件")
    problems: list = []
    departments = _parse(records["departments"], DepartmentRow, problems)
    windows = _parse(records["windows"], WindowRow, problems)
    staff = _parse(records["staff"], StaffRow, problems)
    if not (records["departments"] or records["windows"] or records["staff"]):
        problems.append(InvalidInput("组织架构文件", f"{path.name} 中没有任何部门、窗口或人员"))
    for kind, rows in (("部门", departments), ("窗口", windows), ("人员", staff)):
        seen = set()
        for where, row in rows:
            if row.id in seen:
                problems.append(InvalidInput(f"{where}.id", f"{kind}编号 {row.id} 重复"))
            seen.add(row.id)
    dept_ids = {r.id for _, r in departments}
    window_dept = {r.id: r.department for _, r in windows}
    people = {r.id: r for _, r in staff}
    for where, w in windows:
        if w.department not in dept_ids:
            problems.append(InvalidInput(f"{where}.department", f"部门 {w.department} 不存在"))
        if w.head and (w.head not in people or people[w.head].window != w.id or people[w.head].role != Role.head):
            problems.append(InvalidInput(f"{where}.head", f"窗口负责人 {w.head} 应为本窗口角色为 head 的人员"))
    for where, s in staff:
        if s.window and s.window not in window_dept:
            problems.append(InvalidInput(f"{where}.window", f"窗口 {s.window} 不存在"))
        if s.department and s.department not in dept_ids:
            problems.append(InvalidInput(f"{where}.department", f"部门 {s.department} 不存在"))
        if s.role in (Role.head, Role.staff, Role.intern) and not s.window:
            problems.append(InvalidInput(f"{where}.window", "窗口人员必须属于一个窗口"))
        if s.role == Role.department and not s.department:
            problems.append(InvalidInput(f"{where}.department", "部门联系人必须属于一个部门"))
        if s.window and s.department and window_dept.get(s.window) not in (None, s.department):
            problems.append(InvalidInput(f"{where}.department", f"与窗口 {s.window} 所属部门不一致"))
        if s.b_post:
            partner = people.get(s.b_post)
            if partner is None or partner.window != s.window or s.b_post == s.id:
                problems.append(InvalidInput(f"{where}.b_post", f"B岗 {s.b_post} 必须是同一窗口的其他人员（AB岗工作制度 2）"))
    if problems:
        raise ValidationFailed(problems)
    return [r for _, r in departments], [r for _, r in windows], [r for _, r in staff]


def import_org(*, session: Session, path: Path) -> dict[str, int]:
    """Validate the whole file, then upsert everything in the caller's transaction."""
    departments, windows, staff = validate_org(path)
    for d in departments:
        session.merge(Department(**d.model_dump()))
    session.flush()
    for w in windows:
        session.merge(Window(id=w.id, name=w.name, department_id=w.department, head_id=w.head,
                             saturday_service=w.saturday_service, lunch_service=w.lunch_service))
    session.flush()
    for s in staff:
        department = s.department or next((w.department for w in windows if w.id == s.window), None)
        session.merge(Staff(id=s.id, name=s.name, window_id=s.window, department_id=department,
                            role=s.role, employment=s.employment, qualification=s.qualification,
                            posted_since=s.posted_since, status=s.status, phone=s.phone,
                            email=s.email, b_post_id=s.b_post))
    return {"departments": len(departments), "windows": len(windows), "staff": len(staff)}
