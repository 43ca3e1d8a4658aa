"""Files given to the system (a proof attached at the CLI or uploaded on the web desk, an import
file): one rule for both.

Only a regular file of at most MAX_FILE_BYTES is read — not a directory, a device, a FIFO (which
would block), nor a pseudo-file of /proc, /sys or /dev (`/proc/self/environ` is a "regular file"
holding the process's secrets, which an attachment would publish to everyone who may see the case).
Stored names keep only letters, digits, `.`, `_` and `-` (no path, no leading dot).
"""
from __future__ import annotations

import re
import stat
from pathlib import Path

from models.core.errors import InvalidInput

MAX_FILE_BYTES = 20 * 1024 * 1024  # the web desk's upload limit too (deployments/web/uploads.py)
PSEUDO_FILESYSTEMS = ("/proc", "/sys", "/dev")


def check_regular_file(path: Path, field: str, missing_rule: str = "input") -> None:
    """Raise InvalidInput naming `field` unless `path` is a readable regular file within the limit."""
    try:
        real = Path(path).resolve(strict=True)
        info = real.stat()
    except (OSError, RuntimeError):
        raise InvalidInput(field, f"文件 {path} 不存在", missing_rule) from None
    if any(real == Path(root) or Path(root) in real.parents for root in PSEUDO_FILESYSTEMS):
        raise InvalidInput(field, f"{path} 是系统文件，不能作为附件或导入文件", "file.regular")
    if not stat.S_ISREG(info.st_mode):
        raise InvalidInput(field, f"{path} 不是普通文件（文件夹、设备、管道等不能使用）", "file.regular")
    if info.st_size > MAX_FILE_BYTES:
        raise InvalidInput(field, f"文件 {path.name} 过大：最多 {MAX_FILE_BYTES // 2**20} MB", "file.size")


def read_file(path: Path, field: str) -> bytes:
    """The content of a checked file, refused if it grew past the limit meanwhile."""
    check_regular_file(path, field)
    with open(path, "rb") as file:
        content = file.read(MAX_FILE_BYTES + 1)
    if len(content) > MAX_FILE_BYTES:
        raise InvalidInput(field, f"文件 {Path(path).name} 过大：最多 {MAX_FILE_BYTES // 2**20} MB", "file.size")
    return content


def safe_file_name(name: str, fallback: str = "file") -> str:
    """A name safe to store on disk: the base name, other characters replaced by `_`, ≤ 80 chars."""
    cleaned = re.sub(r"[^\w.\-]", "_", Path(name or "").name)[:80].lstrip(".")
    return cleaned or fallback
