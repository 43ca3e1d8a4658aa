"""Counters of the reliability suite, printed at the end of the run and written to
test-output/reliability-summary.json (see conftest.py next to this file).

Tests record what they actually did, e.g. ``record("inputs", len(corpus))`` after trying a
corpus, ``record("messages_lost", expected - delivered)`` after a fault scenario."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

KINDS = {
    "inputs": "invalid inputs tried",
    "pairs": "(role, action) pairs checked",
    "faults": "faults injected",
    "conflicts": "conflicts observed",
    "messages_checked": "messages checked for exactly-once delivery",
    "messages_lost": "messages lost (must be 0)",
    "probes": "safety probes tried (replayed sessions, hostile or careless input, interrupted openings, resends)",
    "upgrades": "upgrade round-trips (revision 0001 store → head, every row kept)",
}

_counts: Counter[str] = Counter()
ISSUE_19 = 12  # the defects found by probing (issue 19); each test module names the ones it covers
_defects: set[int] = set()


def record(kind: str, n: int = 1) -> None:
    """Add n to the counter `kind` (one of KINDS)."""
    if kind not in KINDS:
        raise ValueError(f"unknown reliability counter {kind!r}; known: {sorted(KINDS)}")
    if n < 0:
        raise ValueError(f"a count cannot be negative: {kind}={n}")
    _counts[kind] += n


def defect_fixed(number: int) -> None:
    """A test covering issue 19's defect `number` passed in this run (tests/conftest.py)."""
    _defects.add(number)


def counts() -> dict[str, int]:
    """Every counter, zero included, in the order of KINDS, and the defects whose tests passed."""
    return {**{kind: _counts[kind] for kind in KINDS}, "defects_fixed": len(_defects)}


def lines() -> list[str]:
    fixed = ", ".join(map(str, sorted(_defects))) or "none"
    return [f"{label}: {counts()[kind]}" for kind, label in KINDS.items()] + [
        f"issue 19 defects whose tests passed: {len(_defects)} of {ISSUE_19} ({fixed})"]


def write(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(counts(), indent=2) + "\n", encoding="utf-8")
