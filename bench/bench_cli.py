"""Benchmark: the read-only commands cold — `center tasks` and `center case show`, a fresh process
each, on an SQLite case store with the sample organisation and one case (its work item and a
message), median of `--repeats`. `--root DIR` runs the commands of another checkout (e.g. an older
commit in a `git worktree`) against the same store: the before/after figures of a change.

Target: < 0.5 s each. `python bench/bench_cli.py [--repeats 15] [--root DIR]`.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import ROOT, case_store, emit, load, machine


def one_case() -> str:
    from models.core.db import session_scope
    from models.core.org_import import import_org
    from support.read_commands import sample_case

    with session_scope() as session:
        import_org(session=session, path=ROOT / "examples" / "org.yaml")
    return sample_case()


def cold(root: Path, args: list[str], repeats: int) -> float:
    """Median wall seconds of `center ARGS` run from `root` in a fresh interpreter."""
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "deployments.cli.app", *args], cwd=root, env=os.environ,
                       capture_output=True, check=True, timeout=120)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout whose commands run")
    options = parser.parse_args()
    emit(bench="cli.machine", **machine())
    with case_store("sqlite"):
        ref = one_case()
        figures = {name: round(cold(options.root, args, options.repeats), 3)
                   for name, args in {"tasks": ["tasks", "--staff", "S0101"],
                                      "case_show": ["case", "show", ref]}.items()}
    emit(bench="cli.read_only_commands", root=str(options.root), **{f"{k}_s": v for k, v in figures.items()},
         repeats=options.repeats, target_s=0.5, met=max(figures.values()) < 0.5, load=load())


if __name__ == "__main__":
    main()
