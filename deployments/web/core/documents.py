"""A case's documents: rendered forms shown in a printable frame, attachments downloaded. Only
for those who may see the case; the stored HTML runs no script (a sandboxing CSP)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse

from deployments.web.core.access import viewable_case
from deployments.web.core.auth import Viewer, require_viewer
from deployments.web.core.guard import RowId
from deployments.web.core.pages import page
from models.core.db import session_scope
from models.core.documents import Document
from models.core.errors import NotFound
from models.core.settings import get_settings

router = APIRouter()
DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox allow-modals allow-same-origin"


def _document(document_id: int, viewer: Viewer) -> Document:
    with session_scope() as session:
        document = session.get(Document, document_id)
        if document is None:
            raise NotFound(field="文书编号", value=document_id)
        viewable_case(session=session, ref=document.case_ref, actor=viewer.actor)
        return document


@router.get("/documents/{document_id}")
def show_document(document_id: RowId, request: Request, viewer: Viewer = Depends(require_viewer)):
    document = _document(document_id, viewer)
    return page(request, "document.html", title=document.title, document=document)


@router.get("/documents/{document_id}/raw")
def raw_document(document_id: RowId, viewer: Viewer = Depends(require_viewer)):
    document = _document(document_id, viewer)
    path = get_settings().data_dir / document.path
    if not path.is_file():
        raise NotFound(field="文书文件", value=document.title)
    if document.media_type == "text/html":
        return FileResponse(path, media_type="text/html; charset=utf-8",
                            headers={"Content-Security-Policy": DOCUMENT_CSP})
    return FileResponse(path, media_type="application/octet-stream", filename=document.title,
                        headers={"Content-Security-Policy": "sandbox"})
