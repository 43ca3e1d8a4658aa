"""`center web` loads at start-up what the first clerk's form would (issue 28 item 18: the first form
submitted after the desk started took 9.8 s; issue 30: the first request ≤ 1 s): the steps' flows and the
Prefect engine, every procedure's declared modules, every template compiled — before it listens. Checked in a
fresh interpreter (this one has imported everything already): `center web`'s app, started as uvicorn starts
it (its lifespan), has them loaded; the time of the first submission itself is bench/bench_desk.py's
(`first_submission_s`, README: Performance)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ISSUE_28_DEFECTS = (18,)  # issue 28 is not yet in reliability.summary.PROBES: the lead adds it

ROOT = Path(__file__).resolve().parents[2]
PROBE = r"""
import json, sys
import uvicorn

captured = {}
uvicorn.run = lambda app, **options: captured.setdefault("app", app)  # `center web` without serving
from deployments.cli.core.web import web_command

web_command(host="127.0.0.1", port=8000)
app = captured["app"]
WATCHED = ("flows.leave", "flows.core.decide", "prefect.flow_engine")
before = [m for m in WATCHED if m in sys.modules]
from fastapi.testclient import TestClient
from tasks.core.render import environment, template_names

with TestClient(app) as client:  # runs the start-up as uvicorn does
    status = client.get("/login").status_code
compiled = sum(len(environment(html).cache or {}) for html in (True, False))
print(json.dumps({"before": before, "after": [m for m in WATCHED if m in sys.modules], "status": status,
                  "warmed": getattr(app.state, "warmed", None), "compiled": compiled, "templates": len(template_names())}))
"""


def test_center_web_loads_the_first_decision_s_modules_and_templates_before_it_listens(org):
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "CENTER_STEP_WORKERS": "false", "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["before"] == [] and found["status"] == 200
    assert found["after"] == ["flows.leave", "flows.core.decide", "prefect.flow_engine"]
    assert set(found["warmed"]) == {"procedures", "steps", "templates", "store"}
    assert all(seconds >= 0 for seconds in found["warmed"].values()), found["warmed"]  # no part failed
    assert found["compiled"] >= found["templates"] > 100  # every template compiled, not one page's
