"""Phrase bank of the synthetic SKPs: RHK texts with their IKIs per kind of jabatan.

The texts follow the usual wording of SKP documents under PermenPANRB 6/2022 ("Terlaksananya …",
"Tersusunnya …") and the targets are plausible annual figures. A modest bank per job family is
enough for a believable demo; every jabatan without its own entry gets a generic one. Structural
jabatan (Kepala Bidang, Kepala Seksi, Lurah …) get texts built from their unit's name, and JPT
RHKs mirror the organisation goals (Perjanjian Kinerja) of their perangkat daerah.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from server.domain.enums import CoreValue, IndicatorAspect, UnitKind

_K = IndicatorAspect.KUANTITAS
_Q = IndicatorAspect.KUALITAS
_W = IndicatorAspect.WAKTU


@dataclass(frozen=True)
class IkiTemplate:
    """An IKI: aspect, text and annual target with its unit ("12 laporan", "95 %")."""

    aspect: IndicatorAspect
    text: str
    target: Decimal
    unit: str


@dataclass(frozen=True)
class RhkTemplate:
    """An RHK with one or two IKIs."""

    text: str
    indicators: tuple[IkiTemplate, ...]


def iki(aspect: IndicatorAspect, text: str, target: float | int, unit: str) -> IkiTemplate:
    return IkiTemplate(aspect, text, Decimal(str(target)), unit)


def rhk(text: str, *indicators: IkiTemplate) -> RhkTemplate:
    return RhkTemplate(text, indicators)


def on_time(what: str) -> IkiTemplate:
    return iki(_W, f"Ketepatan waktu {what}", 12, "bulan")


def share(text: str, target: float | int = 100) -> IkiTemplate:
    return iki(_Q, text, target, "%")


Bank = tuple[RhkTemplate, ...]

# --- jabatan fungsional ------------------------------------------------------------------

GURU: Bank = (
    rhk(
        "Terlaksananya pembelajaran yang berkualitas",
        iki(_K, "Jumlah jam tatap muka pembelajaran yang dilaksanakan", 864, "jam"),
        share(
            "Persentase peserta didik yang mencapai kriteria ketercapaian tujuan pembelajaran", 85
        ),
    ),
    rhk(
        "Tersusunnya perangkat pembelajaran sesuai Kurikulum Merdeka",
        iki(_K, "Jumlah modul ajar yang disusun", 24, "modul"),
        on_time("penyusunan perangkat pembelajaran"),
    ),
    rhk(
        "Terlaksananya asesmen dan pelaporan hasil belajar peserta didik",
        iki(_K, "Jumlah laporan hasil asesmen", 12, "laporan"),
    ),
    rhk(
        "Terlaksananya pengembangan keprofesian berkelanjutan",
        iki(_K, "Jumlah kegiatan pengembangan diri yang diikuti", 4, "kegiatan"),
    ),
)

PERAWAT: Bank = (
    rhk(
        "Terlaksananya asuhan keperawatan yang bermutu bagi pasien",
        iki(_K, "Jumlah pasien yang mendapat asuhan keperawatan", 1200, "pasien"),
        share("Persentase dokumentasi asuhan keperawatan yang lengkap", 95),
    ),
    rhk(
        "Terlaksananya tindakan keperawatan sesuai standar prosedur operasional",
        iki(_K, "Jumlah tindakan keperawatan", 2400, "tindakan"),
    ),
    rhk(
        "Terlaksananya edukasi kesehatan kepada pasien dan keluarga",
        iki(_K, "Jumlah sesi edukasi kesehatan", 48, "sesi"),
    ),
    rhk(
        "Meningkatnya keselamatan pasien di ruang perawatan",
        share("Persentase kepatuhan identifikasi pasien"),
    ),
)

BIDAN: Bank = (
    rhk(
        "Terlaksananya pelayanan kesehatan ibu hamil sesuai standar",
        iki(_K, "Jumlah ibu hamil yang mendapat pelayanan antenatal", 240, "orang"),
        share("Persentase pelayanan antenatal sesuai standar", 95),
    ),
    rhk(
        "Terlaksananya pelayanan ibu nifas dan bayi baru lahir",
        iki(_K, "Jumlah kunjungan nifas", 96, "kunjungan"),
    ),
    rhk(
        "Terlaksananya pelayanan keluarga berencana",
        iki(_K, "Jumlah akseptor KB yang dilayani", 180, "orang"),
    ),
    rhk(
        "Terlaksananya pemantauan tumbuh kembang balita",
        iki(_K, "Jumlah balita yang dipantau", 300, "balita"),
    ),
)

DOKTER: Bank = (
    rhk(
        "Terlaksananya pelayanan medis yang bermutu",
        iki(_K, "Jumlah pasien yang dilayani", 3000, "pasien"),
        share("Persentase rekam medis yang diisi lengkap", 95),
    ),
    rhk(
        "Terlaksananya rujukan pasien sesuai indikasi medis",
        share("Persentase rujukan sesuai indikasi medis"),
    ),
    rhk(
        "Terlaksananya upaya kesehatan masyarakat di wilayah kerja",
        iki(_K, "Jumlah kegiatan skrining dan penyuluhan", 24, "kegiatan"),
    ),
)

DOKTER_GIGI: Bank = (
    rhk(
        "Terlaksananya pelayanan kesehatan gigi dan mulut",
        iki(_K, "Jumlah pasien gigi yang dilayani", 1500, "pasien"),
        share("Persentase tindakan sesuai standar pelayanan", 95),
    ),
    rhk(
        "Terlaksananya usaha kesehatan gigi sekolah",
        iki(_K, "Jumlah sekolah yang dibina", 12, "sekolah"),
    ),
    DOKTER[2],
)

HEALTH_SPECIFIC: dict[str, RhkTemplate] = {
    "Apoteker": rhk(
        "Terlaksananya pelayanan kefarmasian yang aman dan bermutu",
        iki(_K, "Jumlah resep yang dikaji dan dilayani", 6000, "resep"),
    ),
    "Tenaga Teknis Kefarmasian": rhk(
        "Terkelolanya persediaan obat dan bahan medis habis pakai",
        share("Persentase ketersediaan obat esensial", 95),
    ),
    "Pranata Laboratorium Kesehatan": rhk(
        "Terlaksananya pemeriksaan laboratorium sesuai standar",
        iki(_K, "Jumlah sampel yang diperiksa", 3600, "sampel"),
    ),
    "Perekam Medis": rhk(
        "Terkelolanya rekam medis pasien secara lengkap dan tepat waktu",
        iki(_K, "Jumlah berkas rekam medis yang diolah", 6000, "berkas"),
    ),
    "Nutrisionis": rhk(
        "Terlaksananya pelayanan gizi bagi pasien dan masyarakat",
        iki(_K, "Jumlah konseling gizi", 240, "konseling"),
    ),
    "Tenaga Sanitasi Lingkungan": rhk(
        "Terlaksananya inspeksi kesehatan lingkungan",
        iki(_K, "Jumlah tempat yang diinspeksi", 120, "lokasi"),
    ),
    "Epidemiolog Kesehatan": rhk(
        "Terlaksananya surveilans penyakit menular",
        iki(_K, "Jumlah laporan surveilans mingguan", 52, "laporan"),
    ),
    "Penyuluh Kesehatan Masyarakat": rhk(
        "Terlaksananya promosi kesehatan kepada masyarakat",
        iki(_K, "Jumlah kegiatan penyuluhan kesehatan", 48, "kegiatan"),
    ),
    "Administrator Kesehatan": rhk(
        "Terkelolanya data dan administrasi program kesehatan",
        iki(_K, "Jumlah laporan program kesehatan", 12, "laporan"),
    ),
    "Radiografer": rhk(
        "Terlaksananya pemeriksaan radiologi sesuai standar",
        iki(_K, "Jumlah pemeriksaan radiologi", 2400, "pemeriksaan"),
    ),
    "Fisioterapis": rhk(
        "Terlaksananya pelayanan fisioterapi bagi pasien",
        iki(_K, "Jumlah sesi fisioterapi", 1200, "sesi"),
    ),
}

HEALTH_GENERIC: Bank = (
    rhk(
        "Terlaksananya pencatatan dan pelaporan pelayanan kesehatan",
        iki(_K, "Jumlah laporan pelayanan", 12, "laporan"),
        on_time("penyampaian laporan"),
    ),
    rhk(
        "Meningkatnya mutu dan keselamatan pelayanan kesehatan",
        share("Persentase kepatuhan terhadap standar prosedur operasional"),
    ),
    rhk(
        "Terlaksananya pengembangan kompetensi tenaga kesehatan",
        iki(_K, "Jumlah pelatihan atau seminar yang diikuti", 2, "kegiatan"),
    ),
)

PRANATA_KOMPUTER: Bank = (
    rhk(
        "Terlaksananya pemeliharaan aplikasi layanan publik",
        iki(_K, "Jumlah laporan pemeliharaan aplikasi", 12, "laporan"),
        share("Persentase ketersediaan (uptime) aplikasi", 99),
    ),
    rhk(
        "Terlaksananya pengembangan fitur aplikasi sesuai kebutuhan pengguna",
        iki(_K, "Jumlah fitur yang dikembangkan dan diuji", 24, "fitur"),
    ),
    rhk(
        "Terkelolanya infrastruktur jaringan dan pusat data",
        share("Persentase gangguan jaringan yang tertangani dalam 1x24 jam", 95),
    ),
    rhk(
        "Terlaksananya pendampingan pengguna aplikasi di perangkat daerah",
        iki(_K, "Jumlah sesi pendampingan pengguna", 24, "sesi"),
    ),
)

KEUANGAN: Bank = (
    rhk(
        "Terlaksananya verifikasi dokumen pertanggungjawaban keuangan",
        iki(_K, "Jumlah dokumen SPJ yang diverifikasi", 1200, "dokumen"),
        share("Persentase SPJ terverifikasi tepat waktu"),
    ),
    rhk(
        "Tersusunnya analisis anggaran dan realisasi keuangan",
        iki(_K, "Jumlah dokumen analisis keuangan", 12, "dokumen"),
    ),
    rhk(
        "Tersusunnya laporan keuangan perangkat daerah",
        on_time("penyampaian laporan keuangan"),
    ),
)

SDM: Bank = (
    rhk(
        "Terkelolanya data kepegawaian yang mutakhir",
        share("Persentase data pegawai yang mutakhir", 98),
    ),
    rhk(
        "Terlaksananya layanan administrasi kepegawaian",
        iki(_K, "Jumlah usulan layanan kepegawaian yang diproses", 600, "usulan"),
        iki(_W, "Rata-rata waktu penyelesaian layanan", 3, "hari"),
    ),
    rhk(
        "Terlaksananya pengelolaan kinerja pegawai",
        iki(_K, "Jumlah laporan pemantauan kinerja pegawai", 12, "laporan"),
    ),
)

PERENCANA: Bank = (
    rhk(
        "Tersusunnya dokumen perencanaan perangkat daerah",
        iki(_K, "Jumlah dokumen perencanaan yang disusun", 6, "dokumen"),
    ),
    rhk(
        "Terlaksananya pemantauan dan evaluasi capaian kinerja",
        iki(_K, "Jumlah laporan pemantauan dan evaluasi", 12, "laporan"),
        on_time("penyampaian laporan evaluasi"),
    ),
    rhk(
        "Tersusunnya laporan kinerja instansi pemerintah",
        iki(_K, "Jumlah laporan kinerja yang disusun", 1, "dokumen"),
    ),
)

AUDITOR: Bank = (
    rhk(
        "Terlaksananya audit kinerja dan keuangan perangkat daerah",
        iki(_K, "Jumlah laporan hasil audit", 12, "laporan"),
    ),
    rhk(
        "Terlaksananya reviu laporan keuangan dan laporan kinerja",
        iki(_K, "Jumlah laporan hasil reviu", 8, "laporan"),
    ),
    rhk(
        "Terpantaunya tindak lanjut hasil pemeriksaan",
        share("Persentase rekomendasi yang ditindaklanjuti", 90),
    ),
)

SATPOL: Bank = (
    rhk(
        "Terlaksananya penegakan peraturan daerah dan peraturan wali kota",
        iki(_K, "Jumlah operasi penertiban", 96, "operasi"),
    ),
    rhk(
        "Terselenggaranya ketenteraman dan ketertiban umum",
        share("Persentase pengaduan gangguan ketertiban yang ditangani"),
    ),
    rhk(
        "Terlaksananya pengamanan kegiatan pemerintahan",
        iki(_K, "Jumlah kegiatan yang diamankan", 48, "kegiatan"),
    ),
)

ARSIP_PUSTAKA: dict[str, Bank] = {
    "Arsiparis": (
        rhk(
            "Terkelolanya arsip dinamis perangkat daerah",
            iki(_K, "Jumlah berkas arsip yang ditata", 1200, "berkas"),
        ),
        rhk(
            "Terlaksananya pembinaan kearsipan di perangkat daerah",
            iki(_K, "Jumlah perangkat daerah yang dibina", 12, "perangkat daerah"),
        ),
    ),
    "Pustakawan": (
        rhk(
            "Terlaksananya layanan perpustakaan kepada pemustaka",
            iki(_K, "Jumlah pemustaka yang dilayani", 6000, "orang"),
        ),
        rhk(
            "Terkelolanya koleksi bahan pustaka",
            iki(_K, "Jumlah eksemplar yang diolah", 1200, "eksemplar"),
        ),
    ),
}

PENDIDIKAN_PEMBINA: Bank = (
    rhk(
        "Terlaksananya pembinaan dan pendampingan satuan pendidikan",
        iki(_K, "Jumlah kunjungan pembinaan", 48, "kunjungan"),
    ),
    rhk(
        "Terlaksananya pemantauan mutu pendidikan",
        iki(_K, "Jumlah laporan pemantauan mutu", 12, "laporan"),
    ),
)

PENYULUH: Bank = (
    rhk(
        "Terlaksananya penyuluhan kepada kelompok sasaran",
        iki(_K, "Jumlah kegiatan penyuluhan", 48, "kegiatan"),
    ),
    rhk(
        "Terlaksananya pendampingan kelompok masyarakat",
        iki(_K, "Jumlah kelompok yang didampingi", 24, "kelompok"),
    ),
    rhk(
        "Tersusunnya data dan laporan hasil penyuluhan",
        iki(_K, "Jumlah laporan hasil penyuluhan", 12, "laporan"),
    ),
)

TEKNIK: Bank = (
    rhk(
        "Terlaksananya pengawasan teknis pekerjaan fisik",
        iki(_K, "Jumlah paket pekerjaan yang diawasi", 24, "paket"),
        share("Persentase pekerjaan sesuai spesifikasi teknis", 95),
    ),
    rhk(
        "Tersusunnya dokumen perencanaan teknis",
        iki(_K, "Jumlah dokumen perencanaan teknis", 6, "dokumen"),
    ),
    rhk(
        "Terlaksananya pemeriksaan dan pendataan kondisi prasarana",
        iki(_K, "Jumlah laporan pemeriksaan prasarana", 12, "laporan"),
    ),
)

FUNGSIONAL_SPECIFIC: dict[str, RhkTemplate] = {
    "Penguji Kendaraan Bermotor": rhk(
        "Terlaksananya pengujian berkala kendaraan bermotor",
        iki(_K, "Jumlah kendaraan yang diuji", 6000, "kendaraan"),
    ),
    "Penera": rhk(
        "Terlaksananya tera dan tera ulang alat ukur, takar, timbang dan perlengkapannya",
        iki(_K, "Jumlah alat UTTP yang ditera", 2400, "alat"),
    ),
    "Inspektur Kebakaran": rhk(
        "Terlaksananya penanganan kebakaran dan penyelamatan",
        share("Persentase kejadian yang ditangani sesuai waktu tanggap", 90),
    ),
    "Analis Kebakaran": rhk(
        "Terlaksananya inspeksi sarana proteksi kebakaran",
        iki(_K, "Jumlah bangunan yang diinspeksi", 60, "bangunan"),
    ),
    "Analis Kebencanaan": rhk(
        "Tersusunnya kajian risiko bencana",
        iki(_K, "Jumlah dokumen kajian risiko", 2, "dokumen"),
    ),
    "Penata Penanggulangan Bencana": rhk(
        "Terlaksananya kesiapsiagaan dan respons kedaruratan bencana",
        share("Persentase kejadian bencana yang direspons dalam 24 jam"),
    ),
    "Analis Hukum": rhk(
        "Terlaksananya telaah dan pendampingan hukum",
        iki(_K, "Jumlah telaah hukum", 36, "telaah"),
    ),
    "Perancang Peraturan Perundang-undangan": rhk(
        "Tersusunnya rancangan produk hukum daerah",
        iki(_K, "Jumlah rancangan produk hukum", 24, "rancangan"),
    ),
    "Analis Kebijakan": rhk(
        "Tersusunnya rekomendasi kebijakan berbasis kajian",
        iki(_K, "Jumlah rekomendasi kebijakan", 6, "rekomendasi"),
    ),
    "Pranata Hubungan Masyarakat": rhk(
        "Terpublikasikannya informasi kegiatan pemerintah daerah",
        iki(_K, "Jumlah berita dan konten yang dipublikasikan", 240, "konten"),
    ),
    "Sandiman": rhk(
        "Terlaksananya pengamanan informasi dan persandian",
        share("Persentase insiden keamanan informasi yang tertangani"),
    ),
    "Statistisi": rhk(
        "Tersedianya data statistik sektoral",
        iki(_K, "Jumlah set data yang diterbitkan", 12, "set data"),
    ),
    "Pengelola Pengadaan Barang/Jasa": rhk(
        "Terlaksananya pemilihan penyedia barang/jasa",
        iki(_K, "Jumlah paket pengadaan yang diproses", 40, "paket"),
    ),
    "Penata Perizinan": rhk(
        "Terlaksananya pelayanan perizinan yang tepat waktu",
        iki(_K, "Jumlah izin yang diproses", 1200, "izin"),
        iki(_W, "Rata-rata waktu penerbitan izin", 3, "hari"),
    ),
    "Administrator Database Kependudukan": rhk(
        "Terkelolanya basis data kependudukan",
        share("Persentase data kependudukan yang valid", 99),
    ),
    "Analis Ketahanan Pangan": rhk(
        "Tersusunnya analisis ketersediaan dan kerawanan pangan",
        iki(_K, "Jumlah laporan analisis pangan", 12, "laporan"),
    ),
    "Pengawas Perdagangan": rhk(
        "Terlaksananya pengawasan barang beredar dan jasa",
        iki(_K, "Jumlah pelaku usaha yang diawasi", 120, "pelaku usaha"),
    ),
    "Pengendali Dampak Lingkungan": rhk(
        "Terlaksananya pengawasan ketaatan pengelolaan lingkungan",
        iki(_K, "Jumlah usaha/kegiatan yang diawasi", 36, "usaha"),
    ),
    "Pamong Budaya": rhk(
        "Terlaksananya pelestarian cagar budaya dan objek pemajuan kebudayaan",
        iki(_K, "Jumlah objek budaya yang didata", 24, "objek"),
    ),
    "Pekerja Sosial": rhk(
        "Terlaksananya pendampingan sosial bagi penerima manfaat",
        iki(_K, "Jumlah penerima manfaat yang didampingi", 120, "orang"),
    ),
    "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah": AUDITOR[0],
    "Medik Veteriner": rhk(
        "Terlaksananya pelayanan kesehatan hewan",
        iki(_K, "Jumlah hewan yang diperiksa", 600, "ekor"),
    ),
    "Paramedik Veteriner": rhk(
        "Terlaksananya vaksinasi dan pengobatan hewan",
        iki(_K, "Jumlah hewan yang divaksin", 900, "ekor"),
    ),
}

FUNGSIONAL_GENERIC: Bank = (
    rhk(
        "Terlaksananya kegiatan teknis sesuai bidang keahlian",
        iki(_K, "Jumlah kegiatan teknis yang diselesaikan", 24, "kegiatan"),
    ),
    rhk(
        "Tersusunnya laporan hasil kerja jabatan fungsional",
        iki(_K, "Jumlah laporan hasil kerja", 12, "laporan"),
        on_time("penyampaian laporan"),
    ),
    rhk(
        "Meningkatnya kualitas layanan kepada pemangku kepentingan",
        share("Persentase pemangku kepentingan yang puas", 85),
    ),
)

# --- pelaksana ---------------------------------------------------------------------------

PELAKSANA: dict[str, Bank] = {
    "Pengadministrasi Perkantoran": (
        rhk(
            "Terlaksananya pengelolaan surat masuk dan surat keluar",
            iki(_K, "Jumlah surat yang diagendakan dan didistribusikan", 1200, "surat"),
            on_time("pendistribusian surat"),
        ),
        rhk(
            "Tertatanya arsip dan dokumen unit kerja",
            iki(_K, "Jumlah berkas yang ditata", 600, "berkas"),
        ),
        rhk(
            "Terlaksananya administrasi perkantoran unit kerja",
            iki(_K, "Jumlah laporan administrasi", 12, "laporan"),
        ),
    ),
    "Operator Layanan Operasional": (
        rhk(
            "Terlaksananya layanan kepada masyarakat di loket pelayanan",
            iki(_K, "Jumlah layanan yang diberikan", 2400, "layanan"),
        ),
        rhk(
            "Terpeliharanya sarana dan prasarana kerja",
            share("Persentase sarana kerja dalam kondisi baik", 95),
        ),
        rhk(
            "Terlaksananya dukungan operasional kegiatan unit kerja",
            iki(_K, "Jumlah kegiatan yang didukung", 48, "kegiatan"),
        ),
    ),
    "Pengolah Data dan Informasi": (
        rhk(
            "Terolahnya data dan informasi unit kerja",
            iki(_K, "Jumlah laporan pengolahan data", 12, "laporan"),
            share("Persentase data yang valid", 98),
        ),
        rhk(
            "Termutakhirkannya basis data layanan",
            iki(_K, "Jumlah rekaman data yang dimutakhirkan", 1200, "rekaman"),
        ),
        rhk(
            "Tersajikannya informasi pada laman dan media sosial",
            iki(_K, "Jumlah konten informasi yang disajikan", 120, "konten"),
        ),
    ),
    "Pengelola Layanan Operasional": (
        rhk(
            "Terkelolanya layanan operasional dan kerumahtanggaan",
            iki(_K, "Jumlah laporan layanan operasional", 12, "laporan"),
        ),
        rhk(
            "Terlaksananya pengelolaan barang milik daerah",
            iki(_K, "Jumlah laporan inventaris barang", 12, "laporan"),
            on_time("penyampaian laporan inventaris"),
        ),
        rhk(
            "Terlaksananya pemeliharaan kendaraan dinas dan gedung",
            iki(_K, "Jumlah kegiatan pemeliharaan", 24, "kegiatan"),
        ),
    ),
    "Penata Layanan Operasional": (
        rhk(
            "Tertatanya layanan administrasi teknis unit kerja",
            iki(_K, "Jumlah berkas layanan yang diproses", 240, "berkas"),
        ),
        rhk(
            "Tersusunnya bahan koordinasi dan laporan pimpinan",
            iki(_K, "Jumlah bahan dan laporan yang disusun", 12, "laporan"),
        ),
        rhk(
            "Terlaksananya verifikasi kelengkapan dokumen layanan",
            share("Persentase dokumen yang diverifikasi tepat waktu"),
        ),
    ),
    "Pengelola Keuangan": (
        rhk(
            "Tersusunnya dokumen pertanggungjawaban keuangan",
            iki(_K, "Jumlah SPJ yang disusun", 600, "SPJ"),
            on_time("penyusunan SPJ"),
        ),
        rhk(
            "Terlaksananya penatausahaan belanja unit kerja",
            iki(_K, "Jumlah SPP/SPM yang diproses", 240, "dokumen"),
        ),
        rhk(
            "Tersusunnya laporan realisasi anggaran",
            iki(_K, "Jumlah laporan realisasi anggaran", 12, "laporan"),
        ),
    ),
}

PELAKSANA_GENERIC: Bank = PELAKSANA["Pengadministrasi Perkantoran"]


def _family_bank(family: str) -> Bank:
    if family == "Guru":
        return GURU
    if family == "Perawat":
        return PERAWAT
    if family == "Bidan":
        return BIDAN
    if family == "Dokter":
        return DOKTER
    if family == "Dokter Gigi":
        return DOKTER_GIGI
    if family in HEALTH_SPECIFIC:
        return (HEALTH_SPECIFIC[family], *HEALTH_GENERIC)
    if family == "Pranata Komputer":
        return PRANATA_KOMPUTER
    if family == "Analis Keuangan Pusat dan Daerah":
        return KEUANGAN
    if "Sumber Daya Manusia Aparatur" in family:
        return SDM
    if family == "Perencana":
        return PERENCANA
    if family == "Auditor":
        return AUDITOR
    if family == "Polisi Pamong Praja":
        return SATPOL
    if family in ARSIP_PUSTAKA:
        return ARSIP_PUSTAKA[family]
    if family in ("Pengawas Sekolah", "Penilik", "Pamong Belajar"):
        return PENDIDIKAN_PEMBINA
    if family.startswith("Penyuluh"):
        return PENYULUH
    if family.startswith("Teknik") or family == "Penata Ruang":
        return TEKNIK
    if family in FUNGSIONAL_SPECIFIC:
        return (FUNGSIONAL_SPECIFIC[family], *FUNGSIONAL_GENERIC[:2])
    return FUNGSIONAL_GENERIC


_LEVEL_SUFFIXES = (
    " Ahli Pertama",
    " Ahli Muda",
    " Ahli Madya",
    " Ahli Utama",
    " Pemula",
    " Terampil",
    " Mahir",
    " Penyelia",
)


def family_of(position_name: str) -> str:
    """ "Pranata Komputer Ahli Pertama" → "Pranata Komputer"."""
    for suffix in _LEVEL_SUFFIXES:
        if position_name.endswith(suffix):
            return position_name.removesuffix(suffix)
    return position_name


def fungsional_bank(position_name: str) -> Bank:
    return _family_bank(family_of(position_name))


def pelaksana_bank(position_name: str) -> Bank:
    return PELAKSANA.get(position_name, PELAKSANA_GENERIC)


# --- structural jabatan: texts built from the unit they lead -----------------------------


def structural_bank(unit_name: str, unit_kind: UnitKind, *, administrator: bool) -> Bank:
    """RHKs of a Kepala Bidang/Seksi/Subbagian, Sekretaris, Camat, Lurah, Kepala UPTD …"""
    report = rhk(
        f"Tersusunnya laporan kinerja dan pelaksanaan kegiatan {unit_name}",
        iki(_K, "Jumlah laporan pelaksanaan kegiatan", 12, "laporan"),
        on_time("penyampaian laporan"),
    )
    staff = rhk(
        f"Terlaksananya pembinaan dan pengendalian kinerja pegawai {unit_name}",
        share("Persentase pegawai yang mencapai target kinerja", 90),
    )
    if unit_kind in (UnitKind.KECAMATAN, UnitKind.KELURAHAN):
        service = rhk(
            f"Terselenggaranya pelayanan administrasi kepada masyarakat di {unit_name}",
            iki(_K, "Jumlah layanan administrasi yang diselesaikan", 1800, "layanan"),
            share("Indeks kepuasan masyarakat terhadap layanan", 85),
        )
        community = rhk(
            f"Terkoordinasinya kegiatan pemberdayaan masyarakat di {unit_name}",
            iki(_K, "Jumlah kegiatan pemberdayaan yang difasilitasi", 24, "kegiatan"),
        )
        return (service, community, report, staff)
    if unit_kind in (UnitKind.SEKRETARIAT, UnitKind.SUBBAGIAN):
        support = rhk(
            f"Terselenggaranya layanan administrasi umum, kepegawaian dan keuangan {unit_name}",
            share("Persentase layanan administrasi yang diselesaikan tepat waktu", 95),
        )
        return (support, report, staff)
    if unit_kind is UnitKind.UPTD:
        service = rhk(
            f"Terselenggaranya pelayanan {unit_name} sesuai standar pelayanan minimal",
            share("Persentase capaian standar pelayanan minimal", 95),
        )
        return (service, report, staff)
    program = rhk(
        f"Terlaksananya program dan kegiatan {unit_name}"
        if administrator
        else f"Terlaksananya kegiatan {unit_name} sesuai rencana",
        share("Persentase kegiatan yang terlaksana sesuai jadwal", 95),
        iki(_K, "Jumlah kegiatan yang dilaksanakan", 12, "kegiatan"),
    )
    policy = rhk(
        f"Tersusunnya bahan kebijakan teknis {unit_name}",
        iki(_K, "Jumlah bahan kebijakan yang disusun", 4, "dokumen"),
    )
    return (program, policy, report, staff)


# --- organisation goals (Perjanjian Kinerja) ---------------------------------------------


@dataclass(frozen=True)
class GoalTemplate:
    """A target of a perangkat daerah: text, indicator and annual target ("85 %")."""

    text: str
    indicator: str
    target: Decimal
    unit: str


def goal(text: str, indicator: str, target: float | int, unit: str) -> GoalTemplate:
    return GoalTemplate(text, indicator, Decimal(str(target)), unit)


ORG_GOALS: dict[str, tuple[GoalTemplate, ...]] = {
    "SETDA": (
        goal(
            "Meningkatnya kualitas tata kelola pemerintahan daerah",
            "Indeks reformasi birokrasi",
            75,
            "nilai",
        ),
        goal(
            "Meningkatnya efektivitas koordinasi perangkat daerah",
            "Persentase rekomendasi koordinasi yang ditindaklanjuti",
            90,
            "%",
        ),
    ),
    "DISKOMINFO": (
        goal(
            "Meningkatnya kualitas tata kelola Sistem Pemerintahan Berbasis Elektronik",
            "Indeks SPBE",
            3.5,
            "indeks",
        ),
        goal(
            "Meningkatnya keterbukaan informasi publik",
            "Persentase permohonan informasi yang dilayani tepat waktu",
            100,
            "%",
        ),
    ),
    "DINKES": (
        goal(
            "Meningkatnya derajat kesehatan masyarakat",
            "Persentase puskesmas yang memenuhi standar pelayanan minimal",
            100,
            "%",
        ),
        goal("Menurunnya prevalensi stunting", "Prevalensi stunting pada balita", 10, "%"),
    ),
    "RSUD": (
        goal("Meningkatnya mutu pelayanan rumah sakit", "Indeks kepuasan pasien", 85, "nilai"),
        goal(
            "Meningkatnya keselamatan pasien",
            "Persentase insiden keselamatan pasien yang ditindaklanjuti",
            100,
            "%",
        ),
    ),
    "DISDIKBUD": (
        goal(
            "Meningkatnya mutu dan pemerataan layanan pendidikan",
            "Rata-rata nilai rapor pendidikan",
            70,
            "nilai",
        ),
        goal(
            "Meningkatnya pelestarian kebudayaan daerah",
            "Jumlah objek budaya yang dilestarikan",
            24,
            "objek",
        ),
    ),
    "DPUPR": (
        goal(
            "Meningkatnya kualitas infrastruktur jalan dan jembatan",
            "Persentase jalan kota dalam kondisi mantap",
            92,
            "%",
        ),
        goal(
            "Meningkatnya layanan air bersih dan drainase",
            "Persentase kawasan bebas genangan",
            95,
            "%",
        ),
    ),
    "DISDUKCAPIL": (
        goal(
            "Meningkatnya kualitas layanan administrasi kependudukan",
            "Persentase penduduk yang memiliki KTP elektronik",
            99,
            "%",
        ),
        goal(
            "Meningkatnya kepemilikan dokumen kependudukan anak",
            "Persentase anak yang memiliki akta kelahiran",
            98,
            "%",
        ),
    ),
    "BKPSDM": (
        goal(
            "Meningkatnya profesionalitas aparatur sipil negara",
            "Indeks profesionalitas ASN",
            80,
            "nilai",
        ),
        goal(
            "Meningkatnya kualitas manajemen kinerja pegawai",
            "Persentase pegawai yang SKP-nya ditetapkan tepat waktu",
            100,
            "%",
        ),
    ),
    "BPKPD": (
        goal(
            "Meningkatnya akuntabilitas pengelolaan keuangan daerah",
            "Opini BPK atas laporan keuangan",
            1,
            "opini WTP",
        ),
        goal(
            "Meningkatnya pendapatan asli daerah",
            "Persentase realisasi pendapatan asli daerah",
            100,
            "%",
        ),
    ),
    "BAPPEDA": (
        goal(
            "Meningkatnya kualitas perencanaan pembangunan daerah",
            "Persentase keselarasan program RKPD dan RPJMD",
            100,
            "%",
        ),
    ),
    "INSPEKTORAT": (
        goal("Meningkatnya kualitas pengawasan internal", "Level kapabilitas APIP", 3, "level"),
        goal(
            "Meningkatnya tindak lanjut hasil pemeriksaan",
            "Persentase rekomendasi yang ditindaklanjuti",
            90,
            "%",
        ),
    ),
    "SATPOLPP": (
        goal(
            "Meningkatnya ketenteraman dan ketertiban umum",
            "Persentase penegakan peraturan daerah",
            100,
            "%",
        ),
    ),
    "DINSOS": (
        goal(
            "Meningkatnya pelayanan kesejahteraan sosial",
            "Persentase PPKS yang tertangani",
            90,
            "%",
        ),
    ),
    "DISHUB": (
        goal(
            "Meningkatnya keselamatan dan kelancaran lalu lintas",
            "Persentase ruas jalan dengan manajemen lalu lintas memadai",
            85,
            "%",
        ),
    ),
    "DLH": (
        goal(
            "Meningkatnya kualitas lingkungan hidup",
            "Indeks kualitas lingkungan hidup",
            70,
            "nilai",
        ),
        goal("Meningkatnya pengelolaan sampah", "Persentase sampah yang tertangani", 90, "%"),
    ),
    "DPMPTSP": (
        goal(
            "Meningkatnya kualitas pelayanan perizinan",
            "Indeks kepuasan masyarakat pelayanan perizinan",
            88,
            "nilai",
        ),
    ),
}

GENERIC_GOALS: tuple[Callable[[str], GoalTemplate], ...] = (
    lambda name: goal(
        f"Meningkatnya kualitas pelayanan publik {name}", "Indeks kepuasan masyarakat", 85, "nilai"
    ),
    lambda name: goal(
        f"Meningkatnya akuntabilitas kinerja {name}", "Nilai evaluasi SAKIP", 75, "nilai"
    ),
    lambda name: goal(
        f"Meningkatnya kualitas pengelolaan anggaran {name}",
        "Persentase realisasi anggaran",
        95,
        "%",
    ),
)


def goals_for(unit_code: str, unit_name: str) -> tuple[GoalTemplate, ...]:
    """Two to four goals: the unit's own, topped up with generic ones."""
    own = ORG_GOALS.get(unit_code, ())
    generic = tuple(make(unit_name) for make in GENERIC_GOALS)
    return (*own, *generic)[: max(3, len(own) + 1)]


# --- behaviour expectations, lampiran, feedback replies, dialogues ------------------------

EXPECTATIONS: dict[CoreValue, tuple[str, ...]] = {
    CoreValue.BERORIENTASI_PELAYANAN: (
        "Menanggapi setiap pengaduan masyarakat paling lambat dua hari kerja.",
        "Menjadi contoh sikap ramah dan solutif di loket pelayanan.",
    ),
    CoreValue.AKUNTABEL: (
        "Melaporkan realisasi dan bukti dukung setiap bulan tanpa menunggu diingatkan.",
        "Menyusun pertanggungjawaban kegiatan secara cermat dan tepat waktu.",
    ),
    CoreValue.KOMPETEN: (
        "Mengikuti sekurang-kurangnya satu pelatihan yang relevan tahun ini dan berbagi hasilnya.",
        "Membimbing rekan baru dalam penggunaan aplikasi kerja.",
    ),
    CoreValue.HARMONIS: ("Membangun suasana kerja yang saling menghargai di dalam tim.",),
    CoreValue.LOYAL: ("Menjaga kerahasiaan data pribadi masyarakat yang dikelola.",),
    CoreValue.ADAPTIF: (
        "Memanfaatkan aplikasi baru untuk mempercepat layanan.",
        "Mengusulkan sekurang-kurangnya satu inovasi perbaikan proses kerja.",
    ),
    CoreValue.KOLABORATIF: ("Aktif berkoordinasi dengan unit lain dalam kegiatan lintas bidang.",),
}

LAMPIRAN_RESOURCES = "Anggaran kegiatan unit kerja, sarana kerja kantor, dan aplikasi e-Kinerja."
LAMPIRAN_ACCOUNTABILITY = (
    "Realisasi dan bukti dukung dilaporkan setiap bulan kepada Pejabat Penilai Kinerja melalui "
    "e-Kinerja."
)
LAMPIRAN_CONSEQUENCES = (
    "Capaian kinerja menjadi dasar penilaian kinerja periodik dan tahunan serta pengembangan "
    "kompetensi."
)

OWNER_REPLIES: tuple[str, ...] = (
    "Terima kasih, akan segera saya tindak lanjuti.",
    "Baik, bukti dukung akan saya lengkapi minggu ini.",
    "Siap, kendalanya sudah saya koordinasikan dengan rekan di unit terkait.",
    "Terima kasih atas arahannya.",
    "Mohon izin, keterlambatan karena menunggu data dari perangkat daerah lain.",
)

ASSESSOR_FOLLOW_UPS: tuple[str, ...] = (
    "Baik, saya tunggu pembaruannya.",
    "Terima kasih, sudah saya periksa.",
    "Silakan jadwalkan konsultasi bila masih ada kendala.",
)

REJECTION_REASONS: tuple[str, ...] = (
    "IKI pada RHK pertama belum terukur; mohon cantumkan target angka dan satuannya.",
    "RHK belum selaras dengan RHK atasan yang diintervensi; mohon disesuaikan.",
    "Target kuantitas terlalu rendah dibanding tahun lalu; mohon ditinjau kembali.",
)

DIALOGUE_SUMMARIES: tuple[tuple[str, str], ...] = (
    (
        "Membahas capaian realisasi triwulan berjalan dan kendala pengumpulan bukti dukung.",
        "Pegawai melengkapi bukti dukung bulan lalu; penilai memantau pada dialog berikutnya.",
    ),
    (
        "Evaluasi kemajuan RHK utama; capaian kuantitas sesuai rencana, kualitas perlu ditingkatkan.",
        "Pegawai mengikuti pelatihan teknis yang relevan; target kualitas ditinjau bulan depan.",
    ),
    (
        "Dialog kinerja berkala: umpan balik atas perilaku kerja dan rencana pengembangan kompetensi.",
        "Menyusun rencana pengembangan kompetensi sebelum akhir triwulan.",
    ),
)

WORK_DETAILS: tuple[str, ...] = (
    "penyiapan bahan",
    "pelaksanaan kegiatan",
    "koordinasi dengan tim",
    "penyusunan laporan",
    "tindak lanjut hasil rapat",
    "pendokumentasian kegiatan",
    "pemeriksaan hasil kerja",
)

_VERBS: tuple[tuple[str, str], ...] = (
    ("Terlaksananya ", "Melaksanakan "),
    ("Tersusunnya ", "Menyusun "),
    ("Terkelolanya ", "Mengelola "),
    ("Terpeliharanya ", "Memelihara "),
    ("Terolahnya ", "Mengolah "),
    ("Termutakhirkannya ", "Memutakhirkan "),
    ("Tersajikannya ", "Menyajikan "),
    ("Terpublikasikannya ", "Memublikasikan "),
    ("Terpantaunya ", "Memantau "),
    ("Tertatanya ", "Menata "),
    ("Terkoordinasinya ", "Mengoordinasikan "),
    ("Terselenggaranya ", "Menyelenggarakan "),
    ("Tersedianya ", "Menyediakan "),
    ("Meningkatnya ", "Meningkatkan "),
    ("Menurunnya ", "Menurunkan "),
)


@functools.lru_cache(maxsize=4096)
def activity_of(rhk_text: str) -> str:
    """The activity behind an RHK: "Tersusunnya laporan …" → "Menyusun laporan …"."""
    for result, verb in _VERBS:
        if rhk_text.startswith(result):
            return verb + rhk_text.removeprefix(result)
    return f"Melaksanakan kegiatan: {rhk_text[0].lower()}{rhk_text[1:]}"
