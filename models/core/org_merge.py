"""Merging an organisation file onto the organisation in the store (`center org import`, issue 19
defect 6): all or nothing against the WHOLE organisation.

- A field the file does not give is kept: a missing key or column, an empty cell, a YAML null.
  `-` clears an optional field (a B post, a window head, a phone number …) explicitly.
- A new department, window or person needs its name (a window its department too).
- The merged organisation must be consistent (派驻部门窗口负责人岗位职责; AB岗工作制度 2): a window's head is a
  member of that window with the head role; a member of a center section (窗口管理科 …) or a
  department contact has no window posting; window people have a window; a B post is another
  person of the same window, on post and not an intern (the one rule, models.rules.ab_posts; mutual
  A/B pairs are the rule's normal case, so cycles are allowed).
  Only problems the file would bring are refused — one already in the store does not block an
  unrelated import — and each is named with the file's line or the record it concerns.
- Once an organisation exists the import needs `--as` (the management section) and every change is
  audited: table, id, field, old, new, actor (audit case reference `ORG`).
"""
from __future__ import annotations

from datetime import date
from enum import Enum

from sqlmodel import Session, select

from models.core.cases import audit
from models.core.errors import InvalidInput
from models.core.org import CENTER_ROLES, ORG_AUDIT_REF, ROLE_LABELS, Department, Role, Staff, Window
from models.rules.ab_posts import OTHER_WINDOW, REASONS, SELF, Post, b_post_problems, on_roster


TABLES = {"departments": Department, "windows": Window, "staff": Staff}
LABELS = {"departments": "部门", "windows": "窗口", "staff": "人员"}
# file field → column
COLUMNS = {"departments": {"name": "name", "leader": "leader", "phone": "phone", "email": "email"},
           "windows": {"name": "name", "department": "department_id", "head": "head_id",
                       "saturday_service": "saturday_service", "lunch_service": "lunch_service", "phone": "phone"},
           "staff": {"name": "name", "window": "window_id", "department": "department_id", "role": "role",
                     "employment": "employment", "qualification": "qualification", "posted_since": "posted_since",
                     "status": "status", "phone": "phone", "email": "email", "b_post": "b_post_id"}}
REQUIRED_NEW = {"departments": ("name",), "windows": ("name", "department"), "staff": ("name",)}
CLEARABLE = {"departments": {"leader", "phone", "email"}, "windows": {"head", "phone"},
             "staff": {"window", "department", "qualification", "posted_since", "phone", "email", "b_post"}}
WINDOW_ROLES = {Role.head, Role.staff, Role.intern}

State = dict[str, dict[str, dict]]


def current_state(session: Session) -> State:
    return {table: {row.id: row.model_dump() for row in session.exec(select(model)).all()}
            for table, model in TABLES.items()}


def merge(state: State, rows: dict[str, list[tuple[str, str, dict]]]) -> tuple[State, list[InvalidInput]]:
    """`rows`: table → [(where, id, {file field: value, or None to clear})]. Returns the merged state
    (a copy) and the problems of the rows themselves (a new record without its name …)."""
    merged = {table: {key: dict(record) for key, record in records.items()} for table, records in state.items()}
    problems = []
    for table in TABLES:
        for where, key, values in rows.get(table, []):
            record = merged[table].get(key)
            if record is None:
                problems += [InvalidInput(field=f"{where}.{field}", message=f"必填（新增{LABELS[table]} {key}）")
                             for field in REQUIRED_NEW[table] if values.get(field) is None]
                record = merged[table][key] = _blank(TABLES[table], key)
            for field, value in values.items():
                record[COLUMNS[table][field]] = _cleared(TABLES[table], COLUMNS[table][field]) if value is None else value
            if table == "staff" and "window" in values and "department" not in values and record["window_id"]:
                window = merged["windows"].get(record["window_id"])  # a posting brings its department
                if window is not None:
                    record["department_id"] = window["department_id"]
    return merged, problems


def _blank(model, key: str) -> dict:
    """A new record: the model's defaults, None where the file must give a value."""
    return {**{name: None if field.is_required() else field.get_default(call_default_factory=True)
               for name, field in model.model_fields.items()}, "id": key}


def _cleared(model, column: str):
    return None if model.model_fields[column].default is None else model.model_fields[column].default


def inconsistencies(state: State) -> dict[tuple[str, str, str, str], str]:
    """(table, id, field, rule) → message, for every inconsistency of an organisation."""
    found = {}
    departments, windows, staff = state["departments"], state["windows"], state["staff"]
    for key, w in windows.items():
        if w["department_id"] not in departments:
            found["windows", key, "department", "exists"] = f"部门 {w['department_id']} 不存在"
        head = staff.get(w["head_id"]) if w["head_id"] else None
        if w["head_id"] and (head is None or head["window_id"] != key or head["role"] != Role.head):
            found["windows", key, "head", "head"] = (f"窗口负责人 {w['head_id']} 应为本窗口角色为 head 的人员"
                                                     + (f"（现在窗口 {head['window_id']}，角色 {head['role']}）" if head else ""))
    for key, s in staff.items():
        role, window = Role(s["role"]), s["window_id"]
        if window and window not in windows:
            found["staff", key, "window", "exists"] = f"窗口 {window} 不存在"
        if s["department_id"] and s["department_id"] not in departments:
            found["staff", key, "department", "exists"] = f"部门 {s['department_id']} 不存在"
        if role in WINDOW_ROLES and not window:
            found["staff", key, "window", "posting"] = "窗口人员必须属于一个窗口"
        if (role in CENTER_ROLES or role == Role.department) and window:
            found["staff", key, "role", "posting"] = f"角色为{ROLE_LABELS[role]}的人员不能同时在窗口 {window} 任职"
        if role == Role.department and not s["department_id"]:
            found["staff", key, "department", "posting"] = "部门联系人必须属于一个部门"
        if window in windows and s["department_id"] and windows[window]["department_id"] != s["department_id"]:
            found["staff", key, "department", "window"] = f"与窗口 {window} 所属部门不一致"
        if s["b_post_id"]:
            found.update(_b_post_problems(key, s, staff.get(s["b_post_id"])))
    return found


def _post(key: str, record: dict) -> Post:
    return Post(key, record["window_id"], Role(record["role"]), on_roster(record["status"]))


def _b_post_problems(key: str, s: dict, partner: dict | None) -> dict[tuple[str, str, str, str], str]:
    """The one B-post rule (models.rules.ab_posts): another person of the same window, on post, not an intern."""
    b = s["b_post_id"]
    codes = [OTHER_WINDOW] if partner is None else b_post_problems(_post(key, s), _post(b, partner))
    found = {}
    if SELF in codes or OTHER_WINDOW in codes:
        found["staff", key, "b_post", "same_window"] = f"B岗 {b} 必须是同一窗口的其他人员（AB岗工作制度 2）"
    for code in codes:
        if code not in (SELF, OTHER_WINDOW):
            found["staff", key, "b_post", code] = f"B岗 {b} {REASONS[code]}"
    return found


def new_problems(before: State, after: State, where_of: dict[tuple[str, str], str]) -> list[InvalidInput]:
    """The inconsistencies the merge brings, each named by the file's place or the record."""
    old = inconsistencies(before)
    return [InvalidInput(field=f"{where_of.get((table, key)) or f'{LABELS[table]} {key}（文件未列出）'}.{field}", message=message)
            for (table, key, field, rule), message in sorted(inconsistencies(after).items()) if (table, key, field, rule) not in old]


def write(session: Session, before: State, after: State, actor: str | None) -> int:
    """Write what changed, table by table (their foreign keys in order); audit each field when an
    organisation existed before. Returns the number of changed fields."""
    changed = 0
    for table, model in TABLES.items():
        for key, record in after[table].items():
            old = before[table].get(key)
            fields = [c for c in record if c != "id" and (old is None or old[c] != record[c])]
            if not fields:
                continue
            row = session.get(model, key) or model(id=key)
            for column in fields:
                setattr(row, column, record[column])
                if actor is not None:
                    audit(session=session, case_ref=ORG_AUDIT_REF, actor=actor, action="org:import",
                          details={"table": table, "id": key, **_whose(table, key), "field": column,
                                   "old": _plain(old[column]) if old else None, "new": _plain(record[column])})
            session.add(row)
            changed += len(fields)
        session.flush()
    return changed


def _plain(value):
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


def _whose(table: str, key: str) -> dict:
    """The key the organisation's history is read by (models.core.org_edit.org_changes)."""
    return {"staff": key} if table == "staff" else {"department": key} if table == "department" else {}
