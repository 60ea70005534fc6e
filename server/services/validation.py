"""Small input checks shared by the services; each failure names its field."""

from __future__ import annotations

import enum
from datetime import date
from typing import Any, Final, TypeVar

from server.services.errors import ErrorCode, ServiceError


class _Unset(enum.Enum):
    UNSET = "UNSET"


UNSET: Final = _Unset.UNSET
"""Marks a field an update leaves alone (``None`` may be a real value)."""

E = TypeVar("E", bound=enum.Enum)


def invalid(field: str, message: str) -> ServiceError:
    return ServiceError(ErrorCode.INVALID_INPUT, message, field)


def clean_text(value: str, field: str, label: str, *, max_length: int = 200) -> str:
    """Trimmed, non-empty, bounded, free of control characters."""
    text = " ".join(value.split())
    if not text:
        raise invalid(field, f"{label} wajib diisi.")
    if len(text) > max_length:
        raise invalid(field, f"{label} maksimal {max_length} karakter (diterima {len(text)}).")
    if any(ord(ch) < 32 for ch in text):
        raise invalid(field, f"{label} berisi karakter kendali yang tidak diizinkan.")
    return text


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
