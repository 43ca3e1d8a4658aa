"""Slowing down failed log-ins (in this process's memory), so that nobody can lock another person out.

Three counts, each `base × 2^(extra failures)` seconds (at most `cap`) after `free` failures:
- per (address, account): that address must wait before its next attempt for that account is checked
  (a refusal, 429) — guessing one person's password from one computer;
- per address: that address must wait before any attempt is checked (a refusal) — guessing many
  people's passwords from one computer; an office shares one address, so it gets a larger allowance;
- per account, from all addresses together: each attempt for the account is only *delayed* (at most a
  few seconds), never refused — so failures from elsewhere can slow the owner but never lock them out
  from their own computer (issue 26, item 4).
A success clears that address's and the account's counts (not the address's own: others share it).
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
    def __init__(self, *, pair: Backoff, address: Backoff, account_delay: Backoff,
                 forget_after: float = 24 * 3600, max_keys: int = 100_000):
        self._rules = {"pair": pair, "address": address, "account": account_delay}
        self._entries: dict[tuple[str, ...], _Entry] = {}
        self._lock = threading.Lock()
        self._forget_after, self._max_keys = forget_after, max_keys

    def wait(self, *, account: str, address: str) -> float:
        """Seconds before an attempt for this account from this address may be checked (0: now)."""
        return self._remaining(("pair", address, account), ("address", address))

    def delay(self, *, account: str) -> float:
        """Seconds to hold an attempt for this account before checking it (never a refusal)."""
        return self._remaining(("account", account))

    def failed(self, *, account: str, address: str) -> None:
        now = time.monotonic()
        with self._lock:
            self._prune(now)
            for key in (("pair", address, account), ("address", address), ("account", account)):
                entry = self._entries.setdefault(key, _Entry())
                entry.failures += 1
                entry.last = now
                entry.blocked_until = now + self._rules[key[0]].wait_after(entry.failures)

    def succeeded(self, *, account: str, address: str) -> None:
        with self._lock:
            self._entries.pop(("pair", address, account), None)
            self._entries.pop(("account", account), None)

    def _remaining(self, *keys: tuple[str, ...]) -> float:
        now = time.monotonic()
        with self._lock:
            return max((e.blocked_until - now for k in keys if (e := self._entries.get(k))), default=0.0)

    def _prune(self, now: float) -> None:
        if len(self._entries) < self._max_keys:
            return
        stale = [k for k, e in self._entries.items() if now - e.last > self._forget_after]
        for key in stale or sorted(self._entries, key=lambda k: self._entries[k].last)[: self._max_keys // 10]:
            del self._entries[key]
