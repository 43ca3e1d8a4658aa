"""`center …` in a process that SIGKILLs itself just before its KILL_AT-th write transaction commits
(kill_driver.Killer), for test_interrupted_open: e.g. `center complaint open` killed after the case
was registered and before it was handed to the window. Run with the CLI's arguments."""
from __future__ import annotations

import os
import sys


from flows.core.prefect_runtime import disable_flow_heartbeats
from models.core.db import get_engine

sys.path.insert(0, os.path.dirname(__file__))
from kill_driver import Killer  # noqa: E402


def main() -> None:
    disable_flow_heartbeats()
    killer = Killer(int(os.environ["KILL_AT"]) if os.environ.get("KILL_AT") else None)
    killer.arm(get_engine())
    from deployments.cli.app import main as center

    center(sys.argv[1:])


if __name__ == "__main__":
    main()
