"""The plain, frozen records the demo-city generator returns (synthetic data: invented people).

The lead engineer's loader bulk-inserts these; nothing here touches a database. Field names are a
contract with that loader: add fields, never rename them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from server.domain.enums import (
    ActingKind,
    AsnType,
    EmployeeStatus,
    FunctionalLevel,
    Gender,
    PositionKind,
    Role,
    UnitKind,
)


@dataclass(frozen=True)
class DemoUnit:
    """A unit kerja: perangkat daerah, bidang, seksi, kelurahan …"""

    code: str  # stable, unique, uppercase slug, e.g. "DISKOMINFO.BID-APTIKA"
    name: str
    kind: UnitKind
    parent_code: str | None


@dataclass(frozen=True)
class DemoPosition:
    """A jabatan. Several holders of the same jabatan name are distinct positions."""

    key: str  # unique stable key, e.g. "DISKOMINFO.BID-APTIKA.KABID"
    name: str
    kind: PositionKind
    functional_level: FunctionalLevel | None  # only for FUNGSIONAL
    unit_code: str
    parent_key: str | None  # its holder is the Pejabat Penilai; None only for the Sekretaris Daerah
    is_unit_head: bool = False  # heads the unit named by unit_code (Kepala Dinas, Kabid, Lurah …)


@dataclass(frozen=True)
class DemoEmployee:
    """A pegawai (ASN). Invented person; NIP, gender and birth date agree with each other."""

    nip: str  # 18 digits (DOMAIN.md §12)
    name: str  # with academic titles, e.g. "dr. Maria Lestari, M.Kes."
    asn_type: AsnType
    golongan: str  # "III/a" for PNS, "IX" for PPPK
    gender: Gender
    birth_date: date
    status: EmployeeStatus
    position_key: str | None  # None: relieved of the jabatan (tugas belajar)
    assignment_start: date  # start in the position (for tugas belajar: start of the study)
    unit_code: str  # the unit the employee belongs to (the position's unit, or the one they left)
    appointment_date: date  # TMT CPNS (PNS) or TMT PPPK; the NIP encodes its month or year


@dataclass(frozen=True)
class DemoAssessorOverride:
    """An explicit Pejabat Penilai for one position: an acting official (Plt/Plh)."""

    position_key: str  # the position whose holder gets a different assessor
    assessor_position_key: str  # the acting official's own position
    acting_kind: ActingKind
    reason: str


@dataclass(frozen=True)
class DemoAccount:
    """A demo login. Only these few accounts exist; other employees have none."""

    login: str  # the NIP for employee accounts, or a username such as "admin.bkpsdm"
    password: str
    roles: tuple[Role, ...]  # roles beyond the staff role every employee has
    employee_nip: str | None
    managed_unit_code: str | None  # for UNIT_MANAGER
    description: str  # Indonesian one-liner printed for humans by `make run`


@dataclass(frozen=True)
class DemoCity:
    """A synthetic Kota Salatiga: structure, invented people, acting officials, demo logins."""

    units: tuple[DemoUnit, ...]  # parents before children
    positions: tuple[DemoPosition, ...]  # parents before children
    employees: tuple[DemoEmployee, ...]
    overrides: tuple[DemoAssessorOverride, ...]
    accounts: tuple[DemoAccount, ...]
