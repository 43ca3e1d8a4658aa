"""Files given at the command line (issue 19, defect 9): regular files only (not /proc/self/environ,
a directory, a device, a FIFO, a link to any of them), the web desk's size limit, stored under a
sanitized name; refused in Chinese, exit 2, nothing written."""
from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from models.core.calendar import load_calendar
from models.core.clock import local_now
from models.core.documents import Document
from models.core.db import session_scope
from models.core.files import MAX_FILE_BYTES
from models.core.settings import get_settings
from support.cli import run_cli
from support.snapshot import snapshot

ISSUE_19_DEFECTS = (9,)  # counted in the reliability summary when these tests pass

pytestmark = pytest.mark.usefixtures("org")


def _apply(proof: Path) -> tuple[str, ...]:
    with session_scope() as session:
        day = str(load_calendar(session=session).next_working_day(local_now().date() + timedelta(days=14)))
    return ("leave", "apply", "--staff", "S0103", "--kind", "病假", "--start", day, "--end", day,
            "--reason", "发烧", "--as", "S0103", "--hospital-proof", str(proof))


def _bad_files(folder: Path) -> dict[str, tuple[Path, str]]:
    fifo = folder / "pipe.pdf"
    os.mkfifo(fifo)
    big = folder / "big.pdf"
    with open(big, "wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)
    link = folder / "environ.pdf"
    link.symlink_to("/proc/self/environ")
    return {"proc": (Path("/proc/self/environ"), "系统文件"), "link to proc": (link, "系统文件"),
            "directory": (folder, "不是普通文件"), "device": (Path("/dev/null"), "系统文件"),
            "fifo": (fifo, "不是普通文件"), "too big": (big, "过大"), "missing": (folder / "no.pdf", "不存在")}


def test_leave_apply_refuses_anything_but_a_regular_file_within_the_limit(capsys, tmp_path):
    for what, (path, message) in _bad_files(tmp_path).items():
        before = snapshot()
        result = run_cli(capsys, *_apply(path))
        assert result.code == 2, (what, result)
        assert message in result.err and "证明材料" in result.err, (what, result.err)
        assert snapshot() == before, what


def test_imports_refuse_pseudo_files_too(capsys, tmp_path):
    link = tmp_path / "org.yaml"
    link.symlink_to("/proc/self/environ")
    before = snapshot()
    result = run_cli(capsys, "org", "import", str(link))
    assert result.code == 2 and "系统文件" in result.err and snapshot() == before


def test_an_attachment_is_stored_under_a_sanitized_name(capsys, tmp_path):
    proof = tmp_path / "证明 (1);rm -rf $HOME.pdf"
    proof.write_bytes(b"%PDF proof")
    result = run_cli(capsys, *_apply(proof))
    assert result.code == 0, result
    with session_scope() as session:
        (document,) = session.exec(select(Document).where(Document.kind == "hospital_proof")).all()
    stored = Path(document.path)
    assert stored.parts[0] == "attachments" and all(c not in stored.name for c in " ;$()")
    assert stored.name.endswith("-证明__1__rm_-rf__HOME.pdf")
    assert (get_settings().data_dir / stored).read_bytes() == b"%PDF proof"
    assert document.title == proof.name  # what the clerk sees: the name as given
