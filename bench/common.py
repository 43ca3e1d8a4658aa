"""What every benchmark shares: JSON lines, medians, the machine and its load, case stores.

Benchmarks compare figures measured in the same run on the same (shared, noisy) machine and quote
medians of several repetitions, with the load average next to them.
"""
from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # the project, and tests/support (servers, databases)


def emit(**figures) -> None:
    print(json.dumps(figures, ensure_ascii=False, default=str), flush=True)


def load() -> float:
    return round(os.getloadavg()[0], 2)


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    ram = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
               if line.startswith("MemTotal"))
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gb": round(ram / 2**20, 1),
            "python": platform.python_version(), "load": load()}


def timed(fn: Callable[[], object], repeats: int, before: Callable[[], object] | None = None) -> tuple[float, object]:
    """Median wall seconds of `repeats` calls of `fn` (`before` runs untimed ahead of each), and the
    last result."""
    times, result = [], None
    for _ in range(repeats):
        if before:
            before()
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def use_store(url: str, data_dir: str) -> None:
    """Point this process's case store at `url` and create every table of the models."""
    os.environ["CENTER_DATABASE_URL"] = url
    os.environ["CENTER_DATA_DIR"] = data_dir
    from models.core.migrate import upgrade
    from models.core.settings import get_settings

    get_settings.cache_clear()
    upgrade(url)  # as `center init` does (the commands refuse a store that was never initialised)


@contextmanager
def case_store(backend: str) -> Iterator[str]:
    """A fresh, empty case store: an SQLite file in a temporary folder, or a PostgreSQL database
    created and dropped (tests/support/databases.py). Yields its URL, the process pointed at it."""
    with tempfile.TemporaryDirectory(prefix="center-bench-") as folder:
        if backend == "sqlite":
            url = f"sqlite:///{folder}/center.db"
            use_store(url, folder)
            yield url
            return
        from support.databases import postgres_database

        with postgres_database() as url:
            use_store(url, folder)
            yield url


@contextmanager
def prefect_server(home: Path):
    """A Prefect server (tests/support/prefect_server.py) on its own PostgreSQL database when one is
    reachable — on SQLite, concurrent writes of the server's own services make API calls wait and
    retry ("database is locked", measured), seconds at random — stopped and dropped on exit."""
    from support.databases import postgres_available, postgres_database
    from support.prefect_server import PrefectServer

    with ExitStack() as stack:
        database = stack.enter_context(postgres_database()) if postgres_available() else None
        server = PrefectServer(home, database and database.replace("postgresql://", "postgresql+asyncpg://", 1))
        stack.callback(server.stop)
        server.start(timeout=300)
        yield server
