"""IT access requests decided by the IT section with the allowed configuration registered
(登记备案), and recorded violations: deduction, and repeated serious ones withdraw eligibility
(IT设备使用管理规定 二)."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import select

from models.core.cases import WorkItem
from models.core.db import session_scope
from models.core.errors import PermissionDenied, PolicyViolation
from models.it_access.inputs import ItRequestInput, ItViolationInput
from models.it_access.tables import AllowedConfig
from models.core.ledger import EligibilityWithdrawal, LedgerEntry
from tasks.core.advance import advance_case
from tasks.it_access.steps import submit_request
from tasks.it_access.violation import record_violation
from tasks.core.step_context import plain_calls
from support.snapshot import snapshot
from tasks.core.workitems import record_decision

NOW = datetime(2026, 10, 12, 10, 0)
CONFIG = {"ip_address": "10.20.1.15", "gateway": "10.20.1.1", "netmask": "255.255.255.0"}


def request(device="社保自助终端 ZZ-03", actor="S0101", window="W01") -> str:
    return submit_request(request=ItRequestInput(window_id=window, kind="connect", device=device, purpose="自助打印"),
                          actor=actor, now=NOW)[0]


def decide(ref: str, step: str, actor: str, **decision) -> None:
    with session_scope() as session:
        item = session.exec(select(WorkItem).where(WorkItem.case_ref == ref, WorkItem.step == step)).one()
    record_decision(item_id=item.id, actor=actor, decision=decision, at=NOW)


def advance(case_ref: str, actor: str) -> str:
    """The advance flow's body: the generic step (tasks/core/advance.py) until a person must act."""
    with plain_calls():
        return advance_case(case_ref=case_ref, actor=actor)


def configs() -> list[tuple]:
    with session_scope() as session:
        return [(c.case_ref, c.ip_address, c.gateway, c.netmask, c.registered_by)
                for c in session.exec(select(AllowedConfig)).all()]


def test_an_approval_registers_the_allowed_configuration(org):
    ref = request()
    decide(ref, "decide", "I001", approve=True, **CONFIG)
    assert advance(case_ref=ref, actor="I001") == "approved"
    assert configs() == [(ref, "10.20.1.15", "10.20.1.1", "255.255.255.0", "I001")]


def test_a_refusal_registers_nothing(org):
    ref = request()
    decide(ref, "decide", "I001", approve=False, comment="无业务依据")
    assert (advance(case_ref=ref, actor="I001"), configs()) == ("refused", [])


@pytest.mark.parametrize("actor", ["G001", "S0101"])  # the management section; the window's own head
def test_only_the_it_section_decides_and_a_refused_decision_writes_nothing(org, actor):
    ref = request()
    before = snapshot()
    with pytest.raises(PermissionDenied, match="角色不符"):
        decide(ref, "decide", actor, approve=True, **CONFIG)
    assert snapshot() == before


def test_only_the_windows_head_applies_for_it(org):
    with pytest.raises(PermissionDenied, match="社保综合窗口的窗口负责人"):
        request(actor="S0102")


def test_an_address_already_allowed_to_another_device_is_refused(org):
    first, second = request(), request(device="社保自助终端 ZZ-04")
    decide(first, "decide", "I001", approve=True, **CONFIG)
    advance(case_ref=first, actor="I001")
    with pytest.raises(PolicyViolation, match="已登记给W01 的设备「社保自助终端 ZZ-03」"):
        decide(second, "decide", "I001", approve=True, **CONFIG)


def violation(on: date, serious=True, staff="S0103") -> str:
    return record_violation(violation=ItViolationInput(window_id="W01", staff_id=staff, kind="unauthorised_software",
                                                       serious=serious, observed_on=on, description="安装游戏软件"),
                            actor="I001", now=NOW)[0]


def review(ref: str, approve: bool = True) -> str:
    decide(ref, "review", "G001", approve=approve, comment="" if approve else "已卸载，初犯")
    return advance(case_ref=ref, actor="G001")


def test_a_confirmed_violation_deducts_the_responsible_person(org):
    ref = violation(date(2026, 3, 2))
    assert review(ref) == "deducted"
    with session_scope() as session:
        assert [(e.subject_id, e.points, e.case_ref) for e in session.exec(select(LedgerEntry)).all()] == [
            ("S0103", 1.0, ref)]


def test_a_dismissed_violation_deducts_nothing(org):
    assert review(violation(date(2026, 3, 2)), approve=False) == "dismissed"
    with session_scope() as session:
        assert session.exec(select(LedgerEntry)).all() == []


def test_the_second_serious_violation_of_the_year_withdraws_eligibility(org):
    review(violation(date(2026, 3, 2)))
    review(violation(date(2026, 4, 1), serious=False))
    with session_scope() as session:
        assert session.exec(select(EligibilityWithdrawal)).all() == []
    second = violation(date(2026, 9, 8))
    review(second)
    with session_scope() as session:
        [withdrawn] = session.exec(select(EligibilityWithdrawal)).all()
    assert (withdrawn.subject_id, withdrawn.year, withdrawn.case_ref) == ("S0103", 2026, second)


def test_only_the_it_section_or_management_records_violations(org):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        record_violation(violation=ItViolationInput(window_id="W01", kind="extra_internet", observed_on=date(2026, 3, 2),
                                                    description="私接无线路由器"), actor="S0101", now=NOW)
    assert snapshot() == before


@pytest.mark.parametrize("actor", ["I001", "S0101"])  # the IT section that recorded it; the window's head
def test_only_the_management_section_decides_the_deduction_and_a_refusal_writes_nothing(org, actor):
    ref = violation(date(2026, 3, 2))
    before = snapshot()
    with pytest.raises(PermissionDenied, match="角色不符"):
        decide(ref, "review", actor, approve=True, comment="")
    assert snapshot() == before
