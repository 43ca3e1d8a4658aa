"""Running the `center` command in-process and capturing its exit status and output."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from deployments.cli.app import main


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(capsys, *args: str) -> Result:
    capsys.readouterr()
    with pytest.raises(SystemExit) as done:
        main([str(a) for a in args])
    captured = capsys.readouterr()
    return Result(done.value.code or 0, captured.out, captured.err)


from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent.parent
