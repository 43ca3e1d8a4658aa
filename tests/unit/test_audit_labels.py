"""The case page's history in Chinese (issue 28, item 11): every audit action a procedure can write —
its machine's events and every `audit(..., action="…")` in its own modules or in the foundations' —
reads by a Chinese label on that procedure's case page (deployments/web/core/case_view._action_label)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from deployments.web.core.case_view import _action_label
from models.procedures import PROCEDURES, get_procedure

ROOT = Path(__file__).resolve().parents[2]
AUDIT_ACTION = re.compile(r'\baudit\((?:[^()]|\([^()]*\))*?\baction="([^"{]+)"', re.S)
FOUNDATIONS = ("models/core", "tasks/core")


def _slice(kind: str) -> str:
    """The procedure's slice: its machine's package (rotation for secondment, intern …)."""
    return next(s.machine for s in PROCEDURES if s.kind == kind).split(".")[1]


def _written_in(*places: str) -> set[str]:
    files = [p for place in places for p in
             ([ROOT / f"{place}.py"] if (ROOT / f"{place}.py").exists() else (ROOT / place).rglob("*.py"))]
    return {action for f in files for action in AUDIT_ACTION.findall(f.read_text(encoding="utf-8"))}


def _actions(kind: str) -> set[str]:
    """Its machine's events, and the actions written in its slice and the foundations — but an
    organisation's record (org:…, never on a case) and what a sibling of the slice labels as its own
    (it_access's register_config is not an it_violation's)."""
    procedure, piece = get_procedure(kind), _slice(kind)
    siblings = {a for s in PROCEDURES if s.kind != kind and _slice(s.kind) == piece
                for a in get_procedure(s.kind).event_labels}
    written = _written_in(*FOUNDATIONS, f"models/{piece}", f"tasks/{piece}") - siblings
    return {event for _, event in procedure.transitions} | {a for a in written if not a.startswith("org:")}


def test_the_audit_calls_are_found():
    assert {"depart", "withdraw_eligibility", "membership_transfer"} <= _written_in(*FOUNDATIONS)
    assert "grounds" in _written_in("tasks/staff_return")


@pytest.mark.parametrize("kind", [s.kind for s in PROCEDURES])
def test_every_action_a_procedure_can_write_reads_in_chinese(kind):
    procedure = get_procedure(kind)
    english = sorted(a for a in _actions(kind) if _action_label(procedure, a, {}).isascii())
    assert not english, f"{kind}: {english}"
