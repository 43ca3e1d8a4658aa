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


DETAILS = re.compile(r"\bdetails\s*=\s*\{")
KEY = re.compile(r'"([A-Za-z_][A-Za-z0-9_]*)"\s*:')


def _detail_keys(*places: str) -> set[str]:
    """The string keys of every details dict written in these places (audit(…, details={…}),
    Recorded(details={…}), a details = {…} built first): the braces matched, however many lines."""
    keys = set()
    for place in places:
        for path in (ROOT / place).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            for match in DETAILS.finditer(text):
                depth, end = 0, match.end() - 1
                for end in range(match.end() - 1, len(text)):
                    depth += {"{": 1, "}": -1}.get(text[end], 0)
                    if depth == 0:
                        break
                keys |= set(KEY.findall(text[match.end():end]))
    return keys


def test_the_detail_keys_are_found():
    assert {"work_item", "arrival_date", "measures", "points", "year", "sha256"} <= _detail_keys("models", "tasks")


def test_every_detail_key_and_every_decision_field_reads_in_chinese():
    from models.core.audit_labels import detail_label
    from models.core.forms import FORMS
    from models.procedures import decision_forms

    fields = {name for form in (*FORMS.values(), *decision_forms().values()) for name in form.model_fields}
    english = sorted(k for k in _detail_keys("models", "tasks", "flows") | fields if detail_label(k).isascii())
    assert not english, english
