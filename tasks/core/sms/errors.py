"""The SMS configuration error: every problem found is listed at once, in Chinese."""
from __future__ import annotations

from models.core.errors import CenterError


class SmsConfigError(CenterError):
    def __init__(self, *, problems: list[str]):
        self.problems = problems
        super().__init__("短信配置有误：" + "；".join(problems))
