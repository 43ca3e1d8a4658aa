"""Benchmark: the web desk under a day's load, with a year of work in the store (issue 30).

For each backend (SQLite, PostgreSQL) and each store — the small one (`--small-scale`, ≈ 1,000
cases) and the year's (`--scale`, bench/year.py) — a fresh case store is generated, passwords are
set with `models.core.users.set_password`, and the desk runs as a real `center web` process
(uvicorn) on 127.0.0.1 with `CENTER_STEP_WORKERS=false` and the `PREFECT_API_URL` of a Prefect
server this benchmark starts (decisions run their flows in the desk's process, as a one-machine
center runs them). The first requests after `center web` listens are timed (the first signed-in page,
我的待办 of the management section; a head's first case page and first form submitted, a decision:
`first_submission_s`); then each page is requested once per role, untimed (the modules a page imports
on its first call), before the clock starts. `--small-only`: the small store alone (no growth).

Then CLERKS clerks of mixed roles (18 window staff, 8 heads, 4 of the management section), each
signed in through the login form with its CSRF token, work for `--seconds`, each with httpx in a
thread, a random think time between actions (`--think`, mean seconds): 我的待办 (/), a case of
their window (/cases/REF), a search (/search?…), the statistics they may see (/stats/service for
heads and the section, /stats/complaints for the section), 管理总览 (/overview, the management section), and decisions: the heads approve
the leaves their window's people applied for (opened through the real flow before the run), the
management section decides the items those approvals open (POST /items/ID/decide with the case
page's token). Each decision is an item the clerk may act on, claimed by one clerk only.

Prints p50/p95 per page and decisions per second with the load average, per backend and store;
each page's growth: its median on the year's store ÷ on the small one, requested alone (5 times per
role, before the clerks start: what the store's size costs, without a loaded machine's queueing),
and under the load (`growth_under_load`). A GET on a kept-alive connection the desk closed as it was
reused is sent again, as a browser does (`get_retried`). The last line is the headline: every page p95 ≤ 300 ms, decisions p95 ≤ 1 s, 0 errors, growth ≤ 1.5×, the first
request ≤ 1 s, and `met`.
`python bench/bench_desk.py [--backends sqlite,postgresql] [--scale 1] [--small-scale 0.05] [--seconds 60] [--clerks 30] [--small-only]`
"""
from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx

from common import ROOT, case_store, emit, load, machine, prefect_server
from year import generate

PASSWORD = "bench-desk-2026"
TARGETS = dict(page_p95_ms=300, decision_p95_ms=1000, errors=0, growth=1.5, first_request_s=1.0)
MIX = {  # actions of a day by role, weights
    "staff": {"todo": 4, "case": 4, "search": 2},  # the statistics are the heads' and the sections' (nav.py)
    "head": {"todo": 3, "case": 3, "search": 1, "stats_service": 1, "decide": 3},
    "management": {"todo": 2, "case": 2, "search": 1, "stats_service": 1, "stats_complaints": 1, "overview": 2,
                   "decide": 2},
}
ROLES = {"staff": 18, "head": 8, "management": 4}
LEAVES_PER_HEAD = 6


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def token_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    if not match:
        raise RuntimeError("the page has no CSRF token")
    return match.group(1)


class Store:
    """What the clerks need to know of the store: who they are, their cases, the items to decide."""

    def __init__(self, clerks: int):
        from sqlmodel import select

        from models.core.cases import Case
        from models.core.db import session_scope
        from models.core.org import Staff, Window

        rng = random.Random(30)
        with session_scope() as session:
            windows = session.exec(select(Window)).all()
            people = session.exec(select(Staff)).all()
            self.cases_of = defaultdict(list)
            for ref, window in session.execute(select(Case.ref, Case.window_id)).all():
                self.cases_of[window].append(ref)
        heads = [w.head_id for w in windows]
        staff = [p.id for p in people if p.role == "staff"]
        managers = [p.id for p in people if p.role == "management"]
        picked = {"head": rng.sample(heads, ROLES["head"]), "staff": rng.sample(staff, ROLES["staff"]),
                  "management": managers[:ROLES["management"]]}
        self.window_of = {p.id: p.window_id for p in people}
        self.name_of = {p.id: p.name for p in people}
        self.clerks = [(role, who) for role, ids in picked.items() for who in ids][:clerks]
        self.all_refs = [ref for refs in self.cases_of.values() for ref in refs]
        self.lock = threading.Lock()
        self.claimed: set[int] = set()
        self.bench_refs: set[str] = set()

    def sample_visible(self, per_clerk: int = 40) -> None:
        """Cases each clerk may open (the desk's own rule, `viewable_case`), from the own window's
        (the management section: from all): their cases of the day."""
        from deployments.web.core.access import viewable_case
        from models.core.db import session_scope
        from models.core.errors import PermissionDenied
        from models.core.workitems import actor_of

        rng = random.Random(31)
        self.visible: dict[str, list[str]] = {}
        with session_scope() as session:
            for role, who in self.clerks:
                pool = self.all_refs if role == "management" else self.cases_of[self.window_of[who]]
                actor, seen = actor_of(session=session, staff_id=who), []
                for ref in rng.sample(pool, min(len(pool), per_clerk * 3)):
                    try:
                        seen.append(viewable_case(session=session, ref=ref, actor=actor).ref)
                    except PermissionDenied:
                        continue
                    if len(seen) == per_clerk:
                        break
                self.visible[who] = seen

    def set_passwords(self) -> None:
        from models.core.db import session_scope
        from models.core.users import set_password

        with session_scope() as session:
            for _, who in self.clerks:
                set_password(session=session, staff_id=who, password=PASSWORD, actor=self.clerks[-1][1])

    def open_leaves(self) -> int:
        """Leaves applied for by the heads' window people, through the real flow (`run_step`), on
        working days after every generated leave: each head has items to approve."""
        from models.core.calendar import load_calendar
        from models.core.clock import local_now
        from models.core.db import session_scope
        from models.core.org import Staff
        from flows.core.steps import run_step
        from sqlmodel import select

        now = local_now()
        with session_scope() as session:
            calendar = load_calendar(session=session)
            people = session.exec(select(Staff)).all()
        days = [calendar.add_working_days(now.date(), 8 + k) for k in range(LEAVES_PER_HEAD)]
        for role, head in self.clerks:
            if role != "head":
                continue
            window = self.window_of[head]
            applicants = sorted(p.id for p in people if p.window_id == window and p.role == "staff")[1::2]  # one of each A/B pair
            for k, day in enumerate(days):
                applicant = applicants[k % len(applicants)]
                result = run_step("请假申请", application={
                    "staff_id": applicant, "kind": "annual", "start_day": day.isoformat(), "end_day": day.isoformat(),
                    "reason": "办理私事", "actor": applicant, "idempotency_key": f"bench-desk-{applicant}-{day}"},
                    now=now.isoformat())
                self.bench_refs.add(result["case_ref"])
        return len(self.bench_refs)

    def claim(self, role: str, who: str) -> tuple[str, int] | None:
        """An open item of the benchmark's leaves this clerk may act on, taken by no other clerk."""
        from sqlmodel import select

        from models.core.cases import WorkItem, WorkItemStatus
        from models.core.db import session_scope

        with session_scope() as session:
            items = session.exec(select(WorkItem).where(WorkItem.status == WorkItemStatus.open,
                                                        WorkItem.case_ref.in_(self.bench_refs),
                                                        WorkItem.assignee_role == role)).all()
        with self.lock:
            for item in items:
                mine = item.assignee_staff_id == who or (
                    item.assignee_staff_id is None and (role == "management" or item.assignee_window_id == self.window_of[who]))
                if mine and item.id not in self.claimed:
                    self.claimed.add(item.id)
                    return item.case_ref, item.id
        return None


class Clerk(threading.Thread):
    def __init__(self, store: Store, role: str, who: str, base: str, until: float, think: float, seed: int):
        super().__init__(name=f"clerk-{who}")
        self.store, self.role, self.who, self.until, self.think = store, role, who, until, think
        self.rng = random.Random(seed)
        self.client = httpx.Client(base_url=base, timeout=60, follow_redirects=False)
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        self.decisions = 0
        self.retried = 0

    def sign_in(self) -> None:
        token = token_of(self.client.get("/login").text)
        response = self.client.post("/login", data={"staff_id": self.who, "password": PASSWORD, "csrf_token": token,
                                                     "next": "/"})
        if response.status_code != 303:
            raise RuntimeError(f"{self.who} could not sign in: {response.status_code}")

    def timed(self, page: str, method: str, url: str, ok: tuple[int, ...] = (200,), **kwargs) -> httpx.Response | None:
        t0 = time.perf_counter()
        try:
            try:
                response = self.client.request(method, url, **kwargs)
            except (httpx.ReadError, httpx.RemoteProtocolError):
                if method != "GET":
                    raise
                # A kept-alive connection the server closed as it was reused (uvicorn's keep-alive
                # timeout, 5 s, races a clerk's longer pause): a browser sends the GET again.
                self.retried += 1
                response = self.client.request(method, url, **kwargs)
        except httpx.HTTPError as error:
            self.errors.append(f"{page} {url}: {type(error).__name__}")
            return None
        self.times[page].append(time.perf_counter() - t0)
        if response.status_code not in ok:
            self.errors.append(f"{page} {url}: HTTP {response.status_code}")
        return response

    def a_case(self) -> str:
        return self.rng.choice(self.store.visible[self.who])

    def act(self, action: str) -> None:
        window = self.store.window_of[self.who] or ""
        if action == "todo":
            self.timed("todo", "GET", "/")
        elif action == "case":
            self.timed("case", "GET", f"/cases/{self.a_case()}")
        elif action == "search":
            query = self.rng.choice([{"kind": "service", "window_id": window},
                                     {"person": self.store.name_of[self.who]}, {"ref": "BJ-2026-0001"}])
            self.timed("search", "GET", "/search", params=query)
        elif action in ("stats_service", "stats_complaints"):
            self.timed(action, "GET", "/stats/" + action.split("_")[1])
        elif action == "overview":
            self.timed("overview", "GET", "/overview")
        elif action == "decide":
            claimed = self.store.claim(self.role if self.role == "management" else "head", self.who)
            if claimed is None:
                return
            ref, item_id = claimed
            page = self.timed("case", "GET", f"/cases/{ref}")
            if page is None or page.status_code != 200:
                return
            response = self.timed("decide", "POST", f"/items/{item_id}/decide", ok=(303,), data={
                "approve": "true", "comment": "同意", "csrf_token": token_of(page.text)})
            self.decisions += response is not None and response.status_code == 303

    def run(self) -> None:
        actions, weights = zip(*MIX[self.role].items())
        try:
            while time.perf_counter() < self.until:
                self.act(self.rng.choices(actions, weights)[0])
                time.sleep(min(self.rng.expovariate(1 / self.think), max(0.0, self.until - time.perf_counter())))
        except Exception as error:  # counted, reported
            self.errors.append(f"{type(error).__name__}: {error}"[:300])
        finally:
            self.client.close()


def start_desk(home: Path, api_url: str):
    """`center web` on a free port, the step run in the desk's process (CENTER_STEP_WORKERS=false)."""
    from support.prefect_server import _Process
    from support.servers import free_port

    port = free_port()
    env = {**os.environ, "PREFECT_API_URL": api_url, "CENTER_STEP_WORKERS": "false", "PREFECT_LOGGING_LEVEL": "WARNING",
           "CENTER_APPRISE_CONFIG": str(ROOT / "examples" / "apprise.yaml"), "PYTHONUNBUFFERED": "1"}
    desk = _Process([sys.executable, "-m", "deployments.cli.app", "web", "--port", str(port)], env, home / "web.log")
    t0 = time.perf_counter()
    desk.start()
    return desk, f"http://127.0.0.1:{port}", t0


def first_request(desk, base: str, started: float, store: "Store") -> dict:
    """Seconds from the start of `center web` until it answers; then, as the first clerks of the day
    do, its first signed-in page (我的待办 of the management section), a head's first case page and
    the first form submitted (the head approves a leave: POST /items/ID/decide), each timed alone."""
    from support.prefect_server import wait_until

    def listening() -> bool:
        try:
            return httpx.get(base + "/login", timeout=5).status_code == 200
        except httpx.HTTPError:
            return False

    def signed_in(client: httpx.Client, who: str) -> None:
        token = token_of(client.get("/login").text)
        client.post("/login", data={"staff_id": who, "password": PASSWORD, "csrf_token": token, "next": "/"})

    wait_until(listening, timeout=120, what="center web", interval=0.05, process=desk)
    ready = time.perf_counter() - started
    figures = {"start_to_answer_s": round(ready, 2)}
    with httpx.Client(base_url=base, timeout=60) as client:
        signed_in(client, store.clerks[-1][1])
        t0 = time.perf_counter()
        figures["first_page_status"] = client.get("/").status_code
        figures["first_page_s"] = round(time.perf_counter() - t0, 3)
    head = next((who for role, who in store.clerks if role == "head"), None)
    claimed = head and store.claim("head", head)
    if claimed:
        ref, item_id = claimed
        with httpx.Client(base_url=base, timeout=60) as client:
            signed_in(client, head)
            t0 = time.perf_counter()
            case_page = client.get(f"/cases/{ref}")
            figures["first_case_page_s"] = round(time.perf_counter() - t0, 3)
            t0 = time.perf_counter()
            response = client.post(f"/items/{item_id}/decide", data={
                "approve": "true", "comment": "同意", "csrf_token": token_of(case_page.text)})
            figures["first_submission_s"] = round(time.perf_counter() - t0, 3)
            figures["first_submission_status"] = response.status_code
    return figures


def warm_up(threads: list[Clerk]) -> None:
    """Each page once per role, untimed: the modules a page imports on its first call (the sweep's
    rules for 管理总览, the statistics) are loaded once per process, not once per store."""
    for role in MIX:
        clerk = next(t for t in threads if t.role == role)
        for action in MIX[role]:
            if action != "decide":
                clerk.act(action)
        clerk.times.clear()
        clerk.errors.clear()


def solo(threads: list[Clerk], repeats: int = 5) -> dict[str, float]:
    """Each page `repeats` times per role, one request at a time (no other clerk working): median
    ms per page — what the store's size costs a page, without the queueing of a loaded machine."""
    times: dict[str, list[float]] = defaultdict(list)
    for role in MIX:
        clerk = next(t for t in threads if t.role == role)
        for _ in range(repeats):
            for action in MIX[role]:
                if action != "decide":
                    clerk.act(action)
        for page, values in clerk.times.items():
            times[page] += values
        clerk.times.clear()
    return {page: round(statistics.median(values) * 1000, 1) for page, values in sorted(times.items())}


def measure(backend: str, scale: float, seconds: float, clerks: int, think: float, server) -> dict:
    with case_store(backend), tempfile.TemporaryDirectory(prefix="center-desk-") as home:
        store_figures = generate(scale=scale)
        emit(bench="desk.store", backend=backend, **store_figures)
        store = Store(clerks)
        store.set_passwords()
        store.sample_visible()
        leaves = store.open_leaves()
        desk, base, started = start_desk(Path(home), server.api_url)
        try:
            first = first_request(desk, base, started, store)
            threads = [Clerk(store, role, who, base, 0.0, think, seed=n) for n, (role, who) in enumerate(store.clerks)]
            for thread in threads:  # before the clock: each log-in verifies an argon2 hash (≈ 0.1 s of CPU)
                thread.sign_in()
            warm_up(threads)
            alone = solo(threads)
            load_before = load()
            t0 = time.perf_counter()
            for thread in threads:
                thread.until = t0 + seconds
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - t0
        finally:
            desk.stop()
        times: dict[str, list[float]] = defaultdict(list)
        for thread in threads:
            for page, values in thread.times.items():
                times[page] += values
        errors = [e for t in threads for e in t.errors]
        decisions = sum(t.decisions for t in threads)
        pages = {page: {"n": len(v), "p50_ms": round(statistics.median(v) * 1000, 1),
                        "p95_ms": round(percentile(v, 0.95) * 1000, 1)} for page, v in sorted(times.items())}
        figures = dict(bench="desk", backend=backend, scale=scale, cases=store_figures.get("case"), clerks=len(threads),
                       seconds=round(elapsed, 1), leaves_opened=leaves, decisions=decisions,
                       decisions_per_s=round(decisions / elapsed, 2), errors=len(errors),
                       get_retried=sum(t.retried for t in threads), error_samples=errors[:5],
                       pages=pages, solo_p50_ms=alone, **first, load_before=load_before, load=load())
        emit(**figures)
        return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--scale", type=float, default=1.0, help="the year's store (bench/year.py)")
    parser.add_argument("--small-scale", type=float, default=0.05, help="the small store the growth compares to")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clerks", type=int, default=30)
    parser.add_argument("--think", type=float, default=2.0, help="mean seconds between a clerk's actions")
    parser.add_argument("--small-only", action="store_true", help="the small store only (no growth, no headline)")
    options = parser.parse_args()
    from support.databases import postgres_available

    emit(bench="desk.machine", **machine())
    results = []
    os.environ["PREFECT_LOGGING_LEVEL"] = "WARNING"
    os.environ["CENTER_STEP_WORKERS"] = "false"  # the leaves opened before each run: flows in this process
    with tempfile.TemporaryDirectory(prefix="center-desk-prefect-") as home, prefect_server(Path(home)) as server:
        os.environ["PREFECT_API_URL"] = server.api_url
        for backend in options.backends.split(","):
            if backend == "postgresql" and not postgres_available():
                emit(bench="desk", backend=backend, skipped="PostgreSQL unreachable")
                continue
            if options.small_only:  # the first request and a quick look, no growth
                measure(backend, options.small_scale, options.seconds, options.clerks, options.think, server)
                continue
            small = measure(backend, options.small_scale, options.seconds, options.clerks, options.think, server)
            year = measure(backend, options.scale, options.seconds, options.clerks, options.think, server)
            growth = {page: round(year["solo_p50_ms"][page] / small["solo_p50_ms"][page], 2) for page in year["solo_p50_ms"]}
            loaded = {page: round(year["pages"][page]["p50_ms"] / small["pages"][page]["p50_ms"], 2)
                      for page in year["pages"] if page in small["pages"]}
            emit(bench="desk.growth", backend=backend, cases_small=small["cases"], cases_year=year["cases"],
                 growth=growth, growth_under_load=loaded)
            results.append((small, year, growth))
    if options.small_only:
        return
    pages = [(r[1]["backend"], page, f) for r in results for page, f in r[1]["pages"].items()]
    worst_page = max((f["p95_ms"] for _, page, f in pages if page != "decide"), default=None)
    worst_decision = max((f["p95_ms"] for _, page, f in pages if page == "decide"), default=None)
    worst_growth = max((g for r in results for g in r[2].values()), default=None)
    errors = sum(m["errors"] for r in results for m in r[:2])
    first = max((max(m["first_page_s"], m.get("first_submission_s", 0)) for r in results for m in r[:2]), default=None)
    slowest = max(pages, key=lambda p: p[2]["p95_ms"] if p[1] != "decide" else 0, default=None)
    emit(bench="desk", headline="the desk with a year of work: worst page p95, decisions p95, errors, growth",
         page_p95_ms=worst_page, slowest_page=slowest and f"{slowest[0]} {slowest[1]}", decision_p95_ms=worst_decision,
         decisions_per_s=[r[1]["decisions_per_s"] for r in results], errors=errors, growth=worst_growth,
         first_request_s=first, targets=TARGETS, load=load(),
         met=bool(results) and worst_page is not None and worst_page <= TARGETS["page_p95_ms"]
         and (worst_decision or 0) <= TARGETS["decision_p95_ms"] and errors == 0
         and worst_growth is not None and worst_growth <= TARGETS["growth"] and first <= TARGETS["first_request_s"])


if __name__ == "__main__":
    main()
