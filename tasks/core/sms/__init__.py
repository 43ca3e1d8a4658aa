"""Mainland template SMS (Aliyun, Tencent Cloud) as Apprise plugins — see docs/sms.md."""
from __future__ import annotations

from apprise.manager_plugins import NotificationManager

from tasks.core.sms.aliyun import NotifyAliyunSms
from tasks.core.sms.tencent import NotifyTencentSms

PLUGINS = (NotifyAliyunSms, NotifyTencentSms)


def register_sms_plugins() -> None:
    """Make ``aliyunsms://`` and ``tencentsms://`` known to Apprise; safe to call repeatedly."""
    manager = NotificationManager()  # Apprise's plugin registry (a singleton)
    for plugin in PLUGINS:
        if plugin.secure_protocol not in manager or manager[plugin.secure_protocol] is not plugin:
            manager.add(plugin, force=True)


__all__ = ["NotifyAliyunSms", "NotifyTencentSms", "PLUGINS", "register_sms_plugins"]
