"""The matter list after decisions: refusals undone, cancellations, `current_guide` for the windows."""
from __future__ import annotations

import pytest

from models.core.db import session_scope
from models.core.errors import PolicyViolation
from models.matter.store import get_matter
from models.matter.guides import current_guide
from models.matter.inputs import MatterKind, MatterStatus, Original, parse_request
from support.matters import decide, file_and_screen, sample, through

pytestmark = pytest.mark.usefixtures("org")
CHANGED = {"materials": [{"name": "居民身份证", "form": "有效期内的第二代居民身份证", "original": "原件"},
                         {"name": "失业登记申请表", "form": "A4纸，本人签名", "copies": 2, "original": "原件"}]}


def _status(code: str = "QP-RSJ-001") -> MatterStatus:
    with session_scope() as session:
        return get_matter(session=session, code=code).status


def test_the_current_guide_gives_a_window_what_it_needs():
    through(sample())
    with session_scope() as session:
        g = current_guide(session=session, code="QP-RSJ-001")
    first = g.materials[0]
    assert (g.kind, g.promised_days, g.statutory_days, g.window_id, g.department_id) == (
        MatterKind.promised, 3, 15, "W01", "rsj")
    assert (first.name, first.form, first.copies, first.original) == ("居民身份证", "有效期内的第二代居民身份证", 1,
                                                                      Original.original)


def test_a_matter_under_change_is_still_served_by_its_current_guide():
    through(sample())
    file_and_screen(sample(request="change", guide=CHANGED))
    with session_scope() as session:
        guide = current_guide(session=session, code="QP-RSJ-001")
    assert guide.status == MatterStatus.changing and guide.version == 1


def test_a_proposed_matter_is_not_served_yet():
    file_and_screen(sample())
    with session_scope() as session, pytest.raises(PolicyViolation, match="拟进驻，不在中心办理"):
        current_guide(session=session, code="QP-RSJ-001")


def test_a_cancelled_matter_is_off_the_list_for_the_windows():
    through(sample())
    through(parse_request({"request": "cancel", "code": "QP-RSJ-001", "department": "rsj", "reason": "法规废止"}))
    with session_scope() as session, pytest.raises(PolicyViolation, match="已取消"):
        current_guide(session=session, code="QP-RSJ-001")


def test_an_exit_takes_the_matter_off_the_list():
    through(sample())
    through(parse_request({"request": "退出", "code": "QP-RSJ-001", "department": "rsj", "reason": "划转市级办理"}))
    assert _status() == MatterStatus.exited


def test_a_change_refused_by_the_management_section_leaves_the_matter_as_it_was():
    through(sample())
    ref, _ = file_and_screen(sample(request="change", guide=CHANGED))
    decide(ref, "forward", "Q001")
    decide(ref, "review", "G001", approve=False, comment="申请表样式未附")
    with session_scope() as session:
        assert (_status(), current_guide(session=session, code="QP-RSJ-001").version) == (MatterStatus.active, 1)


def test_an_onboarding_returned_by_the_district_office_is_not_listed():
    ref, _ = file_and_screen(sample())
    assert decide(ref, "forward", "Q001", approve=False, comment="请先完成部门内部审核") == "returned"
    assert _status() == MatterStatus.rejected


def test_a_returned_onboarding_may_be_filed_again():
    ref, _ = file_and_screen(sample())
    decide(ref, "forward", "Q001", approve=False, comment="请补充申请理由")
    _, status = file_and_screen(sample(reason="按“一网通办”要求进驻，已经部门党组会议研究"))
    assert status == "submitted" and _status() == MatterStatus.proposed


def test_a_branch_window_matter_stays_on_the_list():
    through(sample("branch-window"))
    with session_scope() as session:
        g = current_guide(session=session, code="QP-GAJ-101")
    assert g.window_id is None and g.branch.name == "青浦区公安分局交警支队车辆管理所"
