"""Documents stored with a case: rendered forms (请假报告单, 退回函, 一次性告知书 …) and attached
files (proofs). Each is kept in the data folder and listed, with its hash, in the case store."""
from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from pydantic import NaiveDatetime
from sqlmodel import Field, Session, SQLModel, select

from models.core.cases import audit
from models.core.clock import local_now
from models.core.errors import InvalidInput
from models.core.files import check_regular_file, read_file, safe_file_name, write_whole
from models.core.settings import get_settings


class Document(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=160)  # idempotency: one document per key
    case_ref: str = Field(foreign_key="case.ref", index=True, max_length=40)
    kind: str = Field(max_length=40)  # e.g. leave_form, proof, return_letter
    title: str = Field(max_length=200)
    path: str = Field(max_length=400)  # relative to the data folder
    sha256: str = Field(max_length=64)
    media_type: str = Field(default="text/html", max_length=60)
    created_at: NaiveDatetime
    created_by: str = Field(max_length=40)


def _write(relative: Path, content: bytes) -> None:
    """Whole or not at all (files.write_whole): the row naming the file is only flushed after it."""
    write_whole(get_settings().data_dir / relative, content)


def store_rendered(*, session: Session, key: str, case_ref: str, kind: str, title: str, html: str,
                   actor: str, at: datetime | None = None) -> Document:
    """Keep a rendered document (HTML) with the case, once per key."""
    existing = session.exec(select(Document).where(Document.key == key)).first()
    if existing:
        return existing
    content = html.encode("utf-8")
    digest = hashlib.sha256(content).hexdigest()
    relative = Path("documents") / case_ref / f"{kind}-{digest[:12]}.html"
    _write(relative, content)
    document = Document(key=key, case_ref=case_ref, kind=kind, title=title, path=str(relative),
                        sha256=digest, created_at=at or local_now(), created_by=actor)
    session.add(document)
    session.flush()
    audit(session=session, case_ref=case_ref, actor=actor, action="document",
          details={"document": document.id, "kind": kind, "title": title})
    return document


def check_attachment(path: Path, field: str = "证明材料", missing_rule: str = "input") -> None:
    """A regular file within the size limit (models/core/files.py: the web desk's rule too)."""
    check_regular_file(path, field, missing_rule)


def attachment_problems(paths: list[Path], field: str = "证明材料", missing_rule: str = "input") -> list[InvalidInput]:
    """Every file of `paths` that may not be attached, each a problem (一次性告知: all at once)."""
    problems = []
    for path in paths:
        try:
            check_attachment(path, field, missing_rule)
        except InvalidInput as problem:
            problems.append(problem)
    return problems


def store_attachment(*, session: Session, case_ref: str, kind: str, source: Path, actor: str,
                     at: datetime | None = None) -> Document:
    """Copy a file into the data folder, keyed by its hash (attaching it twice is a no-op)."""
    content = read_file(source, "证明材料")
    digest = hashlib.sha256(content).hexdigest()
    key = f"{case_ref}:{kind}:{digest}"
    existing = session.exec(select(Document).where(Document.key == key)).first()
    if existing:
        return existing
    relative = Path("attachments") / case_ref / f"{digest[:12]}-{safe_file_name(source.name)}"
    _write(relative, content)  # what was checked and hashed, not the file again
    document = Document(key=key, case_ref=case_ref, kind=kind, title=source.name[:200], path=str(relative),
                        sha256=digest, media_type="application/octet-stream",
                        created_at=at or local_now(), created_by=actor)
    session.add(document)
    session.flush()
    audit(session=session, case_ref=case_ref, actor=actor, action="attach",
          details={"document": document.id, "kind": kind, "name": source.name, "sha256": digest})
    return document


def documents_of(*, session: Session, case_ref: str, kind: str | None = None) -> list[Document]:
    query = select(Document).where(Document.case_ref == case_ref)
    if kind:
        query = query.where(Document.kind == kind)
    return list(session.exec(query.order_by(Document.id)).all())
