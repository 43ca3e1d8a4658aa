"""流程说明: every procedure with its diagram (deployments/web/core/diagram.py) and the clauses of the
regulations it implements, as its package's docstring (models/<p>/__init__.py) cites them, each
citation kept only when it names a regulation of docs/regulations.txt."""
from __future__ import annotations

import re
from functools import cache
from importlib import import_module
from pathlib import Path

from fastapi import APIRouter, Depends, Request

from deployments.web.core.auth import Viewer, require_viewer
from deployments.web.core.diagram import diagram_svg
from deployments.web.core.pages import page
from models.procedures import PROCEDURES, get_procedure

router = APIRouter()
REGULATIONS = Path(__file__).resolve().parents[3] / "docs" / "regulations.txt"
_CN = "一二三四五六七八九十"
_CLAUSE = rf"(?:[{_CN}]+(?:\([{_CN}]+\))*(?:\.?\d+(?:\.\d+)*)?|\d+(?:\.\d+)*)"
_SPAN = rf"{_CLAUSE}(?:[–-]{_CLAUSE})?"
CITATION = re.compile(rf"([\u4e00-\u9fffA-Z][\u4e00-\u9fffA-Za-z()（）]*?(?:制度|规定|办法|职责))"
                      rf"(?:\s*({_SPAN}(?:\s*[,，、]\s*{_SPAN})*))?")
TITLE = re.compile(r"^[\u4e00-\u9fffA-Z][\u4e00-\u9fffA-Za-z()（）、]*(?:制度|规定|办法|职责)$")


@cache
def regulation_titles() -> tuple[str, ...]:
    """The regulations' titles: the lines of docs/regulations.txt that are a title and nothing else."""
    lines = REGULATIONS.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if TITLE.match(line.strip()))


def _bare(title: str) -> str:
    return re.sub(r"[(（][^)）]*[)）]", "", title)


def citations(text: str, titles: tuple[str, ...]) -> dict[str, list[str]]:
    """Regulation title → the clauses `text` cites of it, in order: a cited name is a title or the end
    of one (考勤办法 → 窗口工作人员考勤办法, 投诉处置规定 → 窗口投诉(差评)处置规定); anything else is
    not a citation (按规定, 法规制度)."""
    found: dict[str, list[str]] = {}
    for match in CITATION.finditer(text):
        name = _bare(match.group(1))
        title = next((t for t in titles if _bare(t).endswith(name)), None)
        if title is None:
            continue
        clauses = found.setdefault(title, [])
        for clause in re.split(r"\s*[,，、]\s*", match.group(2) or ""):
            if clause and clause not in clauses:
                clauses.append(clause)
    return found


def procedure_guide() -> list[dict]:
    """One entry per procedure's package, in the list's order: its procedures' diagrams, its citations."""
    packages: dict[str, list[str]] = {}
    for spec in PROCEDURES:
        if spec.kind != "sample":  # the tests' own procedure
            packages.setdefault(spec.machine.split(":")[0].rsplit(".", 1)[0], []).append(spec.kind)
    return [{"label": "、".join(get_procedure(k).label for k in kinds),
             "citations": citations(import_module(package).__doc__ or "", regulation_titles()),
             "diagrams": [(get_procedure(k).label, diagram_svg(k)) for k in kinds]}
            for package, kinds in packages.items()]


@router.get("/procedures")
def procedures_page(request: Request, viewer: Viewer = Depends(require_viewer)):
    return page(request, "procedures.html", title="流程说明", procedures=procedure_guide())
