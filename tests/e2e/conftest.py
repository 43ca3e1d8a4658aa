"""One real deployment of the center for the end-to-end tests (started once per session):
a Prefect server on PostgreSQL, two `center serve` processes pointed at it, the case store on
PostgreSQL too, and the session's SMTP server and SMS sink as the channels."""
from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass

import httpx
import pytest

from support.databases import postgres_database, require_postgres, use_database
from support.prefect_server import ROOT, PrefectServer, ServeProcess, wait_until

SERVE_MODULE = "support.serve_sample"  # `center serve` + the sample procedure; "deployments.cli.app" for a real one
ALERT_DEPLOYMENT = "运维告警/alert-operators"


@dataclass
class Cluster:
    server: PrefectServer
    serves: list[ServeProcess]
    case_store: str
    serve_env: dict[str, str]

    @property
    def api_url(self) -> str:
        return self.server.api_url

    def get(self, path: str):
        response = httpx.get(f"{self.api_url}{path}", timeout=30)
        return response.json() if response.status_code == 200 else None

    def post(self, path: str, body: dict | None = None):
        response = httpx.post(f"{self.api_url}{path}", json=body or {}, timeout=30)
        response.raise_for_status()
        return response.json()

    def logs(self) -> str:
        return "\n".join(f"--- {p.log.name}\n{p.log_tail(30)}" for p in [self.server, *self.serves])

    def new_serve(self, name: str) -> ServeProcess:
        """A serve process against the server; append it to `serves` so that the session stops it."""
        return ServeProcess(self.server, self.serve_env, self.server.log.parent / f"{name}.log", module=SERVE_MODULE)

    def stop_serves(self) -> None:
        for process in reversed(self.serves):
            process.stop()

    def wait_served(self, process: ServeProcess, timeout: float = 300) -> None:
        """Until `process` has set up the failure alert and a runner polls the deployments."""
        def ready() -> bool:
            deployment = self.get(f"/deployments/name/{ALERT_DEPLOYMENT}")
            return "失败告警已就绪" in process.log_tail(200) and bool(deployment) and deployment["status"] == "READY"

        wait_until(ready, timeout=timeout, what=f"center serve ({process.log.name})", interval=0.5, process=process)


def asyncpg(url: str) -> str:
    return url.replace("postgresql://", "postgresql+asyncpg://", 1)


@pytest.fixture(scope="session")
def cluster(tmp_path_factory, smtp_server, sms_sink):
    require_postgres()
    home = tmp_path_factory.mktemp("prefect-home")
    with ExitStack() as stack:  # unwinds in reverse: serve processes, server, databases
        prefect_db = stack.enter_context(postgres_database())
        case_store = stack.enter_context(postgres_database())
        _prepare_case_store(case_store)
        server = PrefectServer(home, asyncpg(prefect_db))
        stack.callback(server.stop)
        server.start(timeout=300)
        env = {"CENTER_DATABASE_URL": case_store, "CENTER_DATA_DIR": str(home / "data"),
               "CENTER_APPRISE_CONFIG": str(ROOT / "examples" / "apprise.yaml"),
               "CENTER_SMTP_HOST": "127.0.0.1", "CENTER_SMTP_PORT": str(smtp_server.port),
               "CENTER_SMS_RELAY": f"127.0.0.1:{sms_sink.port}/sms", "PREFECT_LOGGING_LEVEL": "INFO"}
        running = Cluster(server, [], case_store, env)
        stack.callback(running.stop_serves)  # before the server: every serve, also those tests add
        for name in ("serve-1", "serve-2"):
            process = running.new_serve(name)
            running.serves.append(process)
            process.start()
        for process in running.serves:
            running.wait_served(process)
        yield running


def _prepare_case_store(url: str) -> None:
    from models.core.db import session_scope
    from models.core.org_import import import_org

    with pytest.MonkeyPatch.context() as patch:
        use_database(patch, url)
        with session_scope() as session:
            import_org(session=session, path=ROOT / "examples" / "org.yaml")


@pytest.fixture
def case_store(cluster, monkeypatch):
    """This test process reads and writes the cluster's case store."""
    return use_database(monkeypatch, cluster.case_store)


@pytest.fixture
def prefect_api(cluster):
    """Prefect calls of this test process go to the cluster's server."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from prefect.logging.handlers import APILogWorker

    with temporary_settings(updates={PREFECT_API_URL: cluster.api_url}):
        yield cluster.api_url
        APILogWorker.drain_all(timeout=5)  # this process's flow logs, while the server is still there
