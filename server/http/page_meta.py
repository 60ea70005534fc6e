"""Titles and social-preview metadata of the public pages, written into index.html by the server.

The SPA sets ``document.title`` itself, but link previews (chat apps, social networks, search
engines) read the HTML without running scripts: so the server replaces the shell's ``<title>``
and description with the page's own and adds Open Graph and Twitter card tags. A unit page is
named after its unit and a survey page after its service (one indexed query each); any other
path keeps the site's title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from urllib.parse import unquote

from server import clock
from server.db.engine import Database
from server.services.public_catalog import public_unit_name
from server.services.survey.submission import find_active_service

SITE = "e-Kinerja Kota Salatiga"
SITE_DESCRIPTION = (
    "Transparansi kinerja ASN Pemerintah Kota Salatiga: angka agregat per unit kerja, "
    "Indeks Kepuasan Masyarakat, data terbuka dan API publik."
)
UNIT_PATH = re.compile(r"^/kinerja/unit/([^/]{1,64})/?$")
SURVEY_PATH = re.compile(r"^/layanan/([A-Za-z0-9_-]{16,64})/?$")
MAX_TEXT = 300

STATIC: dict[str, tuple[str, str]] = {
    "/": (SITE, SITE_DESCRIPTION),
    "/kinerja": (
        "Kinerja Unit",
        "Ringkasan kota dan semua perangkat daerah pada rilis data terbaru: jumlah pegawai, SKP "
        "ditetapkan, realisasi tepat waktu dan Indeks Kepuasan Masyarakat, dengan grafik.",
    ),
    "/kinerja/metodologi": (
        "Metodologi Data Kinerja",
        "Arti dan cara menghitung setiap angka, mutu pelayanan IKM, dan mengapa sebagian angka "
        "tidak ditampilkan.",
    ),
    "/data": (
        "Data Terbuka",
        "Unduh data kinerja per rilis (CSV dan JSON) dengan kamus data, lisensi, checksum dan "
        "riwayat rilis.",
    ),
    "/api-publik": (
        "API Publik untuk Jurnalis dan Pengembang",
        "API GraphQL terbuka tanpa kunci: contoh kueri, penjelajah, batas dan biaya kueri.",
    ),
    "/masuk": ("Masuk Pegawai", "Masuk ke portal pegawai e-Kinerja Kota Salatiga."),
}


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str


def _full_title(title: str) -> str:
    return SITE if title == SITE else f"{title} — {SITE}"


async def page_meta(db: Database, path: str) -> PageMeta:
    """The metadata of ``path``; the site's own for anything not described here."""
    if path in STATIC:
        title, description = STATIC[path]
        return PageMeta(_full_title(title), description)
    unit = UNIT_PATH.match(path)
    if unit is not None:
        name = await public_unit_name(db, unquote(unit.group(1)), clock.today())
        if name is not None:
            return PageMeta(
                _full_title(f"{name} — Kinerja Unit"),
                f"Angka kinerja {name} pada rilis data terbaru: pegawai, SKP, penilaian, "
                "keberatan, Indeks Kepuasan Masyarakat per layanan dan tindak lanjutnya.",
            )
    survey = SURVEY_PATH.match(path)
    if survey is not None:
        service = await find_active_service(db, survey.group(1))
        if service is not None:
            return PageMeta(
                _full_title(f"Survei Kepuasan Masyarakat: {service.name}"),
                f"Nilai layanan {service.name} ({service.unit_name}): sembilan pertanyaan, "
                "tanpa nama, sekitar dua menit.",
            )
    return PageMeta(SITE, SITE_DESCRIPTION)


def _clip(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1].rstrip() + "…"


def render_meta(meta: PageMeta, url: str) -> tuple[str, str]:
    """The tags that replace the shell's <title>, and the escaped description."""
    title = escape(_clip(meta.title), quote=True)
    description = escape(_clip(meta.description), quote=True)
    return (
        f"<title>{title}</title>\n"
        f'    <meta property="og:title" content="{title}" />\n'
        f'    <meta property="og:description" content="{description}" />\n'
        f'    <meta property="og:type" content="website" />\n'
        f'    <meta property="og:site_name" content="{escape(SITE)}" />\n'
        f'    <meta property="og:locale" content="id_ID" />\n'
        f'    <meta property="og:url" content="{escape(url, quote=True)}" />\n'
        f'    <meta name="twitter:card" content="summary" />\n'
        f'    <meta name="twitter:title" content="{title}" />\n'
        f'    <meta name="twitter:description" content="{description}" />'
    ), description


TITLE_TAG = re.compile(r"<title>[^<]*</title>")
DESCRIPTION_TAG = re.compile(r'<meta name="description" content="[^"]*"\s*/?>')


def inject(index_html: str, meta: PageMeta, url: str) -> str:
    tags, description = render_meta(meta, url)
    html = TITLE_TAG.sub(lambda _: tags, index_html, count=1)
    return DESCRIPTION_TAG.sub(
        lambda _: f'<meta name="description" content="{description}" />', html, count=1
    )
