"""The matter flows against a real Prefect API: request → forward → approve → published; the
command line; the quarterly review."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import func, select

from flows.core.decide import decide_work_item
from flows.matter import advance_matter, matter_list_review, matter_onboarding
from models.core.cases import Case, WorkItem
from models.core.db import session_scope
from models.matter.guides import page_path
from models.core.outbox import OutboxMessage
from support.cli import run_cli
from support.matters import EXAMPLES, open_item, sample, through
from tasks.core.delivery import deliver_due

pytestmark = pytest.mark.usefixtures("org")


def _approved_through_the_flows() -> str:
    ref = matter_onboarding(request=sample(), actor="D-rsj")["case_ref"]
    decide_work_item(item_id=open_item(ref, "forward").id, actor="Q001", decision={"approve": True})
    status = decide_work_item(item_id=open_item(ref, "review").id, actor="G001", decision={"approve": True})
    assert status == "published"
    return ref


def test_an_approved_onboarding_is_published_and_the_department_told_where(channels):
    smtp, _ = channels
    _approved_through_the_flows()
    deliver_due()
    body = smtp.text(smtp.to("rsj-hr@example.gov.cn")[-1])
    assert page_path("QP-RSJ-001").is_file() and str(page_path("QP-RSJ-001")) in body


def test_running_the_advance_again_changes_nothing():
    ref = through(sample())
    with session_scope() as session:
        before = session.exec(select(func.count()).select_from(OutboxMessage)).one()
    assert advance_matter(case_ref=ref, actor="G001") == "published"
    with session_scope() as session:
        assert session.exec(select(func.count()).select_from(OutboxMessage)).one() == before


def test_a_refusal_tells_the_department_why(channels):
    smtp, _ = channels
    ref = matter_onboarding(request=sample(), actor="D-rsj")["case_ref"]
    status = decide_work_item(item_id=open_item(ref, "forward").id, actor="Q001",
                              decision={"approve": False, "comment": "请先报部门党组审议"})
    deliver_due()
    body = smtp.text(smtp.to("rsj-hr@example.gov.cn")[-1])
    assert status == "returned" and "未获区政务服务办同意" in body and "请先报部门党组审议" in body


def test_the_request_command_prints_every_gap_at_once(capsys):
    result = run_cli(capsys, "matters", "request", EXAMPLES / "with-gaps.yaml", "--as", "D-rsj")
    assert result.code == 0 and "共 3 处，已一次性告知部门" in result.out and "3. 监督渠道：未填写" in result.out


def test_the_request_command_refuses_bad_input_with_exit_2_and_writes_nothing(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text((EXAMPLES / "unemployment-registration.yaml").read_text(encoding="utf-8")
                   .replace("promised_days: 3", "promised_days: 30"), encoding="utf-8")
    result = run_cli(capsys, "matters", "request", bad, "--as", "D-rsj")
    with session_scope() as session:
        cases = session.exec(select(func.count()).select_from(Case)).one()
    assert result.code == 2 and "不得超过法定时限" in result.err and cases == 0


def test_the_cancel_command_takes_the_department_from_the_contact(capsys):
    through(sample())
    result = run_cli(capsys, "matters", "request", "--cancel", "QP-RSJ-001", "--reason", "法规废止", "--as", "D-rsj")
    assert result.code == 0 and "事项取消：QP-RSJ-001" in result.out and "待区政务服务办转办" in result.out


def test_only_the_management_section_publishes(capsys):
    result = run_cli(capsys, "matters", "publish", "--as", "Q001")
    assert result.code == 2 and "只有窗口管理科可以发布" in result.err


def test_the_publish_command_says_where_the_site_is(capsys):
    result = run_cli(capsys, "matters", "publish", "--as", "G001")
    assert result.code == 0 and "已发布 0 项办事指南" in result.out and "index.html" in result.out


def test_the_quarterly_review_flow_opens_one_item_per_window_and_waits_for_all():
    report = matter_list_review(as_of=datetime(2026, 10, 8, 9))
    with session_scope() as session:
        items = session.exec(select(WorkItem).where(WorkItem.case_ref == report["case_ref"])).all()
    status = decide_work_item(item_id=items[0].id, actor="S0101", decision={"comment": "清单无误"})
    assert report["items"] == 4 and len(items) == 4 and status == "open"
