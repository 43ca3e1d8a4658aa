"""What a case step running on a step worker knows about itself (no Prefect import: the clerk's
read-only commands load modules that use it)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_PLAIN = ContextVar("center_plain_calls", default=False)


def calls_are_plain() -> bool:
    return _PLAIN.get()


@contextmanager
def plain_calls() -> Iterator[None]:
    """Inside: project tasks and flows run as plain function calls (tasks/core/plain_calls.py)."""
    token = _PLAIN.set(True)
    try:
        yield
    finally:
        _PLAIN.reset(token)


_RETRY = ContextVar("center_step_retry", default=False)


def step_is_retry() -> bool:
    """True inside a step that a worker runs again after another worker died during it."""
    return _RETRY.get()


@contextmanager
def retried_step(retry: bool) -> Iterator[None]:
    token = _RETRY.set(retry)
    try:
        yield
    finally:
        _RETRY.reset(token)
