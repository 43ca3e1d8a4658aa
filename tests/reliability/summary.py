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
# The defects found by each probe of the landed system: issue → how many it listed. Each test module
# names the ones it covers (ISSUE_19_DEFECTS = (3,), ISSUE_26_DEFECTS = (1, 2), …: tests/conftest.py).
# Issue 28 lists the three blind approvals (1–3) and defects 4–19; issue 29 its six capabilities.
PROBES = {19: 12, 26: 16, 28: 19, 29: 6}
_defects: dict[int, set[int]] = {issue: set() for issue in PROBES}


def record(kind: str, n: int = 1) -> None:
    """Add n to the counter `kind` (one of KINDS)."""
    if kind not in KINDS:
        raise ValueError(f"unknown reliability counter {kind!r}; known: {sorted(KINDS)}")
    if n < 0:
        raise ValueError(f"a count cannot be negative: {kind}={n}")
    _counts[kind] += n


def defect_fixed(issue: int, number: int) -> None:
    """A test covering defect `number` of the probe reported in `issue` passed in this run."""
    if not 1 <= number <= PROBES[issue]:
        raise ValueError(f"issue {issue} lists defects 1–{PROBES[issue]}, not {number}")
    _defects[issue].add(number)


def counts() -> dict[str, int]:
    """Every counter, zero included, in the order of KINDS, and the defects whose tests passed."""
    return {**{kind: _counts[kind] for kind in KINDS},
            **{f"issue_{issue}_defects_fixed": len(fixed) for issue, fixed in _defects.items()}}


def lines() -> list[str]:
    return [f"{label}: {counts()[kind]}" for kind, label in KINDS.items()] + [
        f"issue {issue}: defects from this probe whose tests pass: {len(fixed)} of {PROBES[issue]}"
        f" ({', '.join(map(str, sorted(fixed))) or 'none'})" for issue, fixed in _defects.items()]


def write(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(counts(), indent=2) + "\n", encoding="utf-8")
