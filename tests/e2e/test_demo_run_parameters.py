"""No free text in Prefect's run parameters (issue 26 item 9), over every flow run the demo creates: the
demo runs end to end (`python -m deployments.demo`) with its temporary Prefect server's database in a
folder of the test's own; afterwards every stored flow run's parameters are read from that database and
none may hold a Chinese sentence, a phone number or an e-mail address — only references (ids, times,
flags, `run_input:<id>`: the text itself is kept in the case store)."""
from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

ISSUE_26_DEFECTS = (9,)  # counted in the reliability summary when these tests pass

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")
PHONE = re.compile(r"1[3-9]\d{9}")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def _values(value):
    """Every string inside a parameter value, however nested."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _values(item)
    elif isinstance(value, list):
        for item in value:
            yield from _values(item)


def free_text(parameters: dict) -> list[str]:
    return [text for text in _values(parameters) if CJK.search(text) or PHONE.search(text) or EMAIL.search(text)]


def test_the_rule_finds_free_text_where_it_is():
    assert free_text({"case_ref": "TS-2026-000001", "inputs": "run_input:3", "at": "2026-10-12T09:00:00"}) == []
    assert free_text({"request": {"reason": "家中有事"}, "x": ["a", "13912345678"], "to": "a@b.cn"}) == [
        "家中有事", "13912345678", "a@b.cn"]


def test_no_flow_run_of_the_demo_keeps_free_text_in_its_parameters(tmp_path):
    home = tmp_path / "prefect"
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "300"}  # a new database on a busy machine
    env.pop("PREFECT_API_URL", None)
    done = subprocess.run([sys.executable, "-m", "deployments.demo"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    with sqlite3.connect(home / "prefect.db") as db:
        runs = db.execute("SELECT name, parameters FROM flow_run").fetchall()
    assert len(runs) > 50  # every scenario's flows ran against this server
    leaks = {name: found for name, parameters in runs if (found := free_text(json.loads(parameters or "{}")))}
    assert leaks == {}
