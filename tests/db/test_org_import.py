"""`center org import`: YAML and CSV, validated as a whole, nothing written on any error."""
from __future__ import annotations

import pytest
from sqlmodel import select

from models.core.db import session_scope
from models.core.org import Staff, Window
from support.cli import ROOT, run_cli
from support.snapshot import snapshot

pytestmark = pytest.mark.usefixtures("db")
ORG = ROOT / "examples" / "org.yaml"


def test_the_sample_organisation_imports(capsys):
    result = run_cli(capsys, "org", "import", ORG)
    with session_scope() as session:
        one_person = session.get(Window, "W04")
        members = session.exec(select(Staff).where(Staff.window_id == "W04")).all()
    assert result.code == 0 and "部门 5 个" in result.out and len(members) == 1 and one_person.head_id == "S0401"


def test_importing_twice_updates_without_duplicating(capsys):
    run_cli(capsys, "org", "import", ORG)
    before = snapshot()
    run_cli(capsys, "org", "import", ORG)
    assert snapshot() == before


def test_a_csv_with_a_kind_column_imports(tmp_path, capsys):
    path = tmp_path / "org.csv"
    path.write_text("kind,id,name,department,window,role,b_post\n"
                    "departments,d1,区税务局,,,,\n"
                    "windows,w1,税务窗口,d1,,,\n"
                    "staff,s1,甲,,w1,staff,s2\n"
                    "staff,s2,乙,,w1,staff,s1\n", encoding="utf-8")
    result = run_cli(capsys, "org", "import", path)
    with session_scope() as session:
        assert result.code == 0 and session.get(Staff, "s1").department_id == "d1"


@pytest.mark.parametrize(("content", "suffix", "expected"), [
    ("windows:\n  - {id: w1, name: 窗口, department: nowhere}\n", ".yaml", "windows[0].department: 部门 nowhere 不存在"),
    ("departments:\n  - {id: d1, name: 甲}\nstaff:\n  - {id: s1, name: 乙, window: w9}\n", ".yaml", "staff[0].window: 窗口 w9 不存在"),
    ("departments:\n  - {id: d1, name: 甲}\n  - {id: d1, name: 乙}\n", ".yaml", "departments[1].id: 部门编号 d1 重复"),
    ("staff:\n  - {id: s1, name: 乙, role: boss}\n", ".yaml", "staff[0].role: 取值「boss」无效"),
    ("staff:\n  - {id: s1, name: 乙, phone: '123'}\n", ".yaml", "staff[0].phone"),
    ("kind,id\nstaff,s1\n", ".csv", "第2行.name: 必填"),
    ("id,name\ns1,甲\n", ".csv", "缺少 kind 列"),
    ("departments: [1, 2]\n", ".yaml", "departments 应为列表"),
    ("departments:\n  - {id: 'a b', name: 甲}\n", ".yaml", "departments[0].id"),
])
def test_invalid_files_are_refused_naming_the_place_and_write_nothing(tmp_path, capsys, content, suffix, expected):
    run_cli(capsys, "org", "import", ORG)
    before = snapshot()
    path = tmp_path / f"bad{suffix}"
    path.write_text(content, encoding="utf-8")
    result = run_cli(capsys, "org", "import", path)
    assert result.code == 2 and expected in result.err and snapshot() == before


def test_a_b_post_in_another_window_is_refused(tmp_path, capsys):
    path = tmp_path / "org.yaml"
    path.write_text(ORG.read_text(encoding="utf-8").replace("b_post: S0102, phone", "b_post: S0202, phone"), encoding="utf-8")
    result = run_cli(capsys, "org", "import", path)
    assert result.code == 2 and "B岗 S0202 必须是同一窗口的其他人员" in result.err


def test_a_file_that_is_not_utf8_is_refused(tmp_path, capsys):
    path = tmp_path / "org.csv"
    path.write_bytes("kind,id,name\ndepartments,d1,区税务局\n".encode("gbk"))
    result = run_cli(capsys, "org", "import", path)
    assert result.code == 2 and "不是 UTF-8 编码" in result.err
