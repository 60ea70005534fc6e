"""The methodology of a release: what each published number means and how it is protected.

The version is stored in every release; change it (and this text) whenever a definition changes,
so a reader can tell which releases are comparable.
"""

from __future__ import annotations

from dataclasses import dataclass

METHODOLOGY_VERSION = "1.0"


@dataclass(frozen=True)
class Definition:
    key: str
    formula: str
    description_id: str
    description_en: str


DEFINITIONS: tuple[Definition, ...] = (
    Definition(
        "headcount",
        "pegawai aktif dengan jabatan di unit atau sub-unitnya pada akhir periode",
        "Jumlah pegawai ASN aktif (termasuk sub-unit) pada tanggal akhir periode.",
        "Active civil servants of the unit and its sub-units on the last day of the period.",
    ),
    Definition(
        "directHeadcount",
        "headcount − Σ headcount sub-unit",
        "Pegawai yang jabatannya langsung di unit ini (tanpa sub-unit).",
        "Staff whose position is in the unit itself (without sub-units).",
    ),
    Definition(
        "skpCoveragePct",
        "100 × pegawai dengan SKP berstatus DITETAPKAN (atau sedang direvisi) / headcount",
        "Persentase pegawai yang SKP tahunnya sudah ditetapkan.",
        "Share of staff whose SKP for the year has been approved (or is under revision).",
    ),
    Definition(
        "realizationOnTimePct",
        "100 × realisasi terkonfirmasi paling lambat tanggal batas periodenya / realisasi terkonfirmasi",
        "Persentase realisasi terkonfirmasi yang dikonfirmasi sebelum batas waktu periode.",
        "Share of confirmed realisations confirmed by their period's due date.",
    ),
    Definition(
        "evaluationCompletionPct",
        "100 × pegawai yang penilaiannya final / headcount",
        "Belum tersedia (NOT_AVAILABLE) sampai modul penilaian kinerja aktif.",
        "Not available (NOT_AVAILABLE) until the evaluation module is in use.",
    ),
    Definition(
        "distribution",
        "jumlah pegawai per predikat pada periode final terakhir",
        "Sebaran predikat kinerja; hanya diterbitkan untuk kelompok ≥ ambang distribusi. "
        "Belum tersedia sampai modul penilaian aktif.",
        "Distribution of performance categories; only for groups at or above the distribution "
        "threshold. Not available until the evaluation module is in use.",
    ),
    Definition(
        "ikm",
        "IKM = Σ NRR_i × 1/9; konversi = IKM × 25; NRR_i = rata-rata nilai unsur i (1–4)",
        "Indeks Kepuasan Masyarakat (PermenPANRB 14/2017); mutu A 88,31–100, B 76,61–88,30, "
        "C 65,00–76,60, D 25,00–64,99.",
        "Citizen satisfaction index (PermenPANRB 14/2017); bands A 88.31–100, B 76.61–88.30, "
        "C 65.00–76.60, D 25.00–64.99.",
    ),
    Definition(
        "requiredSample",
        "s = χ²·N·P(1−P) / (d²(N−1) + χ²·P(1−P)), χ² = 3,841, P = 0,5, d = 0,05",
        "Sampel minimum Krejcie–Morgan dari jumlah penerima layanan N dalam periode.",
        "Krejcie–Morgan minimum sample from the number of service users N in the period.",
    ),
    Definition(
        "disclosure",
        "nilai < ambang → null (BELOW_THRESHOLD); penekanan komplementer → null (COMPLEMENTARY)",
        "Jumlah orang < ambang jumlah dan persentase/rata-rata/sebaran atas < ambang distribusi "
        "orang disembunyikan; sel lain ikut disembunyikan bila total dapat membuka sel "
        "tersembunyi.",
        "Head counts below the head-count threshold and percentages, averages and distributions "
        "over fewer people than the distribution threshold are withheld; further cells are "
        "withheld where totals would reveal a hidden one.",
    ),
)
