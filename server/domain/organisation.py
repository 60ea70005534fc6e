"""Rules of the organisation tree: which unit kind may sit under which (unit kerja)."""

from __future__ import annotations

import re

from server.domain.enums import FunctionalLevel, PositionKind, UnitKind

_U = UnitKind
ALLOWED_PARENT_KINDS: dict[UnitKind, frozenset[UnitKind | None]] = {
    _U.INSTANSI: frozenset({None}),
    _U.PERANGKAT_DAERAH: frozenset({_U.INSTANSI}),
    _U.KECAMATAN: frozenset({_U.INSTANSI}),
    _U.SEKRETARIAT: frozenset({_U.PERANGKAT_DAERAH, _U.KECAMATAN}),
    _U.BIDANG: frozenset({_U.PERANGKAT_DAERAH}),
    _U.BAGIAN: frozenset({_U.PERANGKAT_DAERAH}),
    _U.SUBBAGIAN: frozenset({_U.SEKRETARIAT, _U.BAGIAN, _U.UPTD, _U.PERANGKAT_DAERAH}),
    _U.SEKSI: frozenset({_U.BIDANG, _U.KECAMATAN, _U.UPTD, _U.PERANGKAT_DAERAH}),
    _U.UPTD: frozenset({_U.PERANGKAT_DAERAH, _U.BIDANG}),
    _U.KELURAHAN: frozenset({_U.KECAMATAN}),
}

CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9._-]{0,63}$")


def parent_kind_allowed(kind: UnitKind, parent_kind: UnitKind | None) -> bool:
    return parent_kind in ALLOWED_PARENT_KINDS[kind]


def normalise_code(raw: str) -> str:
    return raw.strip().upper()


def is_valid_code(code: str) -> bool:
    return bool(CODE_PATTERN.match(code))


def functional_level_consistent(kind: PositionKind, level: FunctionalLevel | None) -> bool:
    """A jabatan fungsional has a jenjang; no other kind has one."""
    return (kind is PositionKind.FUNGSIONAL) == (level is not None)
