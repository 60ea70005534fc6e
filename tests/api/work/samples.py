"""Small real sample files of every accepted evidence type, built in code (nothing binary is
committed), plus hostile ones."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib


def pdf() -> bytes:
    return (
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
        b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png() -> bytes:
    """A valid 1×1 white PNG."""
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", pixels)
        + _png_chunk(b"IEND", b"")
    )


def jpeg() -> bytes:
    """SOI, a JFIF APP0 segment and EOI: the structure every JPEG starts and ends with."""
    app0 = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return b"\xff\xd8\xff\xe0" + struct.pack(">H", len(app0) + 2) + app0 + b"\xff\xd9"


def webp() -> bytes:
    """A 1×1 lossless WEBP."""
    vp8l = b"\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00"
    body = b"WEBP" + b"VP8L" + struct.pack("<I", 13) + vp8l[:13] + b"\x00"
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _zip(members: list[tuple[str, bytes]], *, stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, data) in enumerate(members):
            method = zipfile.ZIP_STORED if stored_first and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return buffer.getvalue()


CONTENT_TYPES_XML = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
)


def docx() -> bytes:
    return _zip(
        [
            ("[Content_Types].xml", CONTENT_TYPES_XML),
            ("_rels/.rels", b"<Relationships/>"),
            ("word/document.xml", b"<w:document/>"),
        ]
    )


def xlsx() -> bytes:
    return _zip(
        [
            ("[Content_Types].xml", CONTENT_TYPES_XML),
            ("_rels/.rels", b"<Relationships/>"),
            ("xl/workbook.xml", b"<workbook/>"),
        ]
    )


def _odf(media_type: bytes) -> bytes:
    return _zip(
        [
            ("mimetype", media_type),
            ("META-INF/manifest.xml", b"<manifest:manifest/>"),
            ("content.xml", b"<office:document-content/>"),
        ],
        stored_first=True,
    )


def odt() -> bytes:
    return _odf(b"application/vnd.oasis.opendocument.text")


def ods() -> bytes:
    return _odf(b"application/vnd.oasis.opendocument.spreadsheet")


ALL = {
    "PDF": (pdf, "laporan.pdf", "application/pdf"),
    "PNG": (png, "foto.png", "image/png"),
    "JPEG": (jpeg, "foto.jpg", "image/jpeg"),
    "WEBP": (webp, "foto.webp", "image/webp"),
    "DOCX": (
        docx,
        "notulen.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "XLSX": (
        xlsx,
        "rekap.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "ODT": (odt, "notulen.odt", "application/vnd.oasis.opendocument.text"),
    "ODS": (ods, "rekap.ods", "application/vnd.oasis.opendocument.spreadsheet"),
}

HTML_AS_PDF = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SCRIPT_AS_PDF = b"#!/bin/sh\nrm -rf / --no-preserve-root\n"
PLAIN_ZIP = _zip([("data.txt", b"hello")])
ODF_OTHER = _odf(b"application/vnd.oasis.opendocument.presentation")
