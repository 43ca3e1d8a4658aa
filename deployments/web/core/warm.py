"""What the desk's first clerk would otherwise wait for, done as `center web` starts (issue 30: the
first request ≤ 1 s; issue 28 item 18: the first form submitted after a start took 9.8 s): every
procedure's modules named in models/procedures.py (machines, forms, guards, steps, details…), the
steps' flows and the Prefect engine they run on (when the desk runs them itself, CENTER_STEP_WORKERS
off), every template compiled, the store's connection opened. Each part is timed; a part that fails
(an uninitialised store, say) is reported and skipped — the desk starts all the same."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from importlib import import_module

log = logging.getLogger("center.web.warm")

PREFECT_ENGINE = ("prefect.flow_engine", "prefect.task_engine", "prefect.client.orchestration",
                  "prefect.results", "prefect.events.clients", "prefect.logging.handlers")


def procedure_modules() -> int:
    """Every "module:name" of every procedure's declaration, resolved (imports its module)."""
    from dataclasses import fields

    from models.procedures import PROCEDURES, resolve

    count = 0
    for spec in PROCEDURES:
        for f in fields(spec):
            value = getattr(spec, f.name)
            named = [value] if isinstance(value, str) else list(value.values()) if isinstance(value, dict) else []
            for target in named:
                if isinstance(target, str) and ":" in target:
                    resolve(target)
                    count += 1
            for module in (value if f.name == "tables" else ()):
                import_module(module)
    return count


def step_flows() -> int:
    """The clerk steps (flows/core/steps.py), or the queue that hands them to the step workers."""
    from models.core.settings import get_settings

    if get_settings().step_workers:
        import_module("tasks.core.step_queue")
        return 0
    from flows.core.steps import steps

    for module in PREFECT_ENGINE:
        import_module(module)
    return len(steps())


def templates() -> int:
    from tasks.core.render import compile_all

    return compile_all()


def store() -> int:
    """The store's engine and one connection of its pool; the organisation's tables read once."""
    from sqlalchemy import text

    from models.core.db import get_engine
    from models.core.settings import get_settings

    with get_engine(get_settings().database_url).connect() as connection:
        connection.execute(text("SELECT 1"))
    return 1


PARTS: tuple[tuple[str, Callable[[], int]], ...] = (
    ("procedures", procedure_modules), ("steps", step_flows), ("templates", templates), ("store", store))


def warm_up() -> dict[str, float]:
    """Seconds each part took (a failed part: -1, logged)."""
    took: dict[str, float] = {}
    for name, part in PARTS:
        t0 = time.perf_counter()
        try:
            part()
            took[name] = round(time.perf_counter() - t0, 3)
        except Exception:  # never keeps the desk from starting: the first request loads it instead
            log.exception("warm-up part %s failed", name)
            took[name] = -1.0
    log.info("warm-up: %s", took)
    return took
