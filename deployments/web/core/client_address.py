"""The address a request comes from, for the log-in throttle: the connection's peer, or — only when
that peer is a proxy named in CENTER_WEB_TRUSTED_PROXIES — the last address of `X-Forwarded-For` that
is not one of those proxies. Without the setting the header is ignored: anyone can write it."""
from __future__ import annotations

from fastapi import Request

from models.core.settings import get_settings


def trusted_proxies() -> frozenset[str]:
    return frozenset(a.strip() for a in get_settings().web_trusted_proxies.split(",") if a.strip())


def client_address(request: Request) -> str:
    peer = request.client.host if request.client else "-"
    proxies = trusted_proxies()
    if peer not in proxies:
        return peer
    hops = [a.strip() for a in ",".join(request.headers.getlist("x-forwarded-for")).split(",") if a.strip()]
    return next((hop for hop in reversed(hops) if hop not in proxies), peer)
