"""`center org import` of a partial file (issue 19, defect 6): merged onto the whole organisation,
nothing the file does not mention blanked, an inconsistent result refused whole, `--as` required
once the organisation exists and every change audited — on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from models.core.cases import AuditEvent
from models.core.db import session_scope
from models.core.org import Department, Role, Staff, Window
from models.core.org_import import import_org
from support.cli import ROOT, run_cli
from support.snapshot import snapshot

ISSUE_19_DEFECTS = (6,)  # counted in the reliability summary when these tests pass

ORG = ROOT / "examples" / "org.yaml"


@pytest.fixture
def sample(any_db):
    with session_scope() as session:
        import_org(session=session, path=ORG)


def _file(tmp_path, text: str, suffix: str = ".csv"):
    path = tmp_path / f"org{suffix}"
    path.write_text(text, encoding="utf-8")
    return path


def _audit() -> list[dict]:
    with session_scope() as session:
        return [{**e.details, "actor": e.actor} for e in session.exec(select(AuditEvent).where(AuditEvent.case_ref == "org"))]


@pytest.mark.usefixtures("sample")
def test_a_one_row_csv_changes_only_what_it_gives_and_audits_it(capsys, tmp_path):
    path = _file(tmp_path, "kind,id,name,phone,email\nstaff,S0102,王芳芳,,\n")
    result = run_cli(capsys, "org", "import", path, "--as", "G001")
    assert result.code == 0, result
    with session_scope() as session:
        person, department = session.get(Staff, "S0102"), session.get(Department, "rsj")
        assert (person.name, person.phone, person.email) == ("王芳芳", "13700000102", "wangfang@example.gov.cn")
        assert (person.posted_since, person.b_post_id, person.window_id) == (date(2020, 4, 1), "S0101", "W01")
        assert (department.leader, department.phone, department.email) == ("王建国", "13900000001", "rsj-leader@example.gov.cn")
    assert _audit() == [{"table": "staff", "id": "S0102", "staff": "S0102", "field": "name", "old": "王芳", "new": "王芳芳", "actor": "G001"}]


@pytest.mark.usefixtures("sample")
def test_a_dash_clears_an_optional_field_and_nothing_else(capsys, tmp_path):
    path = _file(tmp_path, "staff:\n  - {id: S0102, phone: '-', email: null}\n", ".yaml")
    assert run_cli(capsys, "org", "import", path, "--as", "G001").code == 0
    with session_scope() as session:
        assert (session.get(Staff, "S0102").phone, session.get(Staff, "S0102").email) == ("", "wangfang@example.gov.cn")
    assert _audit() == [{"table": "staff", "id": "S0102", "staff": "S0102", "field": "phone", "old": "13700000102", "new": "", "actor": "G001"}]


@pytest.mark.usefixtures("sample")
@pytest.mark.parametrize(("text", "expected"), [
    # a window head moved: the old window's head would point at someone no longer there
    ("kind,id,window,role,b_post\nstaff,S0101,W02,staff,S0202\n", "窗口 W01（文件未列出）.head: 窗口负责人 S0101 应为本窗口角色为 head 的人员"),
    # a window member given the management role
    ("kind,id,role\nstaff,S0103,management\n", "第2行.role: 角色为窗口管理科的人员不能同时在窗口 W01 任职"),
    # a head who is not in the window
    ("kind,id,head\nwindows,W02,S0102\n", "第2行.head: 窗口负责人 S0102 应为本窗口角色为 head 的人员"),
    # moving a person leaves their B post in the old window
    ("kind,id,window\nstaff,S0103,W02\n", "第2行.b_post: B岗 S0104 必须是同一窗口的其他人员"),
    # … and the partner still names them as B post
    ("kind,id,window,b_post\nstaff,S0103,W02,S0202\n", "人员 S0104（文件未列出）.b_post: B岗 S0103 必须是同一窗口的其他人员"),
    # a new person needs a name; a name cannot be cleared
    ("kind,id,window\nstaff,S0999,W01\n", "第2行.name: 必填"),
    ("kind,id,name\nstaff,S0102,-\n", "第2行.name: 不能清空"),
])
def test_an_inconsistent_organisation_is_refused_whole(capsys, tmp_path, text, expected):
    before = snapshot()
    result = run_cli(capsys, "org", "import", _file(tmp_path, text), "--as", "G001")
    assert result.code == 2 and expected in result.err, result.err
    assert snapshot() == before


@pytest.mark.usefixtures("sample")
def test_a_consistent_move_goes_through_with_every_change_audited(capsys, tmp_path):
    text = ("kind,id,window,b_post\nstaff,S0103,W02,S0203\nstaff,S0104,,S0105\n"
            "staff,S0106,,S0104\n")  # S0105/S0106 and S0104 re-paired within W01
    result = run_cli(capsys, "org", "import", _file(tmp_path, text), "--as", "G001")
    assert result.code == 0, result
    with session_scope() as session:
        moved = session.get(Staff, "S0103")
        assert (moved.window_id, moved.department_id, moved.b_post_id) == ("W02", "scjgj", "S0203")
    changes = {(c["id"], c["field"]): (c["old"], c["new"]) for c in _audit()}
    assert changes == {("S0103", "window_id"): ("W01", "W02"), ("S0103", "department_id"): ("rsj", "scjgj"),
                       ("S0103", "b_post_id"): ("S0104", "S0203"), ("S0104", "b_post_id"): ("S0103", "S0105"),
                       ("S0106", "b_post_id"): ("S0105", "S0104")}


@pytest.mark.usefixtures("sample")
def test_as_is_required_once_the_organisation_exists_and_must_be_the_management_section(capsys, tmp_path):
    path = _file(tmp_path, "kind,id,name\nstaff,S0102,王芳芳\n")
    before = snapshot()
    missing = run_cli(capsys, "org", "import", path)
    assert missing.code == 2 and "--as" in missing.err and "组织架构已存在" in missing.err
    stranger = run_cli(capsys, "org", "import", path, "--as", "S0101")
    assert stranger.code == 2 and "S0101 无权导入组织架构" in stranger.err
    assert snapshot() == before


def test_the_first_import_into_an_empty_store_needs_no_actor(any_db, capsys):
    result = run_cli(capsys, "org", "import", ORG)
    assert result.code == 0 and "人员 25 名" in result.out
    with session_scope() as session:
        assert session.get(Window, "W01").head_id == "S0101" and session.get(Staff, "G001").role == Role.management
