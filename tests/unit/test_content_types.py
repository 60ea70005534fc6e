"""Type by content, never by name: magic bytes and ZIP member inspection; settings parsing."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from server.config import Settings, SettingsError
from server.services.errors import ServiceError
from server.services.work.evidence import clean_link, sanitise_file_name
from server.storage import content_types as ct
from tests.api.work import samples


def _write(tmp_path: Path, content: bytes) -> Path:
    path = tmp_path / "upload.bin"
    path.write_bytes(content)
    return path


@pytest.mark.parametrize("code", list(samples.ALL))
def test_every_sample_is_recognised(code: str, tmp_path: Path) -> None:
    build, _name, media_type = samples.ALL[code]
    found = ct.sniff_file(_write(tmp_path, build()))
    assert found is not None
    assert (found.code, found.media_type) == (code, media_type)


@pytest.mark.parametrize(
    "content",
    [
        samples.HTML_AS_PDF,
        samples.SCRIPT_AS_PDF,
        samples.PLAIN_ZIP,
        samples.ODF_OTHER,
        b"PK\x03\x04garbage",
        b"",
        b"%PDF",  # too short to be the header
        b" %PDF-1.4",  # leading bytes: not a PDF header
        b"RIFF\x00\x00\x00\x00WAVEfmt ",  # RIFF but not WEBP
        b"GIF89a",
    ],
)
def test_anything_else_is_unknown(content: bytes, tmp_path: Path) -> None:
    assert ct.sniff_file(_write(tmp_path, content)) is None


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_ooxml_needs_content_types_and_a_known_tree(tmp_path: Path) -> None:
    assert ct.sniff_file(_write(tmp_path, _zip({"word/document.xml": b"x"}))) is None
    assert (
        ct.sniff_file(_write(tmp_path, _zip({"[Content_Types].xml": b"x", "ppt/p.xml": b"x"})))
        is None
    )


def test_oversized_mimetype_member_is_not_read(tmp_path: Path) -> None:
    content = _zip({"mimetype": b"application/vnd.oasis.opendocument.text" + b" " * 10_000})
    assert ct.sniff_file(_write(tmp_path, content)) is None


def test_sniff_head_needs_only_the_first_bytes() -> None:
    assert ct.sniff_head(samples.png()[: ct.SNIFF_BYTES]) is ct.PNG
    assert ct.sniff_head(samples.jpeg()[:4]) is ct.JPEG
    assert ct.is_zip(samples.docx())
    assert not ct.is_zip(samples.pdf())


def test_type_codes_from_settings() -> None:
    assert ct.parse_type_codes(" pdf, PNG ,pdf") == ("PDF", "PNG")
    with pytest.raises(ValueError, match="EXE"):
        ct.parse_type_codes("pdf,exe")
    with pytest.raises(ValueError, match="at least one"):
        ct.parse_type_codes(" , ")


def test_settings_read_the_evidence_variables() -> None:
    defaults = Settings.from_env({})
    assert defaults.evidence_max_bytes == 20 * 1024 * 1024
    assert defaults.evidence_allowed_types == tuple(ct.KNOWN_TYPES)
    custom = Settings.from_env(
        {"KINERJA_EVIDENCE_MAX_MB": "5", "KINERJA_EVIDENCE_TYPES": "pdf,jpeg"}
    )
    assert custom.evidence_max_bytes == 5 * 1024 * 1024
    assert custom.evidence_allowed_types == ("PDF", "JPEG")
    with pytest.raises(SettingsError, match="KINERJA_EVIDENCE_TYPES"):
        Settings.from_env({"KINERJA_EVIDENCE_TYPES": "html"})
    with pytest.raises(SettingsError, match="KINERJA_EVIDENCE_MAX_MB"):
        Settings.from_env({"KINERJA_EVIDENCE_MAX_MB": "0"})


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\x\\y.pdf", "y.pdf"),
        ("a/b/../c.pdf", "c.pdf"),
        ("name\x00.pdf", "name.pdf"),
        ("line\nbreak.pdf", "linebreak.pdf"),
        ("\u202eevil\u202c.pdf", "evil.pdf"),
        ("...", "berkas"),
        ("", "berkas"),
        ("  spaced   name .pdf ", "spaced name .pdf"),
        ("C:y.pdf", "C_y.pdf"),
        ("Laporan Ñandú.pdf", "Laporan Ñandú.pdf"),
    ],
)
def test_sanitised_names(raw: str, expected: str) -> None:
    name = sanitise_file_name(raw)
    assert name == expected
    assert "/" not in name
    assert "\\" not in name


def test_sanitised_name_is_bounded() -> None:
    assert len(sanitise_file_name("x" * 1_000)) == 255
    long_ext = sanitise_file_name("y" * 300 + ".pdf")
    assert len(long_ext) == 255
    assert long_ext.endswith(".pdf")


@pytest.mark.parametrize(
    "url",
    ["https://salatiga.go.id", "http://10.0.0.1:8080/a?b=c#d", "HTTPS://Example.COM/Path"],
)
def test_good_links(url: str) -> None:
    assert clean_link(f"  {url} ") == url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "https://u:p@example.com",
        "https://@example.com",
        "http://",
        "mailto:a@b.c",
        "https://exa\tmple.com",
        "x" * 2_001,
    ],
)
def test_bad_links(url: str) -> None:
    with pytest.raises(ServiceError) as caught:
        clean_link(url)
    assert caught.value.field == "url"
