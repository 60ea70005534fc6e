"""Domain enums as GraphQL enums (registered once; both schemas use the same definitions)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from server.domain import enums as domain
from server.services.errors import ErrorCode as DomainErrorCode

# For the type checker these names are the domain enums themselves; at run time they are the same
# classes, registered with Strawberry (strawberry.enum decorates the class in place).
if TYPE_CHECKING:
    from server.domain.enums import (
        ActingKind as ActingKind,
        AsnType as AsnType,
        AssessorBasis as AssessorBasis,
        EmployeeStatus as EmployeeStatus,
        FunctionalLevel as FunctionalLevel,
        Gender as Gender,
        PositionKind as PositionKind,
        Role as Role,
        UnitKind as UnitKind,
    )
    from server.services.errors import ErrorCode as ErrorCode
else:
    UnitKind = strawberry.enum(domain.UnitKind, description="Jenis unit kerja / kind of unit.")
    PositionKind = strawberry.enum(domain.PositionKind, description="Jenis jabatan / kind of position.")
    FunctionalLevel = strawberry.enum(
        domain.FunctionalLevel, description="Jenjang jabatan fungsional / functional level."
    )
    AsnType = strawberry.enum(domain.AsnType, description="Jenis ASN: PNS atau PPPK.")
    Gender = strawberry.enum(domain.Gender, description="Jenis kelamin / gender.")
    EmployeeStatus = strawberry.enum(domain.EmployeeStatus, description="Status kepegawaian.")
    Role = strawberry.enum(domain.Role, description="Peran akun / account role.")
    ActingKind = strawberry.enum(
        domain.ActingKind, description="Dasar penunjukan penilai: Plt, Plh atau penunjukan."
    )
    AssessorBasis = strawberry.enum(
        domain.AssessorBasis, description="Bagaimana Pejabat Penilai ditentukan."
    )
    ErrorCode = strawberry.enum(DomainErrorCode, description="Kode kesalahan / error code.")
