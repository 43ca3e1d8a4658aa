"""The rotation flows against a real Prefect API: the demo (refused for the cap, approved with an
exception, applied on the effective date), the CLI path to the department's mailbox, the daily
roster run applied once, and bad input refused with nothing written."""
from __future__ import annotations

from datetime import datetime

import pytest
from rich.console import Console
from sqlmodel import select

from deployments.demo.rotation import demo
from flows.rotation import roster_day
from models.core.cases import Case, WorkItem
from models.core.db import session_scope
from models.core.documents import Document
from models.core.org import Staff, StaffStatus
from models.procedures import get_procedure
from support.cli import run_cli
from support.rotations import count, decide, open_items, propose, review, status
from tasks.core.delivery import deliver_due

pytestmark = pytest.mark.usefixtures("org")


def test_the_demo_refuses_the_cap_then_approves_with_an_exception_and_applies_it():
    console = Console(record=True, width=200)
    ref = demo(console, datetime(2026, 11, 27, 9, 0))
    text = console.export_text()
    assert "窗口管理科直接批准被拒绝" in text and "轮换人数不超过30%" in text and "例外批准" in text
    with session_scope() as session:
        assert session.get(Staff, "S0203").status == StaffStatus.left
        assert session.get(Staff, "S0204").b_post_id == "S0202"
        kinds = sorted(d.kind for d in session.exec(select(Document).where(Document.case_ref == ref)).all())
    assert kinds == ["registration_form", "transfer_form"] and status(ref) == "closed"


def test_a_proposal_and_its_approval_at_the_command_line_reach_the_departments_mailbox(capsys, channels):
    smtp, _ = channels
    proposed = run_cli(capsys, "rotation", "propose", "--window", "W01", "--notice-ref", "青人社函〔2026〕12号",
                       "--received", "2026-03-31 10:00", "--effective", "2026-04-15", "--leave", "S0102",
                       "--leave", "S0103", "--leave", "S0104", "--arrive", "S0111:钱进", "--as", "D-rsj")
    assert proposed.code == 0 and "轮换人数不超过30%" in proposed.out and "通过" in proposed.out
    ref = proposed.out.split("已登记人员轮换 ")[1].split("，")[0]
    [item] = open_items(ref, "review")
    decided = run_cli(capsys, "decide", str(item.id), "--as", "G001", "--approve", "--comment", "同意")
    assert decided.code == 0
    deliver_due()
    [mail] = [m for m in smtp.to("rsj-leader@example.gov.cn") if ref in str(m["Subject"])]
    assert "已经中心批准" in smtp.text(mail)


def test_a_plain_approval_of_a_rotation_over_the_cap_exits_2_and_records_nothing(capsys):
    ref = propose("W02", ["S0203"], actor="D-scjgj")
    [item] = open_items(ref, "review")
    refused = run_cli(capsys, "decide", str(item.id), "--as", "G001", "--approve")
    assert refused.code == 2 and "轮换人数不超过30%" in refused.err and "请选择「例外批准」并填写理由" in refused.err
    assert len(open_items(ref, "review")) == 1


def test_a_proposal_with_reversed_dates_and_an_unknown_person_exits_2_and_writes_nothing(capsys):
    refused = run_cli(capsys, "rotation", "propose", "--window", "W01", "--notice-ref", "青人社函〔2026〕13号",
                      "--received", "2026-03-31", "--effective", "2026-03-20", "--leave", "S9999", "--as", "D-rsj")
    assert refused.code == 2
    assert "人员 S9999 不存在" in refused.err and "早于公函收到日期" in refused.err
    assert count(Case) == 0 and count(WorkItem) == 0


def test_the_daily_run_applies_a_rotation_on_its_effective_date_once(capsys):
    ref = propose("W01", ["S0102"])
    review(ref, comment="同意")
    decide(ref, "departure", "G001")
    assert roster_day(as_of=datetime(2026, 4, 14, 7, 30)) == {"rotation": {}, "secondment": {}}
    applied = run_cli(capsys, "rotation", "apply", "--as-of", "2026-04-15 07:30")
    assert applied.code == 0 and f"轮换 {ref}：in_effect" in applied.out
    assert roster_day(as_of=datetime(2026, 4, 16, 7, 30))["rotation"] == {}
    with session_scope() as session:
        assert session.get(Staff, "S0102").status == StaffStatus.left
    assert count(Document, Document.case_ref == ref, Document.kind == "transfer_form") == 1


def test_a_secondment_requested_at_the_command_line_waits_for_the_centers_consent(capsys):
    done = run_cli(capsys, "rotation", "second", "S0105", "--from", "2026-12-07", "--to", "2026-12-11",
                   "--reason", "参加局专项检查", "--as", "S0101")
    assert done.code == 0
    ref = done.out.split("已登记借调申请 ")[1].split("，")[0]
    assert status(ref) == "review" and [i.assignee_role for i in open_items(ref, "review")] == ["management"]


def test_importing_the_assessment_at_the_command_line_names_the_heads_to_replace(capsys, tmp_path):
    path = tmp_path / "rankings.csv"
    rows = [(2024, "W01", 1), (2024, "W02", 2), (2024, "W03", 3), (2024, "W04", 4),
            (2025, "W02", 1), (2025, "W01", 2), (2025, "W04", 3), (2025, "W03", 4)]
    path.write_text("kind,year,window,rank\n" + "".join(f"rankings,{y},{w},{r}\n" for y, w, r in rows),
                    encoding="utf-8")
    done = run_cli(capsys, "assessment", "import", str(path), "--as", "G001")
    assert done.code == 0 and "已导入 2024 年、2025 年" in done.out and done.out.count("须重新调整窗口负责人") == 2


def test_deciding_at_the_command_line_prints_the_cases_new_status_in_chinese(capsys):
    ref = propose("W01", ["S0102"])
    [item] = open_items(ref, "review")
    decided = run_cli(capsys, "decide", str(item.id), "--as", "G001", "--approve", "--comment", "同意")
    new_status = status(ref)
    label = get_procedure("rotation").status_label(new_status)
    assert decided.code == 0 and label != new_status
    assert decided.out.strip().endswith(f"案件状态：{label}")
