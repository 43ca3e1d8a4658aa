"""Start-up checks of the Apprise YAML configuration.

Apprise drops a URL it cannot parse with nothing but a log line, and a tag that matches no
service makes ``notify`` a silent no-op. These checks turn both into an error naming each
problem. ``include:`` entries are not followed.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import apprise
import yaml
from apprise.config.base import ConfigBase

from tasks.core.sms import register_sms_plugins
from tasks.core.sms.errors import SmsConfigError


@dataclass(frozen=True)
class UrlLoadFailure:
    entry: int  # 1-based position under ``urls:``
    schema: str
    expected: int  # services the entry describes (a URL with a list of settings describes several)
    loaded: int

    def __str__(self) -> str:
        where = f"urls 第 {self.entry} 项（{self.schema}://…）"
        if self.expected > 1:
            return f"{where}有 {self.expected - self.loaded} 个服务无法加载"
        return f"{where}无法加载，请检查地址格式、密钥、签名和手机号"


def _url_key(entry: object) -> str | None:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, dict):
        return next((key for key in entry if isinstance(key, str) and "://" in key), None)
    return None


def _expected(entry: object) -> int:
    key = _url_key(entry)
    settings = entry.get(key) if isinstance(entry, dict) and key else None
    if isinstance(settings, list):
        return sum(isinstance(item, dict) for item in settings)
    return 1


def _parse_document(yaml_text: str) -> dict:
    try:
        document = yaml.safe_load(yaml_text)
    except yaml.YAMLError as error:
        raise SmsConfigError(problems=[f"通知配置不是有效的 YAML：{error}"]) from error
    if not isinstance(document, dict) or not isinstance(document.get("urls", []), list):
        raise SmsConfigError(problems=["通知配置格式错误：顶层须为映射，urls 须为列表"])
    return document


def find_unloadable_urls(yaml_text: str) -> list[UrlLoadFailure]:
    """Every ``urls:`` entry that Apprise would drop, found by loading the entries one by one."""
    register_sms_plugins()
    document = _parse_document(yaml_text)
    shared = {key: value for key, value in document.items() if key not in ("urls", "include")}
    failures = []
    for number, entry in enumerate(document.get("urls") or [], start=1):
        single = yaml.safe_dump({**shared, "urls": [entry]}, allow_unicode=True)
        services, _ = ConfigBase.config_parse_yaml(single, asset=apprise.AppriseAsset())
        expected = _expected(entry)
        if len(services) < expected:
            schema = (_url_key(entry) or "?").split("://")[0]
            failures.append(UrlLoadFailure(number, schema, expected, len(services)))
    return failures


def load_yaml_config(yaml_text: str, asset: apprise.AppriseAsset | None = None
                     ) -> tuple[apprise.Apprise, list[UrlLoadFailure]]:
    """An ``Apprise`` holding the configuration, and the URLs of it that failed to load."""
    failures = find_unloadable_urls(yaml_text)
    config = apprise.AppriseConfig()
    config.add_config(yaml_text, format="yaml", asset=asset)
    apobj = apprise.Apprise(asset=asset)
    apobj.add(config)
    return apobj, failures


def _missing_tags(apobj: apprise.Apprise, required_tags: Iterable[str]) -> list[str]:
    return [
        f"没有任何已加载的通知服务带有标签「{tag}」"
        for tag in dict.fromkeys(required_tags)
        if next(apobj.find(tag=tag, match_always=False, resolve=False), None) is None
    ]


def check_tags(apobj: apprise.Apprise, required_tags: Iterable[str]) -> None:
    """Raise ``SmsConfigError`` naming every required tag that matches no loaded service."""
    problems = _missing_tags(apobj, required_tags)
    if problems:
        raise SmsConfigError(problems=problems)


def check_config(yaml_text: str, required_tags: Iterable[str],
                 asset: apprise.AppriseAsset | None = None) -> apprise.Apprise:
    """Load the configuration, or raise one ``SmsConfigError`` listing bad URLs and missing tags."""
    apobj, failures = load_yaml_config(yaml_text, asset)
    problems = [str(failure) for failure in failures] + _missing_tags(apobj, required_tags)
    if problems:
        raise SmsConfigError(problems=problems)
    return apobj
