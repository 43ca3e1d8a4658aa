"""Every file of a slice is reached from its spec (models/procedures.py): a module of
deployments/cli/<slice>*, deployments/web/<slice>*, deployments/demo/<slice>.py, flows/<slice>.py or
tasks/<slice>* is named by the spec (or, for the demo, by its list of scenarios) or imported by a module
that is; a template of templates/<slice>/ is rendered by name in the code or extended, included or
imported by another template. A file nothing reaches is a registration forgotten — or dead code."""
from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest

from deployments.demo.run import SCENARIOS
from models.procedures import CASELESS_SLICES, PROCEDURES

ROOT = Path(__file__).resolve().parents[2]
CODE = ("models", "tasks", "flows", "deployments")
TEMPLATE_REFERENCE = re.compile(r"""{%-?\s*(?:extends|include|import|from)\s+["']([^"']+)["']""")


def slice_of(machine: str) -> str:
    """models.<slice>.machine:NAME → <slice>."""
    return machine.split(":")[0].split(".")[1]


SLICES = sorted({slice_of(spec.machine) for spec in PROCEDURES if spec.kind != "sample"} | set(CASELESS_SLICES))


def named_modules(value) -> set[str]:
    """The modules a spec (or any part of it) names as "module:attribute" or "module"."""
    if dataclasses.is_dataclass(value):
        return {m for f in dataclasses.fields(value) for m in named_modules(getattr(value, f.name))}
    if isinstance(value, dict):
        return {m for v in value.values() for m in named_modules(v)}
    if isinstance(value, (tuple, list)):
        return {m for v in value for m in named_modules(v)}
    if isinstance(value, str) and value.split(".")[0] in CODE:
        return {value.split(":")[0]}
    return set()


def module_of(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_of(p): p for top in CODE for p in (ROOT / top).rglob("*.py")}


def imports_of(module: str) -> set[str]:
    """The project's modules `module` imports, at its top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in found if name in MODULES}


def reached(roots: set[str]) -> set[str]:
    seen, todo = set(), [r for r in roots if r in MODULES]
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(imports_of(module) - seen)
    return seen


ROOTS = {m for spec in PROCEDURES for m in named_modules(spec)} | named_modules(list(CASELESS_SLICES.values())) \
    | {module for _, module, _ in SCENARIOS}
REACHED = reached(ROOTS)


def slice_modules(name: str) -> set[str]:
    places = [f"deployments/cli/{name}", f"deployments/web/{name}", f"tasks/{name}"]
    files = [p for place in places for p in [ROOT / f"{place}.py", *sorted((ROOT / place).rglob("*.py"))]]
    files += [ROOT / f"deployments/demo/{name}.py", ROOT / f"flows/{name}.py"]
    return {module_of(p) for p in files if p.is_file() and p.name != "__init__.py"}


@pytest.mark.parametrize("name", SLICES)
def test_every_module_of_a_slice_is_reached_from_its_spec(name):
    assert slice_modules(name), f"no module found for the slice {name}"
    assert slice_modules(name) - REACHED == set(), "modules of the slice nothing its spec names imports"


def rendered_names() -> str:
    """Every string literal of the code, and every template another template extends or includes."""
    texts = [node.value for path in MODULES.values()
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Constant) and isinstance(node.value, str)]
    texts += [ref for path in (ROOT / "templates").rglob("*.*")
              for ref in TEMPLATE_REFERENCE.findall(path.read_text(encoding="utf-8", errors="replace"))]
    return "\n".join(texts)


RENDERED = rendered_names()


def unrendered(name: str, rendered: str) -> list[str]:
    """Templates of the slice whose name (before its kind: leave_sign of leave_sign.sms.txt) appears in
    no literal of the code nor in another template's reference."""
    stems = {p: p.name.split(".")[0] for p in sorted((ROOT / "templates" / name).glob("*.*"))}
    return [p.name for p, stem in stems.items() if not re.search(rf"(?<![\w]){re.escape(stem)}(?![\w])", rendered)]


@pytest.mark.parametrize("name", SLICES)
def test_every_template_of_a_slice_is_rendered_by_name(name):
    assert unrendered(name, RENDERED) == []


def test_the_check_fails_for_a_module_or_a_template_nothing_reaches(tmp_path):
    assert "deployments.web.leave.saturday" in REACHED
    assert "deployments.web.leave.saturday" not in reached(ROOTS - {"deployments.web.leave.saturday"})
    assert unrendered("leave", RENDERED.replace("leave_saturday", "")) == [
        "leave_saturday.document.html", "leave_saturday.page.html"]
