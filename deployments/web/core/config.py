"""The desk's own settings: the key that signs session cookies, the cookie's Secure flag, the body
cap (all three from models.core.settings: CENTER_WEB_SECRET, CENTER_WEB_SECURE_COOKIE,
CENTER_WEB_MAX_BODY_MB) and the log-in backoff (throttle.py)."""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from deployments.web.core.throttle import Backoff
from models.core.settings import get_settings


@dataclass(frozen=True)
class WebConfig:
    secret_key: str
    session_hours: int = 12
    https_only: bool = field(default_factory=lambda: get_settings().web_secure_cookie)
    max_body_bytes: int = field(default_factory=lambda: get_settings().web_max_body_mb * 2**20)
    pair_backoff: Backoff = field(default_factory=lambda: Backoff(free=3, base=2.0, cap=900.0))
    address_backoff: Backoff = field(default_factory=lambda: Backoff(free=20, base=2.0, cap=900.0))
    account_delay: Backoff = field(default_factory=lambda: Backoff(free=10, base=0.5, cap=4.0))


def secret_key() -> str:
    """CENTER_WEB_SECRET, or a random key kept in the data folder (readable by its owner only),
    so sessions survive a restart and no key is ever in the repository."""
    settings = get_settings()
    if settings.web_secret:
        return settings.web_secret
    path: Path = settings.data_dir / "web-secret.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip()
