"""Domain enums as GraphQL enums (registered once; both schemas use the same definitions)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from server.domain import enums as domain
from server.domain import planning as planning_rules
from server.services.errors import ErrorCode as DomainErrorCode

# For the type checker these names are the domain enums themselves; at run time they are the same
# classes, registered with Strawberry (strawberry.enum decorates the class in place).
if TYPE_CHECKING:
    from server.domain.enums import (
        ActingKind as ActingKind,
    )
    from server.domain.enums import (
        Approach as Approach,
    )
    from server.domain.enums import (
        AsnType as AsnType,
    )
    from server.domain.enums import (
        AssessorBasis as AssessorBasis,
    )
    from server.domain.enums import (
        BehindReason as BehindReason,
    )
    from server.domain.enums import (
        Cadence as Cadence,
    )
    from server.domain.enums import (
        CoachingStatus as CoachingStatus,
    )
    from server.domain.enums import (
        CommentStatus as CommentStatus,
    )
    from server.domain.enums import (
        CoreValue as CoreValue,
    )
    from server.domain.enums import (
        EmployeeStatus as EmployeeStatus,
    )
    from server.domain.enums import (
        EvaluationKind as EvaluationKind,
    )
    from server.domain.enums import (
        EvaluationStatus as EvaluationStatus,
    )
    from server.domain.enums import (
        EvidenceKind as EvidenceKind,
    )
    from server.domain.enums import (
        FeedbackTarget as FeedbackTarget,
    )
    from server.domain.enums import (
        FunctionalLevel as FunctionalLevel,
    )
    from server.domain.enums import (
        Gender as Gender,
    )
    from server.domain.enums import (
        IndicatorAspect as IndicatorAspect,
    )
    from server.domain.enums import (
        ObjectionStatus as ObjectionStatus,
    )
    from server.domain.enums import (
        OrgPredicate as OrgPredicate,
    )
    from server.domain.enums import (
        Perspective as Perspective,
    )
    from server.domain.enums import (
        PlanStatus as PlanStatus,
    )
    from server.domain.enums import (
        PositionKind as PositionKind,
    )
    from server.domain.enums import (
        Predicate as Predicate,
    )
    from server.domain.enums import (
        ProposalStatus as ProposalStatus,
    )
    from server.domain.enums import (
        Rating as Rating,
    )
    from server.domain.enums import (
        RealizationStatus as RealizationStatus,
    )
    from server.domain.enums import (
        Role as Role,
    )
    from server.domain.enums import (
        TextReview as TextReview,
    )
    from server.domain.enums import (
        UnitKind as UnitKind,
    )
    from server.domain.enums import (
        WorkResultKind as WorkResultKind,
    )
    from server.domain.enums import (
        YearStatus as YearStatus,
    )
    from server.domain.planning import OrphanReason as OrphanReason
    from server.services.errors import ErrorCode as ErrorCode
else:
    UnitKind = strawberry.enum(domain.UnitKind, description="Jenis unit kerja / kind of unit.")
    PositionKind = strawberry.enum(
        domain.PositionKind, description="Jenis jabatan / kind of position."
    )
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
    Cadence = strawberry.enum(
        domain.Cadence, description="Siklus penilaian periodik: bulanan, triwulan, semester."
    )
    YearStatus = strawberry.enum(domain.YearStatus, description="Status periode penilaian.")
    Approach = strawberry.enum(
        domain.Approach, description="Pendekatan SKP: kuantitatif atau kualitatif."
    )
    PlanStatus = strawberry.enum(domain.PlanStatus, description="Status SKP.")
    BehindReason = strawberry.enum(
        domain.BehindReason, description="Mengapa pegawai tertinggal (SKP, realisasi)."
    )
    WorkResultKind = strawberry.enum(
        domain.WorkResultKind, description="Jenis RHK: utama atau tambahan."
    )
    IndicatorAspect = strawberry.enum(domain.IndicatorAspect, description="Aspek IKI.")
    Perspective = strawberry.enum(domain.Perspective, description="Perspektif IKI (SKP JPT).")
    CoreValue = strawberry.enum(
        domain.CoreValue, description="Nilai dasar BerAKHLAK / BerAKHLAK core value."
    )
    RealizationStatus = strawberry.enum(
        domain.RealizationStatus,
        description="Status realisasi: USULAN (dari catatan kerja) atau DIKONFIRMASI.",
    )
    EvidenceKind = strawberry.enum(
        domain.EvidenceKind, description="Jenis bukti dukung: berkas atau tautan."
    )
    FeedbackTarget = strawberry.enum(
        domain.FeedbackTarget,
        description="Sasaran umpan balik: SKP, RHK, IKI, realisasi atau nilai perilaku.",
    )
    CommentStatus = strawberry.enum(
        domain.CommentStatus,
        description="Status moderasi komentar survei: MENUNGGU, DISETUJUI (boleh dikutip anonim), "
        "DITOLAK, DITERUSKAN (menyebut petugas: masukan internal, tidak pernah dipublikasikan).",
    )
    TextReview = strawberry.enum(
        domain.TextReview,
        description="Penyaringan nama/NIP petugas pada teks yang diterbitkan unit: BERSIH (lolos, "
        "terbit), MENUNGGU (tampaknya menyebut petugas: menunggu moderator), DISETUJUI (moderator "
        "mengizinkan terbit), DITOLAK (tidak terbit sampai teksnya diubah).",
    )
    Rating = strawberry.enum(
        domain.Rating,
        description="Rating Hasil Kerja / Perilaku Kerja: di atas, sesuai, di bawah ekspektasi.",
    )
    Predicate = strawberry.enum(
        domain.Predicate, description="Predikat Kinerja Pegawai (matriks 3 × 3), terbaik dahulu."
    )
    EvaluationKind = strawberry.enum(
        domain.EvaluationKind, description="Jenis penilaian: periodik atau tahunan."
    )
    EvaluationStatus = strawberry.enum(
        domain.EvaluationStatus,
        description="Status penilaian: DRAFT, DITETAPKAN (oleh penilai), DITERIMA (oleh pegawai).",
    )
    OrgPredicate = strawberry.enum(
        domain.OrgPredicate,
        description="Predikat Kinerja Organisasi (SE MenPANRB 3/2023): Istimewa … Sangat Kurang.",
    )
    ObjectionStatus = strawberry.enum(
        domain.ObjectionStatus,
        description="Status keberatan: DIAJUKAN, DITOLAK (hasil tetap), DIUBAH (hasil diubah).",
    )
    ProposalStatus = strawberry.enum(
        domain.ProposalStatus,
        description="Status usulan penunjukan Pejabat Penilai: DIAJUKAN, DISETUJUI, DITOLAK.",
    )
    CoachingStatus = strawberry.enum(
        domain.CoachingStatus,
        description="Status rencana pembinaan: BERJALAN, BERHASIL, TIDAK_BERHASIL.",
    )
    OrphanReason = strawberry.enum(
        planning_rules.OrphanReason,
        description="Mengapa RHK terlepas dari kaskade / why an RHK is orphaned.",
    )
