"""Shared fixtures: a fresh case store per test (SQLite, and PostgreSQL where marked), the
sample organisation, a real SMTP server and a real HTTP SMS sink for the whole session."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from support.databases import postgres_database, use_database
from support.servers import SmsSink, SmtpServer

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ["COLUMNS"] = "200"  # Rich tables unwrapped in captured output


@pytest.fixture(scope="session")
def smtp_server():
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def sms_sink():
    sink = SmsSink()
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture(scope="session")
def prefect_api():
    """A real Prefect API, started once per session (~13 s) and only when a test asks for it
    (every test under tests/procedures does); yields its URL for subprocesses."""
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    from flows.core.prefect_runtime import disable_flow_heartbeats

    # Set here too: a test may call a flow before anything imports flows/__init__.py.
    disable_flow_heartbeats()
    with prefect_test_harness(server_startup_timeout=120):
        yield PREFECT_API_URL.value()


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch, tmp_path, request):
    """Each test gets its own data folder and channel configuration pointing at the local servers."""
    from models.core.settings import get_settings

    monkeypatch.setenv("CENTER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CENTER_APPRISE_CONFIG", str(ROOT / "examples" / "apprise.yaml"))
    monkeypatch.setenv("CENTER_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("CENTER_SMTP_PORT", os.environ.get("_TEST_SMTP_PORT", "1"))
    monkeypatch.setenv("CENTER_SMS_RELAY", os.environ.get("_TEST_SMS_RELAY", "127.0.0.1:1/sms"))
    monkeypatch.delenv("CENTER_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def channels(monkeypatch, smtp_server, sms_sink):
    """The channel configuration pointed at the session's SMTP server and SMS sink."""
    monkeypatch.setenv("CENTER_SMTP_PORT", str(smtp_server.port))
    monkeypatch.setenv("CENTER_SMS_RELAY", f"127.0.0.1:{sms_sink.port}/sms")
    sms_sink.mode = "ok"
    return smtp_server, sms_sink


@pytest.fixture
def sqlite_db(monkeypatch, tmp_path):
    return use_database(monkeypatch, f"sqlite:///{tmp_path / 'center.db'}")


@pytest.fixture
def postgres_db(monkeypatch):
    with postgres_database() as url:
        yield use_database(monkeypatch, url)


@pytest.fixture(params=["sqlite", "postgres"])
def any_db(request, monkeypatch, tmp_path):
    """The same test on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        yield use_database(monkeypatch, f"sqlite:///{tmp_path / 'center.db'}")
    else:
        with postgres_database() as url:
            yield use_database(monkeypatch, url)


@pytest.fixture
def db(sqlite_db):
    """The default store for tests that do not need both databases."""
    return sqlite_db


@pytest.fixture
def org(db):
    """The sample organisation, imported."""
    from models.core.db import session_scope
    from models.core.org_import import import_org

    with session_scope() as session:
        import_org(session=session, path=ROOT / "examples" / "org.yaml")
    return db


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A passing test of a module that names a probe's defects (ISSUE_19_DEFECTS, ISSUE_26_DEFECTS)
    counts them as fixed in the reliability summary (tests/reliability/summary.py)."""
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.passed:
        from reliability import summary

        for issue in summary.PROBES:
            for number in getattr(item.module, f"ISSUE_{issue}_DEFECTS", ()):
                summary.defect_fixed(issue, number)
