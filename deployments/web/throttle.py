"""Slowing down failed log-ins, per account and per address (in this process's memory).

After `free` failures a key must wait `base × 2^(extra failures)` seconds (at most `cap`) before the
next attempt is even checked; a success clears the account's count. An office shares one address,
so the address gets a larger allowance than an account.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass


@dataclass
class _Entry:
    failures: int = 0
    blocked_until: float = 0.0
    last: float = 0.0


@dataclass(frozen=True)
class Backoff:
    free: int  # failures allowed before any wait
    base: float  # seconds of the first wait
    cap: float  # the longest wait

    def wait_after(self, failures: int) -> float:
        extra = failures - self.free
        return 0.0 if extra <= 0 else min(self.base * 2 ** (extra - 1), self.cap)


class LoginThrottle:
    def __init__(self, *, account: Backoff, address: Backoff, forget_after: float = 24 * 3600,
                 max_keys: int = 100_000):
        self._rules = {"account": account, "address": address}
        self._entries: dict[tuple[str, str], _Entry] = {}
        self._lock = threading.Lock()
        self._forget_after, self._max_keys = forget_after, max_keys

    def wait(self, *, account: str, address: str) -> float:
        """Seconds before an attempt for this account from this address may be checked (0: now)."""
        now = time.monotonic()
        with self._lock:
            return max((e.blocked_until - now for e in self._pair(account, address) if e), default=0.0)

    def failed(self, *, account: str, address: str) -> None:
        now = time.monotonic()
        with self._lock:
            self._prune(now)
            for kind, key in (("account", account), ("address", address)):
                entry = self._entries.setdefault((kind, key), _Entry())
                entry.failures += 1
                entry.last = now
                entry.blocked_until = now + self._rules[kind].wait_after(entry.failures)

    def succeeded(self, *, account: str) -> None:
        with self._lock:
            self._entries.pop(("account", account), None)

    def _pair(self, account: str, address: str) -> list[_Entry | None]:
        return [self._entries.get(("account", account)), self._entries.get(("address", address))]

    def _prune(self, now: float) -> None:
        if len(self._entries) < self._max_keys:
            return
        stale = [k for k, e in self._entries.items() if now - e.last > self._forget_after]
        for key in stale or sorted(self._entries, key=lambda k: self._entries[k].last)[: self._max_keys // 10]:
            del self._entries[key]
