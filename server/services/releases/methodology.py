"""The methodology of a release: what each published number means and how it is protected.

The version is stored in every release; change it (and this text) whenever a definition changes,
so a reader can tell which releases are comparable.
"""

from __future__ import annotations

from dataclasses import dataclass

METHODOLOGY_VERSION = "1.1"


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
        "100 × pegawai ber-SKP ditetapkan yang penilaian periodiknya untuk periode penilaian "
        "rilis berstatus DITETAPKAN atau DITERIMA / pegawai dengan SKP ditetapkan (atau sedang "
        "direvisi) pada tahun itu",
        "Periode penilaian rilis = periode penilaian terakhir tahun itu yang berakhir di dalam "
        "rentang rilis dan sudah berakhir pada hari terbit. Pegawai dihitung di unit jabatannya "
        "pada akhir rentang rilis. Disembunyikan bila pegawai ber-SKP < ambang distribusi; "
        "NOT_AVAILABLE bila belum ada periode penilaian yang berakhir atau tidak ada SKP.",
        "Evaluation period of a release = the latest appraisal period of the year that ends "
        "within the release and had ended on the day of publication. Numerator: staff with an "
        "approved SKP whose periodic evaluation for that period is set (DITETAPKAN) or "
        "acknowledged (DITERIMA); denominator: staff with an approved SKP (or one under "
        "revision) for the year, each counted in the unit of their position on the last day of "
        "the release. Withheld when fewer staff than the distribution threshold have an SKP; "
        "NOT_AVAILABLE when no appraisal period has ended yet or nobody has an SKP.",
    ),
    Definition(
        "distribution",
        "jumlah pegawai per predikat kinerja pada penilaian periodik final (DITETAPKAN/DITERIMA) "
        "periode penilaian rilis",
        "Sebaran predikat kinerja (Sangat Baik … Sangat Kurang) periode penilaian rilis, hanya "
        "untuk kelompok ≥ ambang distribusi pegawai (seluruh sebaran disembunyikan bila kurang); "
        "sel lain ikut disembunyikan agar sebaran yang disembunyikan tidak dapat dihitung dari "
        "unit induk atau sub-unit. Bagian pegawai langsung unit tidak pernah diterbitkan.",
        "Distribution of performance categories in the release's evaluation period (finalised "
        "periodic evaluations), only for groups of at least the distribution threshold (the whole "
        "distribution is withheld otherwise); further cells are withheld so that a hidden "
        "distribution cannot be derived from parent units or sub-units. The unit's own-staff "
        "part is never published.",
    ),
    Definition(
        "orgPerformance",
        "Predikat Kinerja Organisasi unit untuk periode penilaian rilis, atau untuk tahunnya bila "
        "tidak ada penetapan periode",
        "Predikat organisasi (ISTIMEWA, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG) yang "
        "ditetapkan pimpinan satu tingkat di atas; fakta tentang unit, bukan orang, sehingga "
        "diterbitkan apa adanya. Tidak ada untuk kota.",
        "Organisation performance level set by the leadership one level up for the release's "
        "evaluation period, or for the year when none was set for the period; a fact about the "
        "unit, not a person, so it is published as is. None for the city.",
    ),
    Definition(
        "objections",
        "objectionsFiled = objectionsUpheld + objectionsRejected + objectionsPending",
        "Jumlah pegawai yang mengajukan keberatan atas hasil penilaian dalam rentang rilis "
        "(tanggal pengajuan, WIB), menurut keputusan keberatan terakhirnya saat terbit: "
        "dikabulkan (hasil diubah), ditolak, atau belum diputus. Hitungan orang: angka < ambang "
        "jumlah disembunyikan (seluruh baris bila yang mengajukan < ambang), dengan penekanan "
        "komplementer antar sub-unit dan unit induk.",
        "Staff who filed an objection (keberatan) against an evaluation result within the "
        "release (filing date, WIB), by the decision on their latest one at publication: upheld "
        "(result changed), rejected, or pending. Counts of people: values below the head-count "
        "threshold are withheld (the whole row when fewer filed), with complementary suppression "
        "across sub-units and parents.",
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
        "nilai yang dilindungi → null (WITHHELD); audit program linear (HiGHS) per rilis",
        "Jumlah orang < ambang jumlah dan persentase/rata-rata/sebaran atas < ambang distribusi "
        "orang disembunyikan; sel lain ikut disembunyikan bila total, baris (diajukan = "
        "dikabulkan + ditolak + belum diputus; sebaran = jumlah dinilai) atau angka lain dapat "
        "membuka sel tersembunyi. Saat terbit, sebuah audit menghitung untuk setiap sel yang "
        "dilindungi nilai terkecil dan terbesar yang dimungkinkan semua angka terbit, dan "
        "menyembunyikan sel tambahan sampai tidak ada yang dapat dipastikan (sel pelengkap "
        "yang nilainya sudah dapat dihitung dari angka terbit diterbitkan saja). Skor survei "
        "(NRR × jumlah jawaban) dan IKM dijumlah antar layanan, unit dan kota; persentase tepat "
        "waktu sebuah total disembunyikan bila 0 %, 100 % atau sama dengan bagian lainnya "
        "membuka bagian yang tersembunyi. Semua sel yang "
        "dilindungi berstatus sama (WITHHELD) agar statusnya tidak membuka rentang. Rilis "
        "pengganti tetap menyembunyikan sel yang disembunyikan rilis yang digantikannya "
        "(skor survei dan persentase tepat waktu termasuk), dan angka yang sudah diterbitkan "
        "rilis itu dengan nilai yang sama tidak dipakai sebagai sel pelengkap. Audit rilis "
        "pengganti menghitung kedua rilis bersama dalam satu program linear (dengan anggapan "
        "bahwa angka pegawai unit yang tidak dikoreksi sama di keduanya), dan menyembunyikan "
        "sel tambahan di rilis pengganti sampai tidak ada sel tersembunyi di kedua rilis yang "
        "dapat dipastikan. "
        "Predikat kinerja organisasi adalah hasil organisasi (seperti SAKIP), bukan orang, "
        "dan diterbitkan apa adanya.",
        "Head counts below the head-count threshold and percentages, averages and distributions "
        "over fewer people than the distribution threshold are withheld; further cells are "
        "withheld where totals, rows (filed = upheld + rejected + pending; a distribution sums "
        "to the number evaluated) or other figures would reveal a hidden one. At publication an "
        "audit computes, for every protected cell, the smallest and largest value all published "
        "figures allow, and withholds more cells until none can be pinned (a complement whose "
        "value the published figures already give is published instead). Survey score sums "
        "(NRR × answers) and IKM add up over services, units and the city; an on-time "
        "percentage of a total is withheld when 0 %, 100 % or equal to its other parts would "
        "reveal a hidden part. Every protected cell "
        "has the same status (WITHHELD), so the status reveals no range. A correcting release "
        "keeps withheld what the release it replaces withheld (survey scores and on-time "
        "percentages included), and a figure that release published with the same value "
        "never serves as a complement. A correction's audit solves both releases together in "
        "one linear programme (assuming the figures of units it did not correct are the same "
        "in both) and withholds more cells in the correction until no withheld cell of either "
        "can be pinned. The organisation predicate is "
        "the organisation's result (as in SAKIP), not a person's, and is published as is.",
    ),
)
