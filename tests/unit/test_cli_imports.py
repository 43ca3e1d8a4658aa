"""Read-only commands answer without Prefect (issue 9; measured: `import prefect` ≈ 1.1 s).

`center tasks` and `center case show` run as the clerk runs them — a fresh process, on a case
store with a case, its work item, history and a message — and the modules that process imported
(`python -X importtime`) include no `prefect`.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from support.read_commands import sample_case

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def case_ref(org) -> str:
    return sample_case()


def run_center(*args: str) -> tuple[subprocess.CompletedProcess, set[str]]:
    """`center ARGS` in a fresh interpreter; its output and the names of the modules it imported."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "deployments.cli.app", *args], cwd=ROOT,
                            env=os.environ, capture_output=True, text=True, timeout=120)
    modules = {line.rsplit("|", 1)[1].strip() for line in result.stderr.splitlines()
               if line.startswith("import time:") and "|" in line}
    return result, modules


def prefect_modules(modules: set[str]) -> set[str]:
    return {m for m in modules if m.split(".")[0] == "prefect"}


def test_center_tasks_lists_the_work_item_without_importing_prefect(case_ref):
    result, modules = run_center("tasks", "--staff", "S0101")
    assert (result.returncode, case_ref in result.stdout) == (0, True), result.stdout + result.stderr[-3000:]
    assert "models.core.workitems" in modules  # the import list is read: an empty set would prove nothing
    assert prefect_modules(modules) == set()


def test_center_tasks_by_role_imports_no_prefect(case_ref):
    result, modules = run_center("tasks", "--role", "management")
    assert result.returncode == 0, result.stderr[-3000:]
    assert prefect_modules(modules) == set()


def test_center_case_show_prints_the_case_without_importing_prefect(case_ref):
    result, modules = run_center("case", "show", case_ref)
    assert result.returncode == 0, result.stderr[-3000:]
    assert ("负责人审核" in result.stdout, "新待办" in result.stdout) == (True, True), result.stdout
    assert prefect_modules(modules) == set()
