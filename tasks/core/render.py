"""Templates (docs/architecture.md): one sandboxed Jinja2 environment for text and one for HTML.

Both use StrictUndefined: a missing variable is an error naming the template and the variable.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound, select_autoescape
from jinja2.sandbox import ImmutableSandboxedEnvironment

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
KIND_SUFFIX = {"sms": "sms", "email": "email", "documents": "document", "web": "page", "site": "site"}


class ProcedureLoader(FileSystemLoader):
    """Each procedure keeps its templates in templates/<procedure>/, the shared ones in templates/core/, the
    kind in the file's name: "sms/leave_sign.txt" is templates/leave/leave_sign.sms.txt, "web/case.html" is
    templates/core/case.page.html. Looked up in core/ first, then in every procedure's folder."""

    def __init__(self) -> None:
        folders = sorted((p for p in TEMPLATES.iterdir() if p.is_dir()), key=lambda p: (p.name != "core", p.name))
        super().__init__([str(p) for p in folders])

    def get_source(self, environment, template: str):
        kind, _, name = template.partition("/")
        stem, dot, ext = name.rpartition(".")
        if kind not in KIND_SUFFIX or not dot:
            raise TemplateNotFound(template)
        return super().get_source(environment, f"{stem}.{KIND_SUFFIX[kind]}.{ext}")


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
        loader=ProcedureLoader(), undefined=StrictUndefined,
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


def template_names() -> list[str]:
    """Every template's name as `render` takes it ("web/case.html" for templates/core/case.page.html)."""
    kinds = {suffix: kind for kind, suffix in KIND_SUFFIX.items()}
    names = set()
    for path in TEMPLATES.glob("*/*.*.*"):
        stem, suffix, ext = path.name.rsplit(".", 2)
        if suffix in kinds:
            names.add(f"{kinds[suffix]}/{stem}.{ext}")
    return sorted(names)


def compile_all() -> int:
    """Every template parsed and compiled into its environment's cache (the desk's start-up: no clerk
    waits for a page's first compilation); how many."""
    for name in template_names():
        environment(name.endswith(".html")).get_template(name)
    return len(template_names())


def render_email(name: str, /, **context) -> tuple[str, str]:
    """The e-mail NAME (templates/<procedure>/NAME.email.txt): the first line is the subject, the rest the body."""
    subject, _, body = render(f"email/{name}.txt", **context).partition("\n")
    return subject.strip(), body.strip()
