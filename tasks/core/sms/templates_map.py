"""The procedures' SMS templates mapped to each provider's approved template and parameter names.

::

    appointment_reminder:
      aliyun: {code: SMS_123456789, params: [name, date]}
      tencent: {id: "1234567", params: [name, date]}

Each slice keeps the codes of its SMS templates beside them, in ``templates/<slice>/sms_codes.yaml``;
``CENTER_SMS_TEMPLATES`` names one file that replaces them all (README: configuration).

``build_sms_body`` turns named values into the body the plugins expect: a JSON object of strings
for Aliyun, a JSON list of strings in the template's order for Tencent.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, RootModel, ValidationError, field_validator

from models.core.errors import InvalidInput, NotFound, input_problems
from tasks.core.render import TEMPLATES
from tasks.core.sms.errors import SmsConfigError

Provider = Literal["aliyun", "tencent"]
SMS_CODES = "sms_codes.yaml"  # a slice's mapping, beside its SMS templates


class _ProviderTemplate(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    params: list[str] = Field(default_factory=list)

    @field_validator("params")
    @classmethod
    def _unique(cls, params: list[str]) -> list[str]:
        if len(set(params)) != len(params):
            raise ValueError("parameter names must be unique")
        return params


class AliyunTemplate(_ProviderTemplate):
    code: str = Field(pattern=r"^SMS_\d+$")


class TencentTemplate(_ProviderTemplate):
    id: str = Field(pattern=r"^\d+$")


class SmsTemplate(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    aliyun: AliyunTemplate | None = None
    tencent: TencentTemplate | None = None


class TemplateMap(RootModel[dict[str, SmsTemplate]]):
    def get(self, name: str) -> SmsTemplate:
        if name not in self.root:
            raise NotFound("短信模板", name)
        return self.root[name]


def parse_template_map(yaml_text: str) -> TemplateMap:
    try:
        return TemplateMap.model_validate(yaml.safe_load(yaml_text) or {})
    except yaml.YAMLError as error:
        raise SmsConfigError([f"短信模板对照表不是有效的 YAML：{error}"]) from error
    except ValidationError as error:
        raise SmsConfigError([f"短信模板对照表 {problem}" for problem in input_problems(error, TemplateMap)]) from error


def load_template_map(path: Path) -> TemplateMap:
    return parse_template_map(path.read_text(encoding="utf-8"))


def slices_template_map(root: Path = TEMPLATES) -> TemplateMap:
    """The slices' own mappings (``root/*/sms_codes.yaml``) as one; a template named twice is refused."""
    merged: dict[str, SmsTemplate] = {}
    for path in sorted(root.glob(f"*/{SMS_CODES}")):
        part = load_template_map(path).root
        twice = sorted(set(part) & set(merged))
        if twice:
            raise SmsConfigError([f"短信模板对照表 {path}：{'、'.join(twice)} 已在其他目录配置"])
        merged.update(part)
    return TemplateMap(merged)


def configured_template_map(path: Path | None) -> TemplateMap:
    """The file ``path`` names (CENTER_SMS_TEMPLATES), else the slices' own mappings."""
    return load_template_map(path) if path else slices_template_map()


def build_sms_body(mapping: TemplateMap, template: str, provider: Provider,
                   values: Mapping[str, object]) -> str:
    """The JSON body for ``template`` on ``provider``; every parameter must have a non-empty value."""
    entry = getattr(mapping.get(template), provider)
    if entry is None:
        raise InvalidInput(f"短信模板 {template}", f"未配置{'阿里云' if provider == 'aliyun' else '腾讯云'}模板")
    missing = [name for name in entry.params if values.get(name) in (None, "")]
    if missing:
        raise InvalidInput(f"短信模板 {template}", f"缺少参数：{'、'.join(missing)}")
    rendered = [str(values[name]) for name in entry.params]
    if provider == "aliyun":
        return json.dumps(dict(zip(entry.params, rendered)), ensure_ascii=False)
    return json.dumps(rendered, ensure_ascii=False)
