from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from fake_sms_server import FakeProvider

from tasks.core.sms import register_sms_plugins
from tasks.core.sms.delivery import InMemoryLedger, set_delivery_ledger


@pytest.fixture(autouse=True)
def _plugins() -> None:
    register_sms_plugins()


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch) -> None:
    """Fail any test that would resolve or connect to anything but 127.0.0.1."""
    real_getaddrinfo, real_connect = socket.getaddrinfo, socket.socket.connect

    def getaddrinfo(host, *args, **kwargs):
        if host not in ("127.0.0.1", b"127.0.0.1"):
            raise AssertionError(f"a test tried to resolve {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    def connect(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and address[0] != "127.0.0.1":
            raise AssertionError(f"a test tried to connect to {address!r}")
        return real_connect(sock, address)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)


@pytest.fixture
def ledger() -> Iterator[InMemoryLedger]:
    ledger = InMemoryLedger()
    set_delivery_ledger(ledger)
    yield ledger
    set_delivery_ledger(None)


@pytest.fixture
def aliyun() -> Iterator[FakeProvider]:
    provider = FakeProvider("aliyun")
    yield provider
    provider.close()


@pytest.fixture
def tencent() -> Iterator[FakeProvider]:
    provider = FakeProvider("tencent")
    yield provider
    provider.close()
