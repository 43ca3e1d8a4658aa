"""`center case show` in Chinese (issue 28 defect 11): a staff return taken through its steps — decided,
returned, nominated, B posts re-checked, its history full of the foundations' actions (depart, post,
b_post_recheck, withdraw_eligibility, membership_transfer) — prints every action, every detail and every
decision by its Chinese name, as the case page does (models.core.audit_labels); no raw key is printed."""
from __future__ import annotations

import re

import pytest
from sqlmodel import select

from models.core.audit_labels import DETAIL_LABELS, action_label
from models.core.cases import AuditEvent
from models.core.db import session_scope
from models.procedures import get_procedure
from support.cli import run_cli
from support.staff_returns import CONFIRM, NEWCOMER, decide, open_manual

ISSUE_28_DEFECTS = (11,)  # issue 28 is not yet in reliability.summary.PROBES: the lead adds it


@pytest.fixture
def wide(monkeypatch):
    from deployments.cli.core.console import console

    monkeypatch.setattr(console, "width", 1000)  # a row per event: its words are not cut by the table


def test_case_show_names_every_action_and_detail_in_chinese(org, capsys, wide):
    ref = open_manual()
    decide(ref, "decide", "G001", {**CONFIRM, "effective_date": "2026-10-19"})
    decide(ref, "nominate", "D-rsj", {**NEWCOMER, "comment": "熟悉社保业务"})
    with session_scope() as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.case_ref == ref)).all()
        actions = {e.action for e in events}
        keys = {k for e in events for k in (e.details or {})}
    assert {"depart", "withdraw_eligibility"} <= actions and {"work_item", "arrival_date"} <= keys

    shown = run_cli(capsys, "case", "show", ref)
    assert shown.code == 0, shown.err
    procedure = get_procedure("staff_return")
    for action in actions:
        label = action_label(procedure, action, {})
        assert not label.isascii() and label.split("：")[0] in shown.out, action
    printed_keys = set(re.findall(r"([A-Za-z_][A-Za-z0-9_]*)：", shown.out))
    assert printed_keys == set(), printed_keys  # every 名称：值 by its Chinese name
    assert DETAIL_LABELS["arrival_date"] + "：" in shown.out and "理由：经核实，符合退回情形" in shown.out
    for raw in ('"confirm"', '"reason"', "withdraw_eligibility", "b_post_recheck", "arrival_date"):
        assert raw not in shown.out, raw
