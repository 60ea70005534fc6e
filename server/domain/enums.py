"""Enumerations shared by every layer. Values are stable codes stored in the database and exposed
through the APIs; labels for people live in the UI catalogues."""

from __future__ import annotations

from enum import StrEnum


class UnitKind(StrEnum):
    """Kind of unit in the organisation tree (unit kerja)."""

    INSTANSI = "INSTANSI"  # Pemerintah Kota Salatiga, the root
    PERANGKAT_DAERAH = "PERANGKAT_DAERAH"  # dinas, badan, sekretariat daerah/DPRD, inspektorat …
    KECAMATAN = "KECAMATAN"  # a kecamatan is a perangkat daerah with kelurahan below it
    SEKRETARIAT = "SEKRETARIAT"  # the sekretariat inside a dinas or badan
    BIDANG = "BIDANG"
    BAGIAN = "BAGIAN"  # a bagian of the Sekretariat Daerah
    SUBBAGIAN = "SUBBAGIAN"
    SEKSI = "SEKSI"
    UPTD = "UPTD"  # unit pelaksana teknis daerah (e.g. Puskesmas)
    KELURAHAN = "KELURAHAN"


class PositionKind(StrEnum):
    """Kind of jabatan (DOMAIN.md §12)."""

    JPT_UTAMA = "JPT_UTAMA"
    JPT_MADYA = "JPT_MADYA"
    JPT_PRATAMA = "JPT_PRATAMA"
    ADMINISTRATOR = "ADMINISTRATOR"
    PENGAWAS = "PENGAWAS"
    PELAKSANA = "PELAKSANA"
    FUNGSIONAL = "FUNGSIONAL"

    @property
    def is_jpt(self) -> bool:
        return self in (PositionKind.JPT_UTAMA, PositionKind.JPT_MADYA, PositionKind.JPT_PRATAMA)


class FunctionalLevel(StrEnum):
    """Jenjang of a jabatan fungsional: keahlian (Ahli …) and keterampilan levels."""

    AHLI_PERTAMA = "AHLI_PERTAMA"
    AHLI_MUDA = "AHLI_MUDA"
    AHLI_MADYA = "AHLI_MADYA"
    AHLI_UTAMA = "AHLI_UTAMA"
    PEMULA = "PEMULA"
    TERAMPIL = "TERAMPIL"
    MAHIR = "MAHIR"
    PENYELIA = "PENYELIA"


class AsnType(StrEnum):
    """Jenis ASN: Pegawai Negeri Sipil or Pegawai Pemerintah dengan Perjanjian Kerja."""

    PNS = "PNS"
    PPPK = "PPPK"


class Gender(StrEnum):
    """Jenis kelamin as encoded in the NIP (1 laki-laki, 2 perempuan)."""

    LAKI_LAKI = "LAKI_LAKI"
    PEREMPUAN = "PEREMPUAN"


class EmployeeStatus(StrEnum):
    """Status kepegawaian."""

    AKTIF = "AKTIF"
    CUTI = "CUTI"  # cuti di luar tanggungan negara and other long leave
    TUGAS_BELAJAR = "TUGAS_BELAJAR"
    DIBERHENTIKAN_SEMENTARA = "DIBERHENTIKAN_SEMENTARA"
    PENSIUN = "PENSIUN"
    BERHENTI = "BERHENTI"
    MENINGGAL = "MENINGGAL"

    @property
    def is_active(self) -> bool:
        return self in (EmployeeStatus.AKTIF, EmployeeStatus.CUTI, EmployeeStatus.TUGAS_BELAJAR)


class Role(StrEnum):
    """Account roles beyond the staff role every employee has."""

    HR_ADMIN = "HR_ADMIN"  # BKPSDM: the whole instansi
    UNIT_MANAGER = "UNIT_MANAGER"  # pengelola kinerja of one unit and its sub-units
    AUDITOR = "AUDITOR"  # read-only everywhere, including the audit log
    SYSADMIN = "SYSADMIN"  # accounts and system settings
    # Officials who are not ASN pegawai (no employee record), linked to the instansi's root unit.
    KEPALA_DAERAH = "KEPALA_DAERAH"  # the Wali Kota: Pejabat Penilai of the top of the tree
    WAKIL_KEPALA_DAERAH = "WAKIL_KEPALA_DAERAH"  # the Wakil Wali Kota: no rating rights of its own


class ActingKind(StrEnum):
    """Why an assessor override exists: an acting official or an explicit assignment."""

    PLT = "PLT"  # pelaksana tugas
    PLH = "PLH"  # pelaksana harian
    PENUNJUKAN = "PENUNJUKAN"  # explicit assignment by BKPSDM (e.g. a JF rated by another official)


class ProposalStatus(StrEnum):
    """An assessor-override proposal of a unit manager, decided by BKPSDM."""

    DIAJUKAN = "DIAJUKAN"
    DISETUJUI = "DISETUJUI"
    DITOLAK = "DITOLAK"


class AssessorBasis(StrEnum):
    """How an employee's Pejabat Penilai was found."""

    PARENT_POSITION = "PARENT_POSITION"  # holder of the parent position
    NEXT_FILLED_POSITION = "NEXT_FILLED_POSITION"  # parent vacant: the next filled one upwards
    OVERRIDE = "OVERRIDE"  # explicit override (Plt/Plh/penunjukan)


class Cadence(StrEnum):
    """How often the instansi evaluates during the year (PermenPANRB 6/2022: penilaian periodik)."""

    BULANAN = "BULANAN"
    TRIWULAN = "TRIWULAN"
    SEMESTER = "SEMESTER"

    @property
    def periods_per_year(self) -> int:
        return {Cadence.BULANAN: 12, Cadence.TRIWULAN: 4, Cadence.SEMESTER: 2}[self]


class YearStatus(StrEnum):
    """Periode Penilaian: open for planning and work, or closed."""

    DIBUKA = "DIBUKA"
    DITUTUP = "DITUTUP"


class Approach(StrEnum):
    """Pendekatan SKP."""

    KUANTITATIF = "KUANTITATIF"
    KUALITATIF = "KUALITATIF"


class PlanStatus(StrEnum):
    """Status SKP (DOMAIN.md §3)."""

    DRAFT = "DRAFT"
    DIAJUKAN = "DIAJUKAN"
    DITOLAK = "DITOLAK"
    DITETAPKAN = "DITETAPKAN"
    REVISI_DRAFT = "REVISI_DRAFT"  # a set SKP being revised; the set version stays in force
    REVISI_DIAJUKAN = "REVISI_DIAJUKAN"


class BehindReason(StrEnum):
    """Why a pegawai counts as behind on the unit manager's list (Pegawai unit)."""

    SKP_NOT_SET = "SKP_NOT_SET"  # no SKP of the year, or not yet set by the Pejabat Penilai
    REALIZATION_LATE = "REALIZATION_LATE"  # IKI without a confirmed realisasi, deadline passed


class WorkResultKind(StrEnum):
    """Jenis RHK."""

    UTAMA = "UTAMA"
    TAMBAHAN = "TAMBAHAN"


class IndicatorAspect(StrEnum):
    """Aspek IKI."""

    KUANTITAS = "KUANTITAS"
    KUALITAS = "KUALITAS"
    WAKTU = "WAKTU"
    BIAYA = "BIAYA"


class Perspective(StrEnum):
    """Perspektif IKI in a JPT SKP [P]."""

    PENERIMA_LAYANAN = "PENERIMA_LAYANAN"
    PROSES_BISNIS = "PROSES_BISNIS"
    PENGUATAN_INTERNAL = "PENGUATAN_INTERNAL"
    ANGGARAN = "ANGGARAN"


class CoreValue(StrEnum):
    """The seven BerAKHLAK core values (SE MenPANRB 20/2021)."""

    BERORIENTASI_PELAYANAN = "BERORIENTASI_PELAYANAN"
    AKUNTABEL = "AKUNTABEL"
    KOMPETEN = "KOMPETEN"
    HARMONIS = "HARMONIS"
    LOYAL = "LOYAL"
    ADAPTIF = "ADAPTIF"
    KOLABORATIF = "KOLABORATIF"


class RealizationStatus(StrEnum):
    """A realisasi proposed from the work log, or confirmed by the pegawai."""

    USULAN = "USULAN"
    DIKONFIRMASI = "DIKONFIRMASI"


class EvidenceKind(StrEnum):
    """Bukti dukung: an uploaded file or a link."""

    FILE = "FILE"
    LINK = "LINK"


class FeedbackTarget(StrEnum):
    """What a feedback comment is about."""

    RHK = "RHK"
    IKI = "IKI"
    REALISASI = "REALISASI"
    PERILAKU = "PERILAKU"
    SKP = "SKP"


class CommentStatus(StrEnum):
    """Moderation of a survey comment before any public use."""

    MENUNGGU = "MENUNGGU"  # waiting for moderation
    DISETUJUI = "DISETUJUI"  # may be quoted publicly (anonymous)
    DITOLAK = "DITOLAK"  # not for publication
    DITERUSKAN = "DITERUSKAN"  # names an officer: internal input for the unit manager only


class TextReview(StrEnum):
    """Screening of a unit's published free text (a follow-up action) for officers' names/NIP."""

    BERSIH = "BERSIH"  # passed the screening: published with the release
    MENUNGGU = "MENUNGGU"  # looks like it names an officer: held until a moderator decides
    DISETUJUI = "DISETUJUI"  # a moderator (not its author) read it and let it be published
    DITOLAK = "DITOLAK"  # a moderator refused it: never published until the text is changed


PUBLISHABLE_REVIEWS = frozenset({TextReview.BERSIH, TextReview.DISETUJUI})


class SurveyChannel(StrEnum):
    """How the answer arrived."""

    FORMULIR = "FORMULIR"  # plain HTML form, no JavaScript
    APLIKASI = "APLIKASI"  # the SPA (JSON)


class Rating(StrEnum):
    """Rating Hasil Kerja / Rating Perilaku Kerja, and the per-RHK or per-value judgement."""

    DI_ATAS_EKSPEKTASI = "DI_ATAS_EKSPEKTASI"
    SESUAI_EKSPEKTASI = "SESUAI_EKSPEKTASI"
    DI_BAWAH_EKSPEKTASI = "DI_BAWAH_EKSPEKTASI"


class Predicate(StrEnum):
    """Predikat Kinerja Pegawai (DOMAIN.md §5), best first."""

    SANGAT_BAIK = "SANGAT_BAIK"
    BAIK = "BAIK"
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN"  # also called "Cukup"
    KURANG = "KURANG"  # Kurang/Misconduct
    SANGAT_KURANG = "SANGAT_KURANG"


class OrgPredicate(StrEnum):
    """Predikat Kinerja Organisasi (SE MenPANRB 3/2023)."""

    ISTIMEWA = "ISTIMEWA"
    BAIK = "BAIK"
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN"
    KURANG = "KURANG"
    SANGAT_KURANG = "SANGAT_KURANG"


class EvaluationKind(StrEnum):
    """Penilaian periodik or tahunan."""

    PERIODIK = "PERIODIK"
    TAHUNAN = "TAHUNAN"


class EvaluationStatus(StrEnum):
    """Life of an evaluation: the assessor drafts it, sets it, the pegawai acknowledges it."""

    DRAFT = "DRAFT"
    DITETAPKAN = "DITETAPKAN"
    DITERIMA = "DITERIMA"  # acknowledged by the pegawai


class ObjectionStatus(StrEnum):
    """Keberatan (PP 30/2019 Pasal 59)."""

    DIAJUKAN = "DIAJUKAN"
    DITOLAK = "DITOLAK"  # the result stands
    DIUBAH = "DIUBAH"  # the Atasan Pejabat Penilai changed the result


class CoachingStatus(StrEnum):
    """Rencana pembinaan for a low performer (6-month improvement window)."""

    BERJALAN = "BERJALAN"
    BERHASIL = "BERHASIL"
    TIDAK_BERHASIL = "TIDAK_BERHASIL"
