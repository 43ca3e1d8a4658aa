"""Delivery channels: one Apprise YAML configuration file with tags (docs/architecture.md).

- `${VAR}` in the file is replaced from the environment, so credentials never live in the repo;
  `${VAR:-default}` takes the default when VAR is not set.
- Entries tagged `source:hotline` / `source:rating` reach the source systems (results sent back);
  not `source:12345`: Apprise drops an entry whose tag ends in `:<digits>`.
- Entries tagged `email` or `sms` are transports for people: `{to}` in their URL is replaced by
  the recipient's address (e-mail address or phone number) when a message is sent.
- Entries tagged `role:NAME` reach a role's own addresses (e.g. the management section's mailbox).
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import quote

import apprise
import yaml

from models.core.errors import InvalidInput

_VAR = re.compile(r"\$\{([A-Z0-9_]+)(?::-([^}]*))?\}")  # ${VAR} or ${VAR:-default}
REQUIRED_TAGS = ("email", "sms", "role:management", "role:complaint_window", "role:operators")


def expand_environment(text: str, environ: dict[str, str] | None = None) -> str:
    environ = os.environ if environ is None else environ

    def value(match: re.Match) -> str:
        name, default = match.group(1), match.group(2)
        if name not in environ and default is not None:
            return default
        if name not in environ:
            raise InvalidInput(field="通知渠道配置", message=f"环境变量 {name} 未设置")
        return environ[name]

    return "\n".join(line if line.lstrip().startswith("#") else _VAR.sub(value, line)
                     for line in text.splitlines())


def config_text(path: Path) -> str:
    """The configuration with `${VAR}` filled in from the environment as it is now."""
    if not path.is_file():
        raise InvalidInput(field="通知渠道配置", message=f"文件 {path} 不存在")
    return expand_environment(path.read_text(encoding="utf-8"))


def _tags(entry) -> set[str]:
    settings = next(iter(entry.values()), None) if isinstance(entry, dict) else None
    tags = set()
    for item in settings if isinstance(settings, list) else [settings]:
        value = item.get("tag", "") if isinstance(item, dict) else ""
        tags |= {t.strip() for t in (value if isinstance(value, list) else str(value).split(","))}
    return tags


def only_tagged(text: str, tag: str) -> str:
    """The configuration restricted to the entries with `tag` or a `tag:…` sub-tag."""
    document = yaml.safe_load(text) or {}
    document["urls"] = [entry for entry in document.get("urls") or []
                        if any(t == tag or t.startswith(f"{tag}:") for t in _tags(entry))]
    return yaml.safe_dump(document, allow_unicode=True)


def apprise_for(text: str, address: str = "", tag: str | None = None) -> apprise.Apprise:
    """An Apprise object from the configuration (only the entries of `tag`, when given), `{to}`
    filled with the recipient's address."""
    from tasks.core.log_privacy import protect_apprise_log
    from tasks.core.message_ids import install_stable_message_ids
    from tasks.core.sms import register_sms_plugins

    register_sms_plugins()
    install_stable_message_ids()  # e-mails keep one Message-ID across resends of an outbox row
    protect_apprise_log()  # it would log the recipient's number
    if tag is not None:
        text = only_tagged(text, tag)
    config = apprise.AppriseConfig()
    config.add_config(text.replace("{to}", quote(address, safe="@+")), format="yaml")
    notifier = apprise.Apprise(asset=apprise.AppriseAsset(async_mode=False))
    notifier.add(config)
    return notifier


def check_channels(text: str, required: tuple[str, ...] = REQUIRED_TAGS) -> list[str]:
    """Every problem with the configuration: URLs Apprise could not load, tags nothing serves.

    Apprise drops a URL it cannot parse with only a log line; this turns that into an error."""
    from tasks.core.sms.config_check import find_unloadable_urls

    problems = [str(failure) for failure in find_unloadable_urls(text.replace("{to}", "13800000000"))]
    tags = {str(tag) for service in apprise_for(text, "13800000000") for tag in service.tags}
    problems += [f"没有任何通知地址带有标签 {tag}" for tag in required if tag not in tags]
    return problems
