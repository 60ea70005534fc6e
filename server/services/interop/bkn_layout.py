"""The column layout shared with BKN e-Kinerja, as data.

Export, import and docs/interop-bkn.md all read these tuples, so the three cannot drift apart
(a test renders the table from here and checks the document contains it). The official BKN column
names are not published in this project's sources: this is our documented layout, one column per
BKN e-Kinerja field, with the mapping assumptions listed in the document.
"""

from __future__ import annotations

from dataclasses import dataclass

LAYOUT_VERSION = 1
SKP_LAYOUT = "kinerja-salatiga/bkn-skp"
EVALUATION_LAYOUT = "kinerja-salatiga/bkn-penilaian"


@dataclass(frozen=True)
class Column:
    name: str
    label: str  # Indonesian, as BKN e-Kinerja shows the field
    description: str
    required: bool = True  # must be present in an imported header (the cell may still be empty)
    max_length: int = 200


SKP_COLUMNS: tuple[Column, ...] = (
    Column("nip_pegawai", "NIP Pegawai", "18 digit, tanpa spasi."),
    Column("nama_pegawai", "Nama Pegawai", "Informasi saja; diabaikan saat impor.", False),
    Column("nip_penilai", "NIP Pejabat Penilai Kinerja", "18 digit."),
    Column("nama_penilai", "Nama Pejabat Penilai", "Informasi saja; diabaikan saat impor.", False),
    Column("tahun", "Tahun / Periode SKP", "Tahun penilaian, mis. 2026."),
    Column("pendekatan", "Pendekatan", "KUANTITATIF atau KUALITATIF."),
    Column("status", "Status SKP", "DITETAPKAN (hanya SKP yang sudah ditetapkan)."),
    Column(
        "tanggal_penetapan",
        "Tanggal Penetapan",
        "TTTT-BB-HH (WIB); kosong = tanggal impor.",
        False,
    ),
    Column(
        "no_rhk", "Nomor RHK", "Urutan RHK dalam SKP, mulai 1; baris ber-no_rhk sama = satu RHK."
    ),
    Column("jenis_rhk", "Jenis RHK", "UTAMA atau TAMBAHAN."),
    Column("rhk", "Rencana Hasil Kerja", "Uraian RHK.", max_length=1000),
    Column(
        "nip_atasan_rhk",
        "NIP pemilik RHK atasan yang diintervensi",
        "NIP Pejabat Penilai (sama dengan nip_penilai); kosong untuk JPT atau tanpa kaitan.",
    ),
    Column(
        "rhk_atasan",
        "RHK Atasan yang Diintervensi",
        "Uraian RHK atasan, persis seperti di SKP atasan tahun yang sama.",
        max_length=1000,
    ),
    Column(
        "sasaran_organisasi",
        "Sasaran / Perjanjian Kinerja Organisasi",
        "Hanya RHK JPT: uraian sasaran organisasi unitnya (harus sudah ada).",
        False,
        500,
    ),
    Column("no_iki", "Nomor IKI", "Urutan IKI dalam RHK, mulai 1; kosong bila RHK tanpa IKI."),
    Column("aspek", "Aspek", "KUANTITAS, KUALITAS, WAKTU atau BIAYA."),
    Column("indikator", "Indikator Kinerja Individu", "Uraian IKI.", max_length=1000),
    Column("target", "Target", "Angka, titik sebagai pemisah desimal (mis. 12 atau 99.5)."),
    Column("satuan", "Satuan Target", "Mis. dokumen, %, bulan.", max_length=60),
    Column(
        "target_kualitatif",
        "Target (Kualitatif)",
        "Uraian target untuk pendekatan kualitatif.",
        False,
        1000,
    ),
    Column(
        "perspektif",
        "Perspektif",
        "Hanya JPT: PENERIMA_LAYANAN, PROSES_BISNIS, PENGUATAN_INTERNAL, ANGGARAN.",
        False,
    ),
)

EVALUATION_COLUMNS: tuple[Column, ...] = (
    Column("nip_pegawai", "NIP Pegawai", "18 digit."),
    Column("nama_pegawai", "Nama Pegawai", "Dari identitas yang dibekukan saat penetapan."),
    Column("nip_penilai", "NIP Pejabat Penilai Kinerja", "18 digit."),
    Column("tahun", "Tahun", "Tahun penilaian."),
    Column("jenis_penilaian", "Jenis Penilaian", "PERIODIK atau TAHUNAN."),
    Column("periode", "Periode", "Mis. 'Bulan 3', 'Triwulan II', 'Tahunan'."),
    Column("nomor_periode", "Nomor Periode", "1-based dalam tahun; kosong untuk TAHUNAN."),
    Column("periode_mulai", "Awal Periode", "TTTT-BB-HH."),
    Column("periode_selesai", "Akhir Periode", "TTTT-BB-HH."),
    Column(
        "rating_hasil_kerja",
        "Rating Hasil Kerja",
        "DI_ATAS_EKSPEKTASI, SESUAI_EKSPEKTASI, DI_BAWAH_EKSPEKTASI.",
    ),
    Column(
        "rating_perilaku", "Rating Perilaku Kerja", "Nilai yang sama dengan rating hasil kerja."
    ),
    Column(
        "predikat",
        "Predikat Kinerja Pegawai",
        "SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG.",
    ),
    Column("status", "Status", "DITETAPKAN atau DITERIMA (diterima pegawai)."),
    Column("tanggal_penetapan", "Tanggal Penetapan", "TTTT-BB-HH (WIB)."),
)

SKP_REQUIRED = tuple(c.name for c in SKP_COLUMNS if c.required)
SKP_OPTIONAL = tuple(c.name for c in SKP_COLUMNS if not c.required)
SKP_BY_NAME = {c.name: c for c in SKP_COLUMNS}
IKI_COLUMNS = (
    "no_iki",
    "aspek",
    "indikator",
    "target",
    "satuan",
    "target_kualitatif",
    "perspektif",
)


def markdown_table(columns: tuple[Column, ...]) -> str:
    """The documentation table of a layout (docs/interop-bkn.md embeds it; a test compares)."""
    lines = ["| Kolom | Medan BKN e-Kinerja | Isi | Wajib di judul |", "|---|---|---|---|"]
    for c in columns:
        lines.append(
            f"| `{c.name}` | {c.label} | {c.description} | {'ya' if c.required else 'tidak'} |"
        )
    return "\n".join(lines)
