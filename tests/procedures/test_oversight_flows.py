"""The oversight registers' flows against a real Prefect API: the month-end patrol summary and the
annual assessment published as artifacts, the training roll call and the IT decision advanced by
`decide_work_item`, and the commands' refusals (exit status 2, nothing written)."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from prefect.artifacts import Artifact
from sqlmodel import func, select

from flows.annual_assessment import AssessmentYear, annual_assessment
from flows.core.decide import decide_work_item
from flows.training import arrange_training
from flows.it_access import record_it_violation, submit_it_request
from flows.patrol import monthly_patrol_summary, record_patrol_flow
from models.core.cases import Case, WorkItem
from models.core.db import session_scope
from models.it_access.inputs import ItRequestInput, ItViolationInput
from models.it_access.tables import AllowedConfig
from models.core.ledger import LedgerEntry, SubjectKind, deduct
from models.patrol.inputs import PatrolInput
from models.training.inputs import TrainingInput
from support.cli import run_cli
from support.snapshot import snapshot

pytestmark = pytest.mark.usefixtures("org")
W01_DRESS = {"window_id": "W01", "staff_id": "S0103", "item": "dress", "description": "未佩戴胸牌", "deduct": True}


def item_of(ref: str) -> int:
    with session_scope() as session:
        return session.exec(select(WorkItem.id).where(WorkItem.case_ref == ref)).one()


def test_the_month_end_summary_is_published_as_the_artifact_of_the_month():
    record_patrol_flow(patrol=PatrolInput(at=datetime(2026, 10, 29, 9, 40), kind="walkthrough", windows=["W01", "W02"],
                                          findings=[W01_DRESS]), actor="G001", now=datetime(2026, 10, 29, 10))
    [result] = monthly_patrol_summary(as_of=datetime(2026, 10, 30, 17, 30))
    artifact = Artifact.get("patrol-month-2026-10")
    assert result["notified"] == ["W01"] and "月度巡查情况 2026-10" in artifact.data and "未佩戴胸牌" in artifact.data


def test_nothing_is_summarised_before_the_month_ends():
    record_patrol_flow(patrol=PatrolInput(at=datetime(2026, 10, 29, 9, 40), kind="camera", windows=["W01"]),
                       actor="G001", now=datetime(2026, 10, 29, 10))
    assert monthly_patrol_summary(as_of=datetime(2026, 10, 29, 17, 30)) == []


def test_the_roll_call_command_closes_the_session_with_its_deductions(capsys):
    ref = arrange_training(request=TrainingInput(topic="服务礼仪", category="etiquette", windows=["W03"],
                                                 starts_at=datetime(2026, 10, 15, 14), ends_at=datetime(2026, 10, 15, 15)),
                           actor="G001", now=datetime(2026, 10, 12, 9))["case_ref"]
    result = run_cli(capsys, "training", "roll-call", ref, "--present", "S0301", "--as", "G001")
    with session_scope() as session:
        absent = session.exec(select(LedgerEntry.subject_id).where(LedgerEntry.case_ref == ref)).all()
    assert (result.code, absent) == (0, ["S0302"]) and "已点名" in result.out


def test_the_it_sections_approval_registers_the_configuration():
    ref = submit_it_request(request=ItRequestInput(window_id="W02", kind="lan", device="企业登记专网交换机",
                                                   purpose="市场监管业务专网"), actor="S0201",
                            now=datetime(2026, 10, 12, 9))["case_ref"]
    status = decide_work_item(item_id=item_of(ref), actor="I001", decision={
        "approve": True, "ip_address": "10.30.0.2", "gateway": "10.30.0.1", "netmask": "255.255.255.0"})
    with session_scope() as session:
        config = session.exec(select(AllowedConfig)).one()
    assert (status, config.case_ref, config.ip_address) == ("approved", ref, "10.30.0.2")


def test_the_annual_assessment_is_published_as_an_artifact():
    with session_scope() as session:
        deduct(session=session, subject_kind=SubjectKind.window, subject_id="W01", kind="patrol.other", points=1.0,
               reason="测试", case_ref="XC-2026-000001", on=date(2026, 6, 1))
    report = annual_assessment(request=AssessmentYear(year=2026), actor="G001", as_of=datetime(2027, 1, 5, 9))
    assert report["windows"][-1]["id"] == "W01" and "窗口负责人排名" in Artifact.get("annual-assessment-2026").data


def test_the_patrol_command_refuses_a_window_head_with_exit_2_and_writes_nothing(capsys):
    result = run_cli(capsys, "patrol", "record", "--windows", "W01", "--at", "2026-10-12 09:40",
                     "--deduct", "W01/S0103/着装/未佩戴胸牌", "--as", "S0101")
    with session_scope() as session:
        cases = session.exec(select(func.count()).select_from(Case)).one()
    assert (result.code, cases) == (2, 0) and "只有窗口管理科" in result.err


def test_the_patrol_command_names_a_malformed_finding(capsys):
    result = run_cli(capsys, "patrol", "record", "--windows", "W01", "--finding", "W01/着装", "--as", "G001")
    assert result.code == 2 and "--finding" in result.err and "窗口/工号/项目/情况" in result.err


def test_the_assessment_command_lists_who_lost_eligibility_and_why(capsys):
    run_cli(capsys, "patrol", "record", "--windows", "W02", "--at", "2026-10-12 09:40",
            "--finding", "W02/S0203/吸烟/在楼梯间吸烟", "--as", "G001")
    result = run_cli(capsys, "assessment", "year", "2026", "--as", "G001", "--as-of", "2027-01-05 09:00")
    assert result.code == 0 and "取消服务明星资格：马超（S0203），在禁烟区域内吸烟" in result.out


def test_the_it_decide_command_refuses_a_gateway_outside_the_network(capsys):
    ref = submit_it_request(request=ItRequestInput(window_id="W01", kind="connect", device="ZZ-03", purpose="自助打印"),
                            actor="S0101", now=datetime(2026, 10, 12, 9))["case_ref"]
    result = run_cli(capsys, "it", "decide", ref, "--approve", "--ip", "10.20.1.15", "--gateway", "10.20.2.1",
                     "--mask", "255.255.255.0", "--as", "I001")
    with session_scope() as session:
        assert session.exec(select(WorkItem.status).where(WorkItem.case_ref == ref)).one() == "open"
    assert result.code == 2 and "网关 10.20.2.1 不在网段 10.20.1.0/24 内" in result.err


def test_the_patrol_command_refuses_a_finding_of_an_item_not_checked_and_writes_nothing(capsys):
    before = snapshot()
    result = run_cli(capsys, "patrol", "record", "--windows", "W02", "--kind", "监控", "--items", "着装,评价器",
                     "--at", "2026-10-12 09:40", "--deduct", "W02/S0203/吸烟/在楼梯间吸烟", "--as", "G001")
    assert (result.code, snapshot() == before) == (2, True) and "本次巡查未检查「禁烟」" in result.err


def test_the_it_section_cannot_confirm_the_deduction_of_a_violation_it_recorded(capsys):
    ref = record_it_violation(violation=ItViolationInput(
        window_id="W01", staff_id="S0103", kind="shared_account", observed_on=date(2026, 10, 9),
        description="使用他人帐号登录"), actor="I001", now=datetime(2026, 10, 12, 9))["case_ref"]
    before = snapshot()
    result = run_cli(capsys, "it", "review", ref, "--confirm", "--as", "I001")
    assert (result.code, snapshot() == before) == (2, True) and "无权" in result.err


def test_the_management_section_confirms_the_deductions_of_another_sections_roll_call(capsys):
    ref = arrange_training(request=TrainingInput(topic="政务外网安全", category="skills", windows=["W03"],
                                                 organiser="it_section", starts_at=datetime(2026, 10, 15, 14),
                                                 ends_at=datetime(2026, 10, 15, 15)),
                           actor="I001", now=datetime(2026, 10, 12, 9))["case_ref"]
    called = run_cli(capsys, "training", "roll-call", ref, "--present", "S0301", "--as", "I001")
    reviewed = run_cli(capsys, "training", "review", ref, "--confirm", "--as", "G001")
    with session_scope() as session:
        absent = session.exec(select(LedgerEntry.subject_id).where(LedgerEntry.case_ref == ref)).all()
    assert "待窗口管理科确认扣分" in "".join(called.out.split()) and (reviewed.code, absent) == (0, ["S0302"])
