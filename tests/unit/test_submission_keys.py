"""The identity of a submission (models.rules.submission): normalised like a clerk reads it; a
bounded key found again across midnight within the window, a lasting key for ever."""
from __future__ import annotations

from datetime import datetime

from models.rules.submission import normalise, submission_key


def test_text_is_compared_as_a_clerk_reads_it():
    assert normalise("  态度\u3000生硬，电话１３９ ") == normalise("态度 生硬，电话139")


def test_a_different_field_or_actor_gives_a_different_key():
    base = submission_key("x", {"window": "W01", "actor": "G001"})
    assert base != submission_key("x", {"window": "W02", "actor": "G001"})
    assert base != submission_key("x", {"window": "W01", "actor": "T001"})


def test_a_bounded_key_stored_before_midnight_is_a_candidate_just_after():
    key = submission_key("x", {"a": 1})
    stored = key.stored(datetime(2026, 10, 20, 23, 58))
    assert stored in key.candidates(datetime(2026, 10, 21, 0, 3), hours=12)
    assert stored not in key.candidates(datetime(2026, 10, 23, 9), hours=12)


def test_a_lasting_key_is_stored_as_it_is():
    key = submission_key("x", {"ticket": "T-1"}, lasting=True)
    assert (key.stored(datetime(2026, 1, 1)), key.candidates(datetime(2027, 1, 1), 12)) == (key.digest, [key.digest])
