"""Reading YAML and CSV import files into records, with the position of each for errors."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import yaml

from models.core.errors import InvalidInput
from models.core.files import read_file


class _StringDatesLoader(yaml.SafeLoader):
    """Dates stay strings, so pydantic validates them and names the field (2027-02-30)."""


_StringDatesLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str, field: str):
    try:
        return yaml.load(text, Loader=_StringDatesLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as error:
        raise InvalidInput(field=field, message=f"YAML 格式错误：{error}") from None


def read_text(path: Path, field: str = "文件") -> str:
    try:
        return read_file(path, field).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput(field=field, message=f"文件 {path} 不是 UTF-8 编码（第 {error.start} 字节）") from None


def read_records(path: Path, sections: tuple[str, ...], field: str = "文件",
                 aliases: dict[str, str] | None = None) -> dict[str, list[tuple[str, dict]]]:
    """YAML: a mapping of section → list of mappings. CSV: a `kind` (or 类别) column names the section.
    `aliases`: the sections' Chinese names (放假日 → days_off), accepted wherever a section is named.

    Each record comes with its position ('第3行' for CSV, 'staff[2]' for YAML, as the file names it)."""
    aliases = aliases or {}
    text = read_text(path, field)
    out: dict[str, list[tuple[str, dict]]] = {name: [] for name in sections}
    named = "、".join(list(aliases) or sections)
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        column = next((c for c in ("kind", "类别") if c in (reader.fieldnames or [])), None)
        if column is None:
            raise InvalidInput(field=field, message=f"CSV 缺少 kind 列（或「类别」列，取值：{named}）")
        for line, row in enumerate(reader, start=2):
            if None in row:
                raise InvalidInput(field=field, message=f"第{line}行：列数多于表头")
            kind = (row.pop(column) or "").strip()
            kind = aliases.get(kind, kind)
            if kind not in out:
                raise InvalidInput(field=field, message=f"第{line}行：类别取值「{kind}」无效，应为 {named}")
            out[kind].append((f"第{line}行", {k: v for k, v in row.items() if v not in (None, "")}))
        return out
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise InvalidInput(field=field, message="只接受 .yaml、.yml 或 .csv 文件")
    data = load_yaml(text, field) or {}
    if not isinstance(data, dict):
        raise InvalidInput(field=field, message=f"YAML 顶层应为映射（{named}）")
    unknown = set(data) - set(sections) - set(aliases)
    if unknown:
        raise InvalidInput(field=field, message=f"未知的部分：{'、'.join(sorted(map(str, unknown)))}")
    for key in data:
        name = aliases.get(key, key)
        items = data.get(key) or []
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise InvalidInput(field=field, message=f"{key} 应为列表，每项为映射")
        out[name] += [(f"{key}[{i}]", item) for i, item in enumerate(items)]
    return out
