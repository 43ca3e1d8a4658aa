"""Waking step workers and their callers without polling the queue hard (models/core/step_requests.py).

PostgreSQL: one connection per process LISTENs on `center_step_new` (a step was queued) and
`center_step_done` (payload: the request's outcome as JSON, or its id when that is too long) and wakes the
threads that wait — the hand-off is
the case store itself, no broker beside it. SQLite (one machine): short polls. Either way a
waiter also re-reads the store every second, so a lost notification only costs latency.
"""
from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict

from sqlalchemy.engine import Engine

RECHECK_SECONDS = 1.0
SQLITE_POLL_SECONDS = 0.02


class Signals:
    def __init__(self, engine: Engine):
        self._listening = engine.dialect.name == "postgresql"
        self._url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._lock = threading.Condition()
        self._new = 0  # how many "step queued" notifications so far
        self._done: dict[int, list] = {}  # request id → [event, outcome from the notification or None]
        self._recent: OrderedDict[int, tuple] = OrderedDict()  # outcomes nobody waited for yet
        self._listening_now = threading.Event()
        if self._listening:
            threading.Thread(target=self._listen, name="center-step-signals", daemon=True).start()
            self._listening_now.wait(10)  # a step queued before LISTEN would wait for a re-check

    def _listen(self) -> None:
        import psycopg

        while True:
            try:
                with psycopg.connect(self._url, autocommit=True) as connection:
                    connection.execute("LISTEN center_step_new")
                    connection.execute("LISTEN center_step_done")
                    self._listening_now.set()
                    for note in connection.notifies():
                        with self._lock:
                            if note.channel == "center_step_new":
                                self._new += 1
                                self._lock.notify_all()
                            else:
                                self._finished(note.payload)
            except Exception:  # the database restarted: listen again; waiters re-check meanwhile
                time.sleep(RECHECK_SECONDS)

    def _finished(self, payload: str) -> None:
        outcome = json.loads(payload) if payload.startswith("{") else {"id": int(payload)}
        waiter = self._done.get(outcome["id"])
        found = (outcome["status"], outcome["result"], outcome["error"]) if "status" in outcome else None
        if waiter is not None:
            waiter[1] = found
            waiter[0].set()
        elif found is not None:  # its caller waits for it a moment later (or waits for others first)
            self._recent[outcome["id"]] = found
            while len(self._recent) > 5000:
                self._recent.popitem(last=False)

    def new_work_mark(self) -> int:
        with self._lock:
            return self._new

    def wait_for_work(self, mark: int, timeout: float = RECHECK_SECONDS) -> None:
        """Until a step is queued after `mark` (from new_work_mark before the last claim), or timeout."""
        if not self._listening:
            time.sleep(min(timeout, SQLITE_POLL_SECONDS * 5))
            return
        with self._lock:
            self._lock.wait_for(lambda: self._new != mark, timeout=timeout)

    def wait_done(self, request_id: int, finished, timeout: float):
        """`finished()` (re-reads the store: the outcome, or None) until it answers or `timeout` runs out."""
        with self._lock:
            waiter = [threading.Event(), self._recent.pop(request_id, None)]
            self._done[request_id] = waiter
        try:
            deadline, pause = time.monotonic() + timeout, SQLITE_POLL_SECONDS
            while True:
                if self._listening:  # woken by the notification, or re-reading every second
                    if waiter[1] is not None:
                        return waiter[1]
                    waiter[0].wait(min(RECHECK_SECONDS, max(0.0, deadline - time.monotonic())))
                    if waiter[1] is not None:
                        return waiter[1]
                    waiter[0].clear()  # a long outcome (only the id came) or the periodic re-check
                answer = finished()
                if answer is not None or time.monotonic() > deadline:
                    return answer
                if not self._listening:
                    time.sleep(pause)
                    pause = min(pause * 2, 0.2)
        finally:
            with self._lock:
                self._done.pop(request_id, None)


_signals: dict[str, Signals] = {}
_signals_lock = threading.Lock()


def signals_for(engine: Engine) -> Signals:
    """One Signals per case store per process."""
    key = str(engine.url)
    with _signals_lock:
        if key not in _signals:
            _signals[key] = Signals(engine)
        return _signals[key]
