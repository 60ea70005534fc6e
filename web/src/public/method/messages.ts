/** The methodology in plain words (labels, never API field names or codes). */
import { defineMessages } from '../../i18n';

const id = {
  intro:
    'Halaman ini menjelaskan dari mana setiap angka di situs ini berasal, bagaimana menghitungnya, dan mengapa sebagian angka tidak ditampilkan. Versi metodologi: {version}.',
  figuresHeading: 'Arti setiap angka',
  formulaLabel: 'Cara menghitung',
  'def.headcount': 'Jumlah pegawai',
  'def.headcount.what': 'Pegawai ASN aktif yang menduduki jabatan di unit itu atau di subunitnya, dihitung pada hari terakhir periode.',
  'def.headcount.how': 'Dihitung satu per satu; pegawai subunit ikut dihitung pada unit induknya.',
  'def.directHeadcount': 'Pegawai di unit itu sendiri',
  'def.directHeadcount.what': 'Pegawai yang jabatannya langsung di unit itu, tanpa subunitnya.',
  'def.directHeadcount.how': 'Jumlah pegawai unit dikurangi jumlah pegawai semua subunitnya.',
  'def.skpCoveragePct': 'SKP ditetapkan',
  'def.skpCoveragePct.what': 'Bagian pegawai yang Sasaran Kinerja Pegawai (SKP)-nya sudah disetujui atasannya.',
  'def.skpCoveragePct.how': 'Pegawai dengan SKP yang sudah ditetapkan (atau sedang direvisi), dibagi jumlah pegawai, dikali 100.',
  'def.realizationOnTimePct': 'Realisasi tepat waktu',
  'def.realizationOnTimePct.what': 'Bagian laporan realisasi kerja yang dikonfirmasi atasan sebelum batas waktunya.',
  'def.realizationOnTimePct.how': 'Realisasi yang dikonfirmasi paling lambat pada tanggal batasnya, dibagi semua realisasi yang dikonfirmasi, dikali 100.',
  'def.evaluationCompletionPct': 'Penilaian kinerja selesai',
  'def.evaluationCompletionPct.what': 'Bagian pegawai yang penilaian kinerjanya untuk periode rilis sudah final.',
  'def.evaluationCompletionPct.how': 'Pegawai yang penilaiannya sudah ditetapkan atau diterima, dibagi pegawai yang SKP-nya ditetapkan pada tahun itu, dikali 100.',
  'def.distribution': 'Sebaran predikat kinerja',
  'def.distribution.what':
    'Berapa pegawai yang mendapat predikat Sangat Baik, Baik, Butuh Perbaikan, Kurang, dan Sangat Kurang pada penilaian terakhir yang sudah final. Tidak ada nama yang diterbitkan.',
  'def.distribution.how': 'Jumlah pegawai per predikat; persentase dihitung hanya bila semua jumlahnya terbit.',
  'def.orgPerformance': 'Predikat kinerja organisasi',
  'def.orgPerformance.what':
    'Hasil kinerja unit sebagai organisasi (Istimewa, Baik, Butuh Perbaikan, Kurang, Sangat Kurang), seperti yang juga dilaporkan dalam evaluasi SAKIP. Angka ini selalu diterbitkan karena ia menilai organisasi, bukan orang.',
  'def.orgPerformance.how': 'Predikat yang ditetapkan untuk unit pada periode rilis, atau untuk tahunnya bila periode itu tidak punya penetapan sendiri.',
  'def.objections': 'Keberatan',
  'def.objections.what': 'Berapa pegawai yang mengajukan keberatan atas predikatnya, dan bagaimana keberatan itu diputus.',
  'def.objections.how': 'Keberatan diajukan = dikabulkan + ditolak + belum diputus.',
  'def.ikm': 'Indeks Kepuasan Masyarakat (IKM)',
  'def.ikm.what':
    'Penilaian warga atas layanan, dari survei sembilan unsur pelayanan (PermenPANRB 14/2017): persyaratan; prosedur; waktu penyelesaian; biaya; produk layanan; kompetensi, perilaku, dan penanganan pengaduan oleh petugas; serta sarana dan prasarana.',
  'def.ikm.how':
    'Setiap unsur dinilai 1–4. Nilai rata-rata tiap unsur dijumlahkan lalu dibagi sembilan, kemudian dikali 25 agar berskala 25–100.',
  'def.requiredSample': 'Jumlah responden minimum',
  'def.requiredSample.what': 'Berapa jawaban yang dibutuhkan agar IKM sebuah layanan mewakili seluruh penerima layanannya.',
  'def.requiredSample.how':
    'Rumus Krejcie dan Morgan dari jumlah penerima layanan dalam periode (tingkat kepercayaan 95 %, galat 5 %). Bila jawabannya kurang, IKM tetap diterbitkan dengan catatan “sampel belum cukup”.',
  'def.disclosure': 'Angka yang tidak diterbitkan',
  'def.disclosure.what': 'Angka yang dapat mengungkap keadaan orang tertentu tidak ditampilkan.',
  'def.disclosure.how':
    'Lihat bagian “Mengapa ada angka yang tidak ditampilkan” di bawah.',
  bandsHeading: 'Mutu pelayanan menurut IKM',
  bandsIntro: 'IKM berskala 25–100 dikelompokkan menjadi empat mutu pelayanan:',
  'band.A': 'A — Sangat Baik: 88,31 sampai 100',
  'band.B': 'B — Baik: 76,61 sampai 88,30',
  'band.C': 'C — Kurang Baik: 65,00 sampai 76,60',
  'band.D': 'D — Tidak Baik: 25,00 sampai 64,99',
  withheldHeading: 'Mengapa ada angka yang tidak ditampilkan',
  withheldBody1:
    'Angka yang menyangkut terlalu sedikit orang dapat mengungkap keadaan seseorang. Karena itu jumlah orang di bawah {headcount} tidak diterbitkan, dan persentase, rata-rata, serta sebaran yang dihitung dari kurang dari {distribution} orang juga tidak diterbitkan.',
  withheldBody2:
    'Supaya angka yang disembunyikan tidak dapat dihitung balik dari angka lain (misalnya dari total unit induknya), beberapa angka lain ikut disembunyikan sebagai pelindung.',
  withheldBody3:
    'Di situs ini angka yang tidak diterbitkan ditandai “—” beserta alasannya; di berkas unduhan selnya kosong. Angka itu tidak pernah berarti nol.',
  releasesHeading: 'Rilis dan koreksi',
  releasesBody:
    'Angka diterbitkan dalam rilis bernomor. Sebuah rilis tidak pernah diubah; bila ada kesalahan, diterbitkan rilis koreksi yang menggantikannya dan rilis lama tetap dapat dibaca. Unduhan setiap rilis ada di halaman Data Terbuka.',
  releaseItem: 'Rilis #{number}, periode {period}, terbit {published}',
  supersedes: 'mengganti rilis #{number}',
  supersededBy: 'diganti rilis #{number}',
  dataLink: 'Unduh data dan kamus data',
  otherHeading: 'Angka lain dari sumber yang sama',
  licenceHeading: 'Lisensi dan kontak',
  licenceBody: 'Data ini boleh dipakai ulang dengan menyebut sumbernya, sesuai lisensi',
  contact: 'Pertanyaan tentang data:',
};

const en: Record<keyof typeof id, string> = {
  intro: 'This page explains where each figure on this site comes from, how it is computed and why some figures are not shown. Methodology version: {version}.',
  figuresHeading: 'What each figure means',
  formulaLabel: 'How it is computed',
  'def.headcount': 'Staff',
  'def.headcount.what': 'Active civil servants holding a position in the unit or its sub-units, on the last day of the period.',
  'def.headcount.how': 'Counted one by one; staff of sub-units also count for their parent unit.',
  'def.directHeadcount': 'Staff of the unit itself',
  'def.directHeadcount.what': 'Staff whose position is in the unit itself, without its sub-units.',
  'def.directHeadcount.how': 'The unit’s staff minus the staff of all its sub-units.',
  'def.skpCoveragePct': 'SKP approved',
  'def.skpCoveragePct.what': 'Share of staff whose performance plan (SKP) has been approved by their superior.',
  'def.skpCoveragePct.how': 'Staff with an approved SKP (or one under revision), divided by all staff, times 100.',
  'def.realizationOnTimePct': 'Realisations on time',
  'def.realizationOnTimePct.what': 'Share of work reports (realisations) confirmed by the superior before their deadline.',
  'def.realizationOnTimePct.how': 'Realisations confirmed on or before their deadline, divided by all confirmed realisations, times 100.',
  'def.evaluationCompletionPct': 'Evaluations completed',
  'def.evaluationCompletionPct.what': 'Share of staff whose performance evaluation for the release period is final.',
  'def.evaluationCompletionPct.how': 'Staff whose evaluation is settled or accepted, divided by staff with an approved SKP that year, times 100.',
  'def.distribution': 'Performance ratings',
  'def.distribution.what':
    'How many staff were rated Outstanding, Good, Needs improvement, Poor and Very poor in the latest finalised evaluation. No names are published.',
  'def.distribution.how': 'Staff per rating; shares are given only when every count is published.',
  'def.orgPerformance': 'Organisation performance level',
  'def.orgPerformance.what':
    'The unit’s result as an organisation (Outstanding, Good, Needs improvement, Poor, Very poor), as also reported in the SAKIP evaluation. It is always published because it rates the organisation, not a person.',
  'def.orgPerformance.how': 'The level set for the unit for the release period, or for its year when the period has none of its own.',
  'def.objections': 'Objections',
  'def.objections.what': 'How many staff objected to their rating, and how the objections were decided.',
  'def.objections.how': 'Objections filed = upheld + rejected + not yet decided.',
  'def.ikm': 'Public satisfaction index (IKM)',
  'def.ikm.what':
    'Citizens’ rating of a service, from a survey of nine service elements (PermenPANRB 14/2017): requirements; procedure; turnaround time; fees; the service product; staff competence, behaviour and complaint handling; and facilities.',
  'def.ikm.how': 'Each element is scored 1–4. The mean of each element is summed and divided by nine, then multiplied by 25 to give a 25–100 scale.',
  'def.requiredSample': 'Minimum number of responses',
  'def.requiredSample.what': 'How many answers a service needs for its index to represent all its users.',
  'def.requiredSample.how':
    'Krejcie and Morgan’s formula from the number of service users in the period (95 % confidence, 5 % margin). With fewer answers the index is still published, marked “sample too small”.',
  'def.disclosure': 'Figures not published',
  'def.disclosure.what': 'Figures that could reveal a particular person’s situation are not shown.',
  'def.disclosure.how': 'See “Why some figures are not shown” below.',
  bandsHeading: 'Service quality by IKM',
  bandsIntro: 'The 25–100 index is grouped into four service quality levels:',
  'band.A': 'A — Very good: 88.31 to 100',
  'band.B': 'B — Good: 76.61 to 88.30',
  'band.C': 'C — Poor: 65.00 to 76.60',
  'band.D': 'D — Very poor: 25.00 to 64.99',
  withheldHeading: 'Why some figures are not shown',
  withheldBody1:
    'Figures about very few people can reveal someone’s situation. So counts below {headcount} are not published, nor are percentages, averages and distributions computed from fewer than {distribution} people.',
  withheldBody2: 'So that a hidden figure cannot be worked out from others (for example from its parent unit’s total), some other figures are hidden too, as protection.',
  withheldBody3: 'On this site an unpublished figure shows as “—” with its reason; in the downloads its cell is empty. It never means zero.',
  releasesHeading: 'Releases and corrections',
  releasesBody:
    'Figures are published in numbered releases. A release never changes; a mistake is corrected by a new release that replaces it, and the old one stays readable. Every release’s downloads are on the Open Data page.',
  releaseItem: 'Release #{number}, period {period}, published {published}',
  supersedes: 'replaces release #{number}',
  supersededBy: 'replaced by release #{number}',
  dataLink: 'Download the data and the data dictionary',
  otherHeading: 'Other figures from the same source',
  licenceHeading: 'Licence and contact',
  licenceBody: 'These data may be reused with attribution, under the licence',
  contact: 'Questions about the data:',
};

export const useMethodMessages = defineMessages(id, en);
export type MethodMessageKey = keyof typeof id;
