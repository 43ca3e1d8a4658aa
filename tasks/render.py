"""Templates (docs/architecture.md): one sandboxed Jinja2 environment for text and one for HTML.

Both use StrictUndefined: a missing variable is an error naming the template and the variable.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, select_autoescape
from jinja2.sandbox import ImmutableSandboxedEnvironment

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


class TemplateFailed(Exception):
    def __init__(self, name: str, error: Exception):
        self.name = name
        super().__init__(f"模板 {name} 渲染失败：{error}")


def _filters() -> dict:
    from models.rules.masking import mask_name, mask_phone

    return {"mask_phone": mask_phone, "mask_name": mask_name,
            "dt": lambda value: value.strftime("%Y-%m-%d %H:%M") if value else "",
            "d": lambda value: value.strftime("%Y-%m-%d") if value else ""}


@lru_cache(maxsize=2)
def environment(html: bool) -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        loader=FileSystemLoader(str(TEMPLATES)), undefined=StrictUndefined,
        autoescape=select_autoescape(["html"], default_for_string=html, default=html),
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
    )
    env.filters.update(_filters())
    return env


def render(name: str, /, **context) -> str:
    """Render templates/NAME; HTML templates (.html) are autoescaped."""
    try:
        return environment(name.endswith(".html")).get_template(name).render(**context).strip()
    except TemplateError as error:
        raise TemplateFailed(name, error) from error


def render_email(name: str, /, **context) -> tuple[str, str]:
    """templates/email/NAME.txt: the first line is the subject, the rest the body."""
    subject, _, body = render(f"email/{name}.txt", **context).partition("\n")
    return subject.strip(), body.strip()
