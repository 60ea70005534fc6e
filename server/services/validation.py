"""Small input checks shared by the services; each failure names its field."""

from __future__ import annotations

import enum
import unicodedata
from datetime import date
from typing import Any, Final, TypeVar

from server.domain.organisation import is_valid_code, normalise_code
from server.services.errors import ErrorCode, ServiceError


class _Unset(enum.Enum):
    UNSET = "UNSET"


UNSET: Final = _Unset.UNSET
"""Marks a field an update leaves alone (``None`` may be a real value)."""

E = TypeVar("E", bound=enum.Enum)


def invalid(field: str, message: str) -> ServiceError:
    return ServiceError(ErrorCode.INVALID_INPUT, message, field)


def clean_text(value: str, field: str, label: str, *, max_length: int = 200) -> str:
    """Trimmed, non-empty, bounded, free of control characters.

    Checked before whitespace is collapsed: ``str.split`` treats some control characters
    (\x1c–\x1f, \x85) as whitespace and would otherwise silently turn them into spaces.
    Tabs and line breaks are tolerated and become single spaces.
    """
    if any(is_control_char(ch) for ch in value):
        raise invalid(field, f"{label} berisi karakter kendali yang tidak diizinkan.")
    text = " ".join(value.split())
    if not text:
        raise invalid(field, f"{label} wajib diisi.")
    if len(text) > max_length:
        raise invalid(field, f"{label} maksimal {max_length} karakter (diterima {len(text)}).")
    return text


_ALLOWED_WHITESPACE = frozenset("\t\n\r")
# Bidirectional overrides and isolates can make a name display differently from what it is.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def is_control_char(ch: str) -> bool:
    """C0/C1 control characters, DEL and bidi overrides; plain tabs and line breaks are not."""
    if ch in _ALLOWED_WHITESPACE:
        return False
    return unicodedata.category(ch) == "Cc" or ch in _BIDI_CONTROLS


def check_period(valid_from: date, valid_until: date | None, field: str = "validUntil") -> None:
    if valid_until is not None and valid_until < valid_from:
        raise invalid(field, "Tanggal akhir tidak boleh sebelum tanggal mulai.")


def parse_enum(enum_cls: type[E], raw: Any, field: str, label: str) -> E:
    try:
        return enum_cls(raw)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in enum_cls)
        raise invalid(field, f"{label} {raw!r} tidak dikenal. Pilihan: {allowed}.") from None


def check_version(current: int, expected: int | None, what: str) -> None:
    if expected is not None and expected != current:
        raise ServiceError(
            ErrorCode.CONFLICT,
            f"{what} telah diubah orang lain (versi {current}, Anda mengubah versi {expected}). "
            "Muat ulang lalu ulangi perubahan.",
            "version",
        )


def clean_long_text(value: str, field: str, label: str, *, max_length: int) -> str:
    """Trimmed, non-empty, bounded, free of control characters; line breaks are kept.

    Unlike ``clean_text`` the inner whitespace stays: a comment or a summary has paragraphs.
    """
    if any(is_control_char(ch) for ch in value):
        raise invalid(field, f"{label} berisi karakter kendali yang tidak diizinkan.")
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise invalid(field, f"{label} wajib diisi.")
    if len(text) > max_length:
        raise invalid(field, f"{label} maksimal {max_length} karakter (diterima {len(text)}).")
    return text


def clean_multiline(value: str, field: str, label: str, *, max_length: int) -> str | None:
    """Free text whose line breaks matter (lampiran): trimmed, bounded, no control characters.

    Empty text means "not filled in" (None).
    """
    if any(is_control_char(ch) for ch in value):
        raise invalid(field, f"{label} berisi karakter kendali yang tidak diizinkan.")
    lines = [" ".join(line.split()) for line in value.replace("\r\n", "\n").split("\n")]
    text = "\n".join(lines).strip()
    if not text:
        return None
    if len(text) > max_length:
        raise invalid(field, f"{label} maksimal {max_length} karakter (diterima {len(text)}).")
    return text


def clean_code(raw: str, field: str = "code") -> str:
    """A stable code (unit, jabatan, layanan): upper case, letters, digits, ``._-``."""
    code = normalise_code(raw)
    if not is_valid_code(code):
        raise invalid(
            field,
            f"Kode {raw!r} tidak valid: gunakan huruf besar, angka, titik, garis bawah atau "
            "tanda hubung (maksimal 64 karakter).",
        )
    return code
