"""The printable QR code of a service's survey link (segno: pure Python, PNG and SVG).

The URL is built by :func:`survey_url` alone, so what the code encodes can be checked without
decoding an image.
"""

from __future__ import annotations

import io
from urllib.parse import quote

import segno

SURVEY_PATH = "/survei/"
# Error correction M (15 %) survives a creased or slightly dirty printout at the counter.
ERROR_LEVEL = "m"
PNG_SCALE = 10  # pixels per module: about 4 cm at 300 dpi for a typical link
SVG_SCALE = 8


def survey_url(base_url: str, token: str) -> str:
    """The absolute public survey link of a token, e.g. https://kinerja.example/survei/Ab3…"""
    return f"{base_url.rstrip('/')}{SURVEY_PATH}{quote(token, safe='')}"


def _code(url: str) -> segno.QRCode:
    return segno.make_qr(url, error=ERROR_LEVEL, boost_error=False)


def qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    _code(url).save(buffer, kind="png", scale=PNG_SCALE, border=4)
    return buffer.getvalue()


def qr_svg(url: str, title: str) -> bytes:
    buffer = io.BytesIO()
    _code(url).save(
        buffer,
        kind="svg",
        scale=SVG_SCALE,
        border=4,
        title=title,
        desc=url,
        xmldecl=True,
        svgns=True,
        unit=None,
    )
    return buffer.getvalue()
