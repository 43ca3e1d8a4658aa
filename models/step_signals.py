"""Waking step workers and their callers without polling the queue hard (models/step_requests.py).

PostgreSQL: one connection per process LISTENs on `center_step_new` (a step was queued) and
`center_step_done` (payload: the request's id) and wakes the threads that wait — the hand-off is
the case store itself, no broker beside it. SQLite (one machine): short polls. Either way a
waiter also re-reads the store every second, so a lost notification only costs latency.
"""
from __future__ import annotations

import threading
import time

from sqlalchemy.engine import Engine

RECHECK_SECONDS = 1.0
SQLITE_POLL_SECONDS = 0.02


class Signals:
    def __init__(self, engine: Engine):
        self._listening = engine.dialect.name == "postgresql"
        self._url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._lock = threading.Condition()
        self._new = 0  # how many "step queued" notifications so far
        self._done: dict[int, threading.Event] = {}
        if self._listening:
            threading.Thread(target=self._listen, name="center-step-signals", daemon=True).start()

    def _listen(self) -> None:
        import psycopg

        while True:
            try:
                with psycopg.connect(self._url, autocommit=True) as connection:
                    connection.execute("LISTEN center_step_new")
                    connection.execute("LISTEN center_step_done")
                    for note in connection.notifies():
                        with self._lock:
                            if note.channel == "center_step_new":
                                self._new += 1
                                self._lock.notify_all()
                            elif note.payload.isdigit() and int(note.payload) in self._done:
                                self._done[int(note.payload)].set()
            except Exception:  # the database restarted: listen again; waiters re-check meanwhile
                time.sleep(RECHECK_SECONDS)

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
        event = threading.Event()
        with self._lock:
            self._done[request_id] = event
        try:
            deadline, pause = time.monotonic() + timeout, SQLITE_POLL_SECONDS
            while True:
                answer = finished()
                if answer is not None or time.monotonic() > deadline:
                    return answer
                if self._listening:
                    event.wait(min(RECHECK_SECONDS, max(0.0, deadline - time.monotonic())))
                    event.clear()
                else:
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
