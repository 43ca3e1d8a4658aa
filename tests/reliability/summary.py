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


def record(kind: str, n: int = 1) -> None:
    """Add n to the counter `kind` (one of KINDS)."""
    if kind not in KINDS:
        raise ValueError(f"unknown reliability counter {kind!r}; known: {sorted(KINDS)}")
    if n < 0:
        raise ValueError(f"a count cannot be negative: {kind}={n}")
    _counts[kind] += n


def counts() -> dict[str, int]:
    """Every counter, zero included, in the order of KINDS."""
    return {kind: _counts[kind] for kind in KINDS}


def lines() -> list[str]:
    return [f"{label}: {counts()[kind]}" for kind, label in KINDS.items()]


def write(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(counts(), indent=2) + "\n", encoding="utf-8")
