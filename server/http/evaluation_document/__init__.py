"""Dokumen Evaluasi Kinerja Pegawai: ``GET /api/evaluations/{id}/document`` (printable HTML,
:mod:`.html`) and ``GET /api/evaluations/{id}/document.pdf`` (the same content as a PDF, fpdf2,
:mod:`.pdf`).

A session is required. The content, and who may read it, is decided by the service
(:func:`server.services.evaluation.document.load_document`); for everyone who may not read the
SKP the document does not exist (404), as in the internal API.
"""

from __future__ import annotations

import asyncio
import re

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server import clock
from server.config import Settings
from server.db.engine import Database
from server.http.errors import error_response
from server.http.evaluation_document.html import CSS_PATH, DOCUMENT_CSS, render_html
from server.http.evaluation_document.pdf import render_pdf
from server.http.session import record_id, require_actor
from server.services.evaluation.document import EvaluationDocument, load_document

PRIVATE = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}


def _not_found() -> Response:
    return error_response(404, "NOT_FOUND", "Penilaian tidak ditemukan.")


async def _document_for(request: Request) -> EvaluationDocument | Response:
    settings: Settings = request.app.state.settings
    db: Database = request.app.state.db
    actor = await require_actor(request)
    if isinstance(actor, Response):
        return actor
    evaluation_id = record_id(request, "evaluation_id")
    if evaluation_id is None:
        return _not_found()
    today = clock.today()
    found = await load_document(db, actor, evaluation_id, settings=settings, today=today)
    return found if found is not None else _not_found()


async def document_html(request: Request) -> Response:
    doc = await _document_for(request)
    if isinstance(doc, Response):
        return doc
    return Response(
        render_html(doc),
        media_type="text/html; charset=utf-8",
        headers={"Content-Disposition": "inline", **PRIVATE},
    )


async def document_pdf(request: Request) -> Response:
    doc = await _document_for(request)
    if isinstance(doc, Response):
        return doc
    body = await asyncio.to_thread(render_pdf, doc)  # layout is CPU work; keep the loop free
    nip = re.sub(r"[^0-9A-Za-z]", "", doc.pegawai.nip) or "pegawai"
    name = f"evaluasi-{nip}-{doc.period_slug}.pdf"
    return Response(
        body,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"', **PRIVATE},
    )


async def document_css(request: Request) -> Response:
    # Not secret (layout only); cached briefly so a print preview does not refetch it.
    return Response(
        DOCUMENT_CSS,
        media_type="text/css; charset=utf-8",
        headers={"Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff"},
    )


ROUTES: list[Route] = [
    Route(CSS_PATH, document_css, methods=["GET"]),
    Route("/api/evaluations/{evaluation_id}/document", document_html, methods=["GET"]),
    Route("/api/evaluations/{evaluation_id}/document.pdf", document_pdf, methods=["GET"]),
]
