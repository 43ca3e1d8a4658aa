"""Issue 26, defect 1: a decision recorded, the advance that follows never ran (the Prefect server
stopped, the desk killed): the work item is done, the case stays in its status with no open item.
The store says the case can move: the deadline sweep and `center cases repair` advance it, once,
audited as a repair by "system", and the operators get an e-mail naming it; a second repair does
nothing; `--dry-run` writes nothing."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

from flows.core.sweeps import deadline_sweep
from models.core.cases import AuditEvent
from models.core.db import session_scope
from models.core.stranded import REPAIR
from support.cli import run_cli
from support.leaves import NOW, apply, count, items, status
from tasks.core.workitems import record_decision

ISSUE_26_DEFECTS = (1,)  # counted in the reliability summary when these tests pass

pytestmark = pytest.mark.usefixtures("org")
OPERATORS = "ops@example.gov.cn"  # examples/apprise.yaml, tag role:operators


def decided_but_not_advanced(start: date = date(2026, 3, 4)) -> str:
    """The probe: a two-day 事假 approved by the window head; the advance after the decision never ran."""
    ref = apply(kind="personal", start=start, end=start + timedelta(days=1), reason="x")
    [item] = items(ref, "head_review")
    record_decision(item_id=item.id, actor="S0101", decision={"approve": True}, at=NOW)
    return ref


def repairs(ref: str) -> list[tuple[str, dict]]:
    with session_scope() as session:
        rows = session.exec(select(AuditEvent).where(AuditEvent.case_ref == ref, AuditEvent.action == REPAIR)).all()
        return [(row.actor, row.details) for row in rows]


def test_the_sweep_moves_a_decided_leave_on_once_audited_and_tells_the_operators(channels):
    smtp, _ = channels
    ref = decided_but_not_advanced()
    stuck = (status(ref), len(items(ref)))
    first = deadline_sweep(as_of=NOW + timedelta(hours=1))
    after = (status(ref), [i.step for i in items(ref)], repairs(ref))
    second = deadline_sweep(as_of=NOW + timedelta(hours=6))
    alerts = [m for m in smtp.messages if m["X-Rcpt"] == OPERATORS and ref in m.get_payload(decode=True).decode()]
    assert stuck == ("head_review", 0)
    assert (first["stranded"], after) == (
        {ref: "management_review"},
        ("management_review", ["management_review"],
         [("system", {"remedy": "advance", "from": "head_review", "status": "management_review"})]))
    assert (second["stranded"], repairs(ref), len(alerts)) == ({}, after[2], 1)


def test_center_cases_repair_dry_run_writes_nothing_and_the_real_run_repairs(capsys):
    ref = decided_but_not_advanced()
    before = count(AuditEvent, AuditEvent.case_ref == ref)
    dry = run_cli(capsys, "cases", "repair", "--dry-run", "--as-of", "2026-03-02 11:00")
    after_dry = (status(ref), count(AuditEvent, AuditEvent.case_ref == ref))
    real = run_cli(capsys, "cases", "repair", "--as-of", "2026-03-02 11:00")
    again = run_cli(capsys, "cases", "repair", "--as-of", "2026-03-02 12:00")
    shown = run_cli(capsys, "case", "show", ref)
    assert (dry.code, f"将修复无人推进的案件 1 件：{ref}" in dry.out, after_dry) == (0, True, ("head_review", before))
    assert (real.code, f"已修复无人推进的案件 1 件：{ref}" in real.out, status(ref)) == (0, True, "management_review")
    assert (again.code, "没有无人推进的案件" in again.out, len(repairs(ref))) == (0, True, 1)
    assert "系统修复：继续推进" in shown.out


def test_one_case_whose_repair_fails_is_reported_and_skipped_the_others_are_repaired(monkeypatch):
    import flows.core.sweeps

    broken, other = decided_but_not_advanced(), decided_but_not_advanced(start=date(2026, 3, 9))
    real = flows.core.sweeps.advance_flow

    def advance_flow(kind):
        def advance(*, case_ref, actor):
            if case_ref == broken:
                raise RuntimeError("推进失败（测试注入）")
            return real(kind)(case_ref=case_ref, actor=actor)
        return advance

    monkeypatch.setattr(flows.core.sweeps, "advance_flow", advance_flow)
    with pytest.raises(RuntimeError, match=broken):  # the sweep's run fails after its report: the failure alert
        deadline_sweep(as_of=NOW + timedelta(hours=1))
    report = flows.core.sweeps.repair_cases(as_of=NOW + timedelta(hours=2), dry_run=True)
    assert ((status(broken), repairs(broken)), (status(other), len(repairs(other)))) == (
        ("head_review", []), ("management_review", 1))
    assert report["stranded"] == {broken: "（试运行）"}
