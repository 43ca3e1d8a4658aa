"""Files given to the system (a proof attached at the CLI or uploaded on the web desk, an import
file): one rule for both.

Only a regular file of at most MAX_FILE_BYTES is read — not a directory, a device, a FIFO (which
would block), nor a pseudo-file of /proc, /sys or /dev (`/proc/self/environ` is a "regular file"
holding the process's secrets, which an attachment would publish to everyone who may see the case).
Stored names keep only letters, digits, `.`, `_` and `-` (no path, no leading dot). A stored file is
written whole or not at all (`write_whole`): a full disk leaves no empty or truncated file behind.
"""
from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from pathlib import Path

from models.core.errors import InvalidInput

MAX_FILE_BYTES = 20 * 1024 * 1024  # the web desk's upload limit too (deployments/web/core/uploads.py)
PSEUDO_FILESYSTEMS = ("/proc", "/sys", "/dev")
DISK_FULL = ("服务器磁盘空间已满，本次操作没有完成，这一步的内容均未保存。"
             "请通知信息技术科清理磁盘后重试（已提交的申请会在清理后由期限检查继续办理）。")


def check_regular_file(path: Path, field: str, missing_rule: str = "input") -> None:
    """Raise InvalidInput naming `field` unless `path` is a readable regular file within the limit."""
    try:
        real = Path(path).resolve(strict=True)
        info = real.stat()
    except (OSError, RuntimeError):
        raise InvalidInput(field=field, message=f"文件 {path} 不存在", rule=missing_rule) from None
    if any(real == Path(root) or Path(root) in real.parents for root in PSEUDO_FILESYSTEMS):
        raise InvalidInput(field=field, message=f"{path} 是系统文件，不能作为附件或导入文件", rule="file.regular")
    if not stat.S_ISREG(info.st_mode):
        raise InvalidInput(field=field, message=f"{path} 不是普通文件（文件夹、设备、管道等不能使用）", rule="file.regular")
    if info.st_size > MAX_FILE_BYTES:
        raise InvalidInput(field=field, message=f"文件 {path.name} 过大：最多 {MAX_FILE_BYTES // 2**20} MB", rule="file.size")


def read_file(path: Path, field: str) -> bytes:
    """The content of a checked file, refused if it grew past the limit meanwhile."""
    check_regular_file(path, field)
    with open(path, "rb") as file:
        content = file.read(MAX_FILE_BYTES + 1)
    if len(content) > MAX_FILE_BYTES:
        raise InvalidInput(field=field, message=f"文件 {Path(path).name} 过大：最多 {MAX_FILE_BYTES // 2**20} MB", rule="file.size")
    return content


def safe_file_name(name: str, fallback: str = "file") -> str:
    """A name safe to store on disk: the base name, other characters replaced by `_`, ≤ 80 chars."""
    cleaned = re.sub(r"[^\w.\-]", "_", Path(name or "").name)[:80].lstrip(".")
    return cleaned or fallback


def write_whole(target: Path, content: bytes) -> None:
    """Write `content` to `target` whole or not at all: into a temporary file beside it, flushed to
    disk, then renamed over `target`. On failure (e.g. ENOSPC) the temporary file is removed and the
    error raised, so the caller's transaction does not commit a row naming a missing or empty file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partial")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def is_disk_full(error: BaseException | None) -> bool:
    """Whether `error`, or an error it was raised from, says the disk is full: ENOSPC, SQLite's
    "database or disk is full", PostgreSQL's disk_full (SQLSTATE 53100)."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, OSError) and error.errno == errno.ENOSPC:
            return True
        if "database or disk is full" in str(error) or getattr(error, "sqlstate", None) == "53100":
            return True
        error = getattr(error, "orig", None) or error.__cause__ or error.__context__
    return False
