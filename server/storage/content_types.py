"""Which kind of file an upload really is, decided from its bytes (never its name or header).

A file named ``laporan.pdf`` that starts with ``<html>`` is an HTML page, and a browser that is
handed it with a lax media type may render it; so the name and the client's Content-Type are
ignored. Plain formats are recognised by their magic bytes. ZIP-based office formats share one
magic number, so the archive's member list decides: OOXML has ``[Content_Types].xml`` plus a
``word/`` or ``xl/`` tree, ODF has a ``mimetype`` member naming the document type. Only member
names and the tiny ``mimetype`` member are read, so a compressed "zip bomb" is never inflated.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ContentType:
    """A recognised evidence type: short code (used in settings), media type, usual extension."""

    code: str
    media_type: str
    extension: str
    label: str


PDF = ContentType("PDF", "application/pdf", ".pdf", "PDF")
PNG = ContentType("PNG", "image/png", ".png", "gambar PNG")
JPEG = ContentType("JPEG", "image/jpeg", ".jpg", "gambar JPEG")
WEBP = ContentType("WEBP", "image/webp", ".webp", "gambar WEBP")
DOCX = ContentType(
    "DOCX",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".docx",
    "dokumen Word (DOCX)",
)
XLSX = ContentType(
    "XLSX",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xlsx",
    "lembar kerja Excel (XLSX)",
)
ODT = ContentType("ODT", "application/vnd.oasis.opendocument.text", ".odt", "dokumen ODT")
ODS = ContentType(
    "ODS", "application/vnd.oasis.opendocument.spreadsheet", ".ods", "lembar kerja ODS"
)

KNOWN_TYPES: dict[str, ContentType] = {
    t.code: t for t in (PDF, PNG, JPEG, WEBP, DOCX, XLSX, ODT, ODS)
}
"""Every type the sniffer recognises, by code. Settings choose which of them are accepted."""

BY_MEDIA_TYPE: dict[str, ContentType] = {t.media_type: t for t in KNOWN_TYPES.values()}

SNIFF_BYTES = 64
"""How many leading bytes :func:`sniff_head` needs."""

_ZIP_MAGIC = b"PK\x03\x04"
_MAX_MIMETYPE_MEMBER = 100  # "application/vnd.oasis.opendocument.spreadsheet" is 46 bytes
_MAX_ZIP_MEMBERS = 10_000


def sniff_head(head: bytes) -> ContentType | None:
    """The type of a non-archive file from its first bytes; None when unknown or a ZIP."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    return None


def is_zip(head: bytes) -> bool:
    return head.startswith(_ZIP_MAGIC)


def sniff_zip(path: Path) -> ContentType | None:
    """DOCX, XLSX, ODT or ODS from the archive's members; None for any other (or broken) ZIP."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > _MAX_ZIP_MEMBERS:
                return None
            names = {info.filename for info in infos}
            mimetype = next((i for i in infos if i.filename == "mimetype"), None)
            if mimetype is not None:
                if mimetype.file_size > _MAX_MIMETYPE_MEMBER:
                    return None
                with archive.open(mimetype) as member:
                    declared = member.read(_MAX_MIMETYPE_MEMBER + 1).decode("ascii", "replace")
                found = BY_MEDIA_TYPE.get(declared.strip())
                return found if found in (ODT, ODS) else None
            if "[Content_Types].xml" in names:
                if any(n.startswith("word/") for n in names):
                    return DOCX
                if any(n.startswith("xl/") for n in names):
                    return XLSX
    # zipfile raises NotImplementedError for a compression method it cannot read: such an
    # archive is not an office document we accept, not a crash.
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError):
        return None
    return None


def sniff_file(path: Path) -> ContentType | None:
    """The recognised type of a file on disk, or None (blocking: run it in a worker thread)."""
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if is_zip(head):
        return sniff_zip(path)
    return sniff_head(head)


def parse_type_codes(raw: str) -> tuple[str, ...]:
    """``"pdf, png"`` → ``("PDF", "PNG")``; unknown codes raise ValueError naming them."""
    codes = tuple(dict.fromkeys(c.strip().upper() for c in raw.split(",") if c.strip()))
    unknown = [c for c in codes if c not in KNOWN_TYPES]
    if unknown:
        raise ValueError(
            f"unknown evidence type(s) {', '.join(unknown)}; known: {', '.join(KNOWN_TYPES)}"
        )
    if not codes:
        raise ValueError("at least one evidence type is required")
    return codes
