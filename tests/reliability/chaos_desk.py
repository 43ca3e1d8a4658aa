"""The real parts of the desk chaos test (test_chaos_desk.py): two `center web` processes — one
running steps in its own process, one handing them to a `center workers` process — on one case
store and one Prefect server, each of which can be SIGKILLed and started again; and a clerk who
submits the desk's forms over HTTP, as a browser does."""
from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

import httpx

from support.prefect_server import ROOT, _Process, wait_until
from support.servers import free_port
from web.web_desk import log_in, token_of

HEADS = {"W01": "S0101", "W02": "S0201"}
ROLE_PEOPLE = {"management": "G001", "complaint_window": "T001"}
# What the clerk fills in, per decision form; an item with another form is not decided here.
DECISIONS = {"approve": {"approve": "true", "comment": "同意"}, "acknowledge": {"comment": "已登记"},
             "complaint_investigation": {"findings": "已核实", "verdict": "partly", "reply": "已整改并致歉"}}


class Killable(_Process):
    """A process that is SIGKILLed (its whole group) and started again, as often as the test likes."""

    def __init__(self, argv: list[str], env: dict[str, str], log: Path, ready):
        super().__init__(argv, env, log)
        self.ready, self.lock = ready, threading.Lock()

    def start(self) -> None:
        super().start()
        wait_until(self.ready, timeout=180, what=self.log.name, interval=0.2, process=self)

    def kill(self) -> None:
        with self.lock:
            if self.popen is not None and self.popen.poll() is None:
                os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait(10)

    def ensure_running(self) -> None:
        with self.lock:
            if self.popen is None or self.popen.poll() is not None:
                self.start()


def desk(env: dict[str, str], log: Path) -> Killable:
    port = free_port()
    url = f"http://127.0.0.1:{port}"

    def ready() -> bool:
        try:
            return httpx.get(f"{url}/login", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    process = Killable([sys.executable, "-m", "deployments.cli.app", "web", "--port", str(port)], env, log, ready)
    process.url = url
    return process


def worker(env: dict[str, str], log: Path) -> Killable:
    process = Killable([sys.executable, "-m", "support.step_worker_driver", "2"], env, log,
                       lambda: "办理进程已启动" in process.log_tail(5))
    return process


def environment(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "tests"), "PYTHONUNBUFFERED": "1",
            "PREFECT_LOGGING_LEVEL": "WARNING", "PREFECT_SERVER_ANALYTICS_ENABLED": "false", **extra}


class Clerk:
    """Whoever the step needs, logged in at either desk (the session cookie is signed with the
    desks' shared secret, so it survives a restart)."""

    def __init__(self, desks: dict[str, Killable]):
        self.desks, self.clients = desks, {}

    def post(self, desk: str, staff_id: str, page: str, action: str, data: dict) -> httpx.Response:
        """Submit the form on `page`; the session's CSRF token is read from the first page shown."""
        if (desk, staff_id) not in self.clients:
            client = httpx.Client(base_url=self.desks[desk].url, timeout=60)
            assert log_in(client, staff_id).status_code == 303
            self.clients[desk, staff_id] = client, token_of(client.get(page).text)
        client, token = self.clients[desk, staff_id]
        return client.post(action, data={**data, "csrf_token": token}, follow_redirects=False)


def actor_of(item) -> str | None:
    """Who decides an item on the sample organisation."""
    if item.assignee_staff_id:
        return item.assignee_staff_id
    if item.assignee_role == "head":
        return HEADS.get(item.assignee_window_id)
    return ROLE_PEOPLE.get(item.assignee_role)


def later(seconds: float, action) -> threading.Thread:
    thread = threading.Thread(target=lambda: (time.sleep(seconds), action()), daemon=True)
    thread.start()
    return thread
