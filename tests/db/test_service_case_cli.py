"""The service-case commands that need no flow: show a case, the month's statistics, malformed input."""
from __future__ import annotations

from datetime import datetime

import pytest

from models.service_case.inputs import ServiceIntake
from support.cli import run_cli
from support.matters import sample, through
from tasks.service_case import check_materials, complete_service_case, open_service_case

pytestmark = pytest.mark.usefixtures("org")
ID, FORM, PROOF = "居民身份证", "失业登记申请表", "解除或终止劳动合同证明"


def october_cases() -> str:
    through(sample())
    intake = ServiceIntake(applicant="李明", matter_code="QP-RSJ-001")
    ref = open_service_case(intake=intake, actor="S0102", now=datetime(2026, 10, 9, 9))
    check_materials(case_ref=ref, have=[ID], missing=[FORM, PROOF], actor="S0102", now=datetime(2026, 10, 9, 9))
    check_materials(case_ref=ref, have=[FORM, PROOF], missing=[], actor="S0102", now=datetime(2026, 10, 12, 9))
    complete_service_case(case_ref=ref, actor="S0102", now=datetime(2026, 10, 13, 9))
    open_service_case(intake=intake, actor="S0202", now=datetime(2026, 10, 9, 10))
    return ref


def test_show_gives_the_owner_the_notice_and_the_status(capsys):
    ref = october_cases()
    shown = run_cli(capsys, "service", "show", ref)
    assert shown.code == 0 and "首问责任人 S0102" in shown.out and "已办结" in shown.out
    assert f"一次性告知书第1份：{FORM}、{PROOF}" in shown.out


def test_the_month_statistics_give_on_time_rate_referrals_and_notices(capsys):
    october_cases()
    stats = run_cli(capsys, "service", "stats", "--month", "2026-10")
    assert stats.code == 0 and "共 2 件，办结 1 件" in stats.out and "按时办结率：100%" in stats.out
    assert "转办 1 件，一次性告知书 1 份" in stats.out


def test_a_malformed_month_is_refused_by_name(capsys):
    refused = run_cli(capsys, "service", "stats", "--month", "十月")
    assert refused.code == 2 and "--month" in refused.err


def test_an_unknown_channel_is_refused_before_anything_runs(capsys):
    refused = run_cli(capsys, "service", "open", "--matter", "QP-RSJ-001", "--applicant", "李明",
                      "--channel", "fax", "--as", "S0102")
    assert refused.code == 2 and "channel" in refused.err


def test_a_malformed_mobile_number_is_refused_by_name_before_anything_runs(capsys):
    refused = run_cli(capsys, "service", "open", "--matter", "QP-RSJ-001", "--applicant", "李明",
                      "--phone", "5970", "--as", "S0102")
    assert refused.code == 2 and "phone" in refused.err and "应为11位手机号码" in refused.err
