"""Publishing the guides: an index by window of the matters in service, one page each, escaped."""
from __future__ import annotations

import pytest

from models.matter.guides import page_path, site_dir
from models.matter.inputs import parse_request
from support.matters import file_and_screen, sample, through
from tasks.matter.site import publish_guides

pytestmark = pytest.mark.usefixtures("org")


def _index() -> str:
    return (site_dir() / "index.html").read_text(encoding="utf-8")


def test_publish_writes_the_index_and_one_page_per_matter():
    through(sample())
    through(sample("branch-window"))
    report = publish_guides()
    assert report["pages"] == 2 and page_path("QP-RSJ-001").is_file() and page_path("QP-GAJ-101").is_file()


def test_the_index_lists_only_matters_in_service():
    through(sample())
    file_and_screen(sample(code="QP-RSJ-002", name="就业困难人员认定"))  # proposed
    through(sample(code="QP-RSJ-003", name="退休审批"))
    through(parse_request({"request": "cancel", "code": "QP-RSJ-003", "department": "rsj", "reason": "职能划转"}))
    index = _index()
    assert "QP-RSJ-001" in index and "QP-RSJ-002" not in index and "QP-RSJ-003" not in index


def test_a_cancelled_matter_loses_its_page():
    through(sample())
    through(parse_request({"request": "cancel", "code": "QP-RSJ-001", "department": "rsj", "reason": "法规废止"}))
    assert not page_path("QP-RSJ-001").exists()


def test_html_in_a_field_is_escaped():
    through(sample(name="失业登记<b>加急</b>", guide={"basis": "<script>alert('x')</script>"}))
    page = page_path("QP-RSJ-001").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page and "失业登记&lt;b&gt;加急&lt;/b&gt;" in _index()


def test_chinese_is_intact_in_utf8():
    through(sample())
    page = page_path("QP-RSJ-001").read_bytes().decode("utf-8")
    assert '<meta charset="utf-8">' in page and "《就业服务与就业管理规定》第六十三条" in page


def test_the_index_groups_matters_by_window_and_branch():
    through(sample())
    through(sample("branch-window"))
    index = _index()
    assert index.index("W01 社保综合窗口（区人力资源和社会保障局）") < index.index("分中心：青浦区公安分局交警支队车辆管理所")


def test_a_change_is_shown_at_once_in_its_new_version():
    through(sample())
    through(sample(request="change", guide={"steps": "网上申请 → 窗口核验 → 办结"}))
    page = page_path("QP-RSJ-001").read_text(encoding="utf-8")
    assert "第2版" in page and "网上申请 → 窗口核验 → 办结" in page


def test_publishing_twice_gives_the_same_files():
    through(sample())
    first = _index(), page_path("QP-RSJ-001").read_text(encoding="utf-8")
    publish_guides()
    assert (_index(), page_path("QP-RSJ-001").read_text(encoding="utf-8")) == first
