"""The queries the oversight pages read, alike on SQLite and PostgreSQL: the patrol register of a period
with the names of the people found, the month as it stands, and the ledger of a set of subjects."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from models.core.db import session_scope
from models.core.ledger import SubjectKind, deduct, ledger_of, withdraw_eligibility
from models.patrol.inputs import PatrolInput
from models.patrol.store import month_summary, register_rows
from models.core.settings import get_settings
from tasks.patrol import record_patrol

ORG = Path(__file__).resolve().parents[2] / "examples" / "org.yaml"


@pytest.fixture
def org_any(any_db):
    from models.core.org_import import import_org

    with session_scope() as session:
        import_org(session=session, path=ORG)
    return any_db


def test_the_register_and_the_month_name_the_people_found(org_any):
    ref, _ = record_patrol(patrol=PatrolInput(at=datetime(2026, 10, 12, 9, 40), kind="walkthrough", windows=["W01"],
                                              findings=[{"window_id": "W01", "staff_id": "S0103", "item": "dress",
                                                         "description": "未佩戴胸牌", "deduct": True},
                                                        {"window_id": "W01", "item": "environment",
                                                         "description": "台面杂乱"}]),
                           actor="G001", now=datetime(2026, 10, 12, 10))
    with session_scope() as session:
        [(patrol, found)] = register_rows(session=session, start=date(2026, 10, 12), end=date(2026, 10, 13))
        assert register_rows(session=session, start=date(2026, 10, 13), end=date(2026, 10, 14)) == []
        summary, final = month_summary(session=session, month="2026-10", as_of=datetime(2026, 10, 12, 18),
                                       policy=get_settings().policy)
    assert patrol.case_ref == ref and [(f.description, name, f.points) for f, name in found] == [
        ("未佩戴胸牌", "李娜", 1.0), ("台面杂乱", "", 0.0)]
    [w01] = [w for w in summary.windows if w.window_id == "W01"]
    assert (final, summary.findings, w01.visits, w01.points) == (False, 2, 1, 1.0)


def test_the_ledger_of_a_window_and_its_people_for_a_year(org_any):
    with session_scope() as session:
        for n, (subject_kind, subject_id, on) in enumerate(((SubjectKind.staff, "S0103", date(2026, 3, 1)),
                                                            (SubjectKind.window, "W01", date(2026, 4, 1)),
                                                            (SubjectKind.staff, "S0201", date(2026, 5, 1)),
                                                            (SubjectKind.staff, "S0103", date(2025, 5, 1)))):
            deduct(session=session, subject_kind=subject_kind, subject_id=subject_id, kind="patrol.other", points=0.5,
                   reason="测试", case_ref=None, on=on, key=f"test:{n}")
        withdraw_eligibility(session=session, subject_kind=SubjectKind.staff, subject_id="S0103", year=2026,
                             reason="测试", case_ref=None, on=date(2026, 3, 1))
    with session_scope() as session:
        entries, lost = ledger_of(session=session, year=2026, subject_ids={"W01", "S0103"})
        everyone, _ = ledger_of(session=session, year=None, subject_ids=None)
    assert [(e.subject_id, e.on) for e in entries] == [("S0103", date(2026, 3, 1)), ("W01", date(2026, 4, 1))]
    assert [w.subject_id for w in lost] == ["S0103"] and len(everyone) == 4


def test_the_register_command_prints_a_finding_literally(org_any, capsys):
    from support.cli import run_cli

    record_patrol(patrol=PatrolInput(at=datetime(2026, 10, 12, 9, 40), kind="camera", windows=["W01"], findings=[
        {"window_id": "W01", "staff_id": "S0103", "item": "dress", "description": "[bold]未佩戴胸牌[/bold]"}]),
        actor="G001", now=datetime(2026, 10, 12, 10))
    result = run_cli(capsys, "patrol", "list", "--day", "2026-10-12")
    assert result.code == 0 and "李娜着装及胸牌：[bold]未佩戴胸牌[/bold]" in result.out
