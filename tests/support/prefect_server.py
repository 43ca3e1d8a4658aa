"""Real Prefect processes for end-to-end tests: a `prefect server start` subprocess (on PostgreSQL
or SQLite) and `center serve` processes pointed at it. Every process runs in its own process
group and is stopped by its id; `ServeProcess` must be stopped before the server (measured:
with the server gone, `serve` hangs on SIGTERM)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from support.servers import free_port

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def wait_until(check, *, timeout: float, what: str, interval: float = 0.2, process=None, context=None):
    """Poll `check()` until it returns a truthy value; on timeout fail naming `what`, with the
    process's log tail (or what `context()` returns)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.exited():
            raise RuntimeError(f"{what}: the process exited ({process.returncode()})\n{process.log_tail()}")
        value = check()
        if value:
            return value
        time.sleep(interval)
    tail = process.log_tail() if process is not None else context() if context else ""
    raise TimeoutError(f"{what}: not within {timeout:.0f} s\n{tail}")


class _Process:
    """A subprocess in its own process group, its output in a log file."""

    def __init__(self, argv: list[str], env: dict[str, str], log: Path):
        self.argv, self.env, self.log = argv, env, log
        self.popen: subprocess.Popen | None = None

    def start(self) -> None:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log, "ab") as out:
            self.popen = subprocess.Popen(self.argv, env=self.env, cwd=ROOT, stdout=out,
                                          stderr=subprocess.STDOUT, start_new_session=True)

    def exited(self) -> bool:
        return self.popen is not None and self.popen.poll() is not None

    def returncode(self) -> int | None:
        return self.popen.poll() if self.popen else None

    def log_tail(self, lines: int = 40) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self, timeout: float = 60) -> int | None:
        """SIGTERM to the process group, SIGKILL after `timeout`; waits until it is gone."""
        if self.popen is None or self.popen.poll() is not None:
            return self.returncode()
        group = self.popen.pid  # start_new_session: the process leads its own group
        os.killpg(group, signal.SIGTERM)
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(group, signal.SIGKILL)
            self.popen.wait(10)
        _kill_leftovers(group)
        return self.popen.returncode


def _kill_leftovers(group: int) -> None:
    """Children of the group that outlived their parent (e.g. a flow run's process)."""
    try:
        os.killpg(group, signal.SIGKILL)
    except ProcessLookupError:
        pass


class PrefectServer(_Process):
    """`prefect server start` on a free port, with its own PREFECT_HOME and database."""

    def __init__(self, home: Path, database_url: str | None = None):
        self.port = free_port()
        self.api_url = f"http://127.0.0.1:{self.port}/api"
        from deployments.server_settings import SERVER_BATCHING

        env = {**os.environ, **SERVER_BATCHING, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
               "PREFECT_SERVER_LOGGING_LEVEL": "WARNING"}
        env.pop("PREFECT_API_URL", None)
        if database_url:
            env["PREFECT_SERVER_DATABASE_CONNECTION_URL"] = database_url
        super().__init__([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1",
                          "--port", str(self.port)], env, home / "server.log")

    def healthy(self) -> bool:
        try:
            return httpx.get(f"{self.api_url}/health", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def start(self, timeout: float = 90) -> None:
        super().start()
        wait_until(self.healthy, timeout=timeout, what="Prefect server ready", process=self)


class ServeProcess(_Process):
    """`center serve` (or another entry point taking the same arguments) against `server`."""

    def __init__(self, server: PrefectServer, env: dict[str, str], log: Path,
                 module: str = "deployments.cli.app", limit: int = 4):
        full = {**os.environ, **env, "PREFECT_API_URL": server.api_url, "PREFECT_RUNNER_POLL_FREQUENCY": "1",
                "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PYTHONPATH": str(ROOT / "tests"),
                "PYTHONUNBUFFERED": "1"}
        super().__init__([sys.executable, "-m", module, "serve", "--limit", str(limit)], full, log)
