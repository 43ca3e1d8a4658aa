"""`center serve` for the scale test, with the decide step pointed at tests/support/sample_steps.py
so that its runs know the foundation's sample procedure. A real procedure needs none of this: its
scale scenario serves with `deployments.cli.app` (see tests/e2e/conftest.py, SERVE_MODULE)."""
from __future__ import annotations

import sys

STEP = "decide-work-item"
ENTRYPOINT = "tests/support/sample_steps.py:decide_work_item"


def main(argv: list[str]) -> None:
    from deployments.cli.core.ops import print_serving
    from deployments.schedules import deployments
    from deployments.serve import serve_deployments

    items = deployments()
    next(d for d in items if d.name == STEP).entrypoint = ENTRYPOINT
    limit = int(argv[argv.index("--limit") + 1]) if "--limit" in argv else None
    serve_deployments(items, limit=limit, on_ready=print_serving)


if __name__ == "__main__":
    main(sys.argv[1:])
