"""Issue 19, defect 2 at the command line and through the intake flow: the same person about two
windows at the same minute gets two complaints; a repeat names the case it matched; a rating id
registered for another person is refused (exit 2, nothing written) naming that case."""
from __future__ import annotations

import pytest
from sqlmodel import func, select

from flows.complaint import receive_complaint
from models.core.cases import Case
from models.complaint.inputs import ComplaintIntake
from models.core.db import session_scope
from support.cli import run_cli
from support.complaint_cases import PHONE
from support.snapshot import snapshot

pytestmark = pytest.mark.usefixtures("org")
CALL = ["complaint", "open", "--channel", "phone", "--category", "3", "--content", "态度生硬", "--name", "张三丰",
        "--contact", "13912345678", "--received", "2026-09-30 10:00", "--as", "G001"]
RATING = ["complaint", "open", "--channel", "rating", "--window", "W01", "--rating-id", "HCP-2026-0042",
          "--stars", "1", "--content", "等了很久", "--received", "2026-09-30 10:00", "--as", "G001"]


def complaints() -> int:
    with session_scope() as session:
        return session.exec(select(func.count()).select_from(Case).where(Case.kind == "complaint")).one()


def test_open_about_two_windows_at_the_same_minute_registers_both_and_a_repeat_names_its_case(capsys):
    first = run_cli(capsys, *CALL, "--window", "W01", "--staff", "S0102")
    second = run_cli(capsys, *CALL, "--window", "W02")
    repeat = run_cli(capsys, *CALL, "--window", "W02")
    ref = second.out.split("：")[1].split("（")[0]
    assert ("已登记：" in first.out, "已登记：" in second.out, complaints()) == (True, True, 2)
    assert (repeat.code, f"此投诉已登记过：{ref}" in repeat.out) == (0, True)


def test_open_with_a_rating_id_registered_for_another_person_exits_2_naming_the_case(capsys):
    run_cli(capsys, *RATING, "--staff", "S0103")
    with session_scope() as session:
        ref = session.exec(select(Case.ref)).one()
    before = snapshot()
    refused = run_cli(capsys, *RATING, "--staff", "S0102")
    assert (refused.code, "rating_id" in refused.err, ref in refused.err, snapshot() == before) == (2, True, True, True)


def test_the_intake_flow_registers_a_complaint_against_another_window_of_the_same_call():
    first = receive_complaint(intake=ComplaintIntake(**PHONE), actor="G001")
    other = receive_complaint(intake=ComplaintIntake(**{**PHONE, "window_id": "W02", "staff_id": None}), actor="G001")
    assert (first["created"], other["created"], other["case_ref"] != first["case_ref"]) == (True, True, True)
