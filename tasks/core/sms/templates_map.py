"""The procedures' SMS templates mapped to each provider's approved template and parameter names.

::

    appointment_reminder:
      aliyun: {code: SMS_123456789, params: [name, date]}
      tencent: {id: "1234567", params: [name, date]}

Each SMS template carries its own entry in a Jinja comment at its top (nothing of it is rendered)::

    {#- 服务商模板对照（…）
    aliyun: {code: SMS_123456789, params: [name, date]}
    tencent: {id: "1234567", params: [name, date]}
    -#}
    【行政服务中心】{{ name }}……

``CENTER_SMS_TEMPLATES`` names one file, in the form above, that replaces them all (README: configuration).

``build_sms_body`` turns named values into the body the plugins expect: a JSON object of strings
for Aliyun, a JSON list of strings in the template's order for Tencent.
"""
from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, RootModel, ValidationError, field_validator

from models.core.errors import InvalidInput, NotFound, input_problems
from tasks.core.render import TEMPLATES
from tasks.core.sms.errors import SmsConfigError

Provider = Literal["aliyun", "tencent"]
# A template's provider entry: the YAML between the first line of its opening comment and "-#}".
SMS_HEADER = re.compile(r"\A\{#-[^\n]*\n(?P<codes>.*?)^-#\}\n", re.S | re.M)


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
            raise NotFound(field="短信模板", value=name)
        return self.root[name]


def parse_template_map(yaml_text: str, name: str | None = None) -> TemplateMap:
    """The mapping in ``yaml_text``; with ``name``, the text is that one template's entry."""
    try:
        data = yaml.safe_load(yaml_text) or {}
        return TemplateMap.model_validate(data if name is None else {name: data})
    except yaml.YAMLError as error:
        raise SmsConfigError(problems=[f"短信模板对照表不是有效的 YAML：{error}"]) from error
    except ValidationError as error:
        raise SmsConfigError(problems=[f"短信模板对照表 {problem}" for problem in input_problems(error, TemplateMap)]) from error


def load_template_map(path: Path) -> TemplateMap:
    return parse_template_map(path.read_text(encoding="utf-8"))


def template_entry(path: Path) -> TemplateMap:
    """The provider entry in the header of the SMS template at ``path``, under the template's name."""
    header = SMS_HEADER.match(path.read_text(encoding="utf-8"))
    if header is None:
        raise SmsConfigError(problems=[f"短信模板 {path} 开头没有服务商模板对照（{{#- … -#}}）"])
    return parse_template_map(header["codes"], name=path.name.removesuffix(".sms.txt"))


def slices_template_map(root: Path = TEMPLATES) -> TemplateMap:
    """The entries in the headers of the slices' SMS templates (``root/*/*.sms.txt``) as one; a
    template named in two slices is refused."""
    merged: dict[str, SmsTemplate] = {}
    for path in sorted(root.glob("*/*.sms.txt")):
        entry = template_entry(path).root
        twice = sorted(set(entry) & set(merged))
        if twice:
            raise SmsConfigError(problems=[f"短信模板对照表 {path}：{'、'.join(twice)} 已在其他目录配置"])
        merged.update(entry)
    return TemplateMap(merged)


def configured_template_map(path: Path | None) -> TemplateMap:
    """The file ``path`` names (CENTER_SMS_TEMPLATES), else the slices' own mappings."""
    return load_template_map(path) if path else slices_template_map()


def build_sms_body(mapping: TemplateMap, template: str, provider: Provider,
                   values: Mapping[str, object]) -> str:
    """The JSON body for ``template`` on ``provider``; every parameter must have a non-empty value."""
    entry = getattr(mapping.get(template), provider)
    if entry is None:
        raise InvalidInput(field=f"短信模板 {template}", message=f"未配置{'阿里云' if provider == 'aliyun' else '腾讯云'}模板")
    missing = [name for name in entry.params if values.get(name) in (None, "")]
    if missing:
        raise InvalidInput(field=f"短信模板 {template}", message=f"缺少参数：{'、'.join(missing)}")
    rendered = [str(values[name]) for name in entry.params]
    if provider == "aliyun":
        return json.dumps(dict(zip(entry.params, rendered)), ensure_ascii=False)
    return json.dumps(rendered, ensure_ascii=False)
