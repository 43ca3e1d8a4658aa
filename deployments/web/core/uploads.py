"""Files a clerk attaches to a form: kept in a temporary folder just long enough for the
procedure's own task to copy them into the case's documents (models.core.documents.store_attachment)."""
from __future__ import annotations

import tempfile
from contextlib import contextmanager
from pathlib import Path

from starlette.datastructures import UploadFile

from models.core.errors import InvalidInput
from models.core.files import MAX_FILE_BYTES as MAX_BYTES, safe_file_name


@contextmanager
def saved_uploads(groups: dict[str, list[UploadFile]]):
    """{field: [uploads]} → {field: [paths]} inside a folder removed afterwards; empty parts skipped,
    a file over MAX_BYTES refused (InvalidInput naming the field)."""
    with tempfile.TemporaryDirectory(prefix="center-upload-") as folder:
        paths: dict[str, list[str]] = {}
        for field, uploads in groups.items():
            for index, upload in enumerate(uploads):
                content = upload.file.read(MAX_BYTES + 1)
                if not upload.filename and not content:
                    continue
                if len(content) > MAX_BYTES:
                    raise InvalidInput(field=field, message=f"文件 {upload.filename} 过大：最多 {MAX_BYTES // 2**20} MB")
                target = Path(folder) / field / str(index) / safe_file_name(upload.filename, f"file-{index}")
                target.parent.mkdir(parents=True)
                target.write_bytes(content)
                paths.setdefault(field, []).append(str(target))
        yield paths


def uploads_of(form, field: str) -> list[UploadFile]:
    return [v for v in form.getlist(field) if isinstance(v, UploadFile)]
