/**
 * Contextual help of the main staff forms (behind the "?" next to a field, ui/help.tsx): what
 * the field means under PermenPANRB 6/2022 and what a good answer looks like. One catalogue for
 * the forms of SKP, work log, realisasi, evaluation and keberatan, so the words stay consistent
 * with the Panduan.
 */
import { defineMessages } from '../../i18n';

const id = {
  'help.rhk.text':
    'RHK adalah hasil yang ingin Anda capai tahun ini, bukan daftar kegiatan. Tulis sebagai hasil yang dapat diperiksa, misalnya "Tersusunnya laporan pelayanan perizinan yang tepat waktu".',
  'help.rhk.kind': 'Utama: hasil kerja pokok jabatan Anda, yang menentukan rating hasil kerja. Tambahan: hasil kerja di luar tugas pokok, misalnya tugas tim.',
  'help.rhk.link':
    'Setiap RHK mendukung (mengintervensi) satu RHK atasan langsung Anda pada tahun yang sama. Jika daftar kosong, minta atasan menyusun SKP-nya lebih dahulu.',
  'help.iki.text': 'IKI menjawab: bagaimana kita tahu RHK ini tercapai? Contoh: "Jumlah laporan yang disampaikan sebelum tanggal 5 bulan berikutnya".',
  'help.iki.aspect': 'Kuantitas (berapa banyak), Kualitas (seberapa baik), Waktu (kapan selesai), atau Biaya (berapa anggarannya).',
  'help.iki.target': 'Angka dan satuan yang ingin dicapai dalam setahun, misalnya 12 dan "dokumen". Pada pendekatan kualitatif, jelaskan targetnya dengan kalimat.',
  'help.log.text': 'Tulis singkat apa yang Anda kerjakan dan hasilnya. Catatan ini menjadi dasar usulan realisasi dan dapat dibaca Pejabat Penilai Anda.',
  'help.log.target': 'Pilih IKI yang didukung pekerjaan ini, agar jumlahnya ikut terhitung dalam realisasi periode ini.',
  'help.real.value': 'Capaian nyata IKI ini dalam periode ini, dalam satuan targetnya. Usulan dari catatan kerja harian boleh Anda ubah.',
  'help.real.description': 'Dasar realisasi: apa yang dicapai dan bagaimana, dengan rujukan ke bukti dukung (laporan, surat, foto, tautan).',
  'help.eval.judgements':
    'Nilai setiap RHK dan setiap nilai BerAKHLAK: Di Atas, Sesuai, atau Di Bawah Ekspektasi, berdasarkan realisasi dan bukti dukungnya. Portal mengusulkan rating hasil kerja dari penilaian RHK ini.',
  'help.eval.feedback': 'Umpan balik dibaca pegawai: sebutkan apa yang sudah baik dan apa yang perlu diperbaiki, dengan contoh.',
  'help.eval.ratings':
    'Rating hasil kerja Di Atas Ekspektasi hanya jika tidak ada RHK utama di bawah ekspektasi. Predikat dihitung dari matriks: perilaku di bawah ekspektasi membuat predikat paling tinggi Kurang/Misconduct. Jika Anda mengubah usulan, tulis alasannya.',
  'help.self.result':
    'Bandingkan realisasi setiap RHK dengan targetnya. Di Atas Ekspektasi: melampaui target dengan bukti; Sesuai Ekspektasi: target tercapai; Di Bawah Ekspektasi: target tidak tercapai.',
  'help.self.behavior':
    'Nilai perilaku kerja Anda menurut tujuh nilai BerAKHLAK dan ekspektasi khusus pimpinan: apakah melampaui, sesuai, atau di bawah yang diharapkan.',
  'help.self.note': 'Jelaskan singkat mengapa Anda memberi rating ini, misalnya capaian atau kendala yang belum terlihat dalam realisasi. Pejabat Penilai membacanya.',
  'help.objection.reasons':
    'Jelaskan bagian penilaian mana yang tidak Anda setujui dan mengapa, dengan fakta (realisasi, bukti dukung, tanggal). Atasan Pejabat Penilai meminta penjelasan kedua pihak; keputusannya final.',
  'help.objection.links': 'Tautan ke bukti yang mendukung keberatan Anda, satu per baris (https://…).',
  'help.dialogue.summary': 'Ringkas apa yang dibicarakan: kemajuan RHK, kendala, dan dukungan yang dibutuhkan. Catatan ini dapat dibaca pegawai dan Pejabat Penilainya.',
  'help.dialogue.followUps': 'Kesepakatan yang akan dikerjakan sesudah dialog, satu per baris, sebaiknya dengan siapa dan kapan.',
  'help.decision.explanations':
    'Sebagai Atasan Pejabat Penilai, Anda meminta penjelasan dari pegawai dan dari Pejabat Penilai sebelum memutus (PP 30/2019 Pasal 59). Catat inti penjelasan masing-masing.',
  'help.decision.note': 'Alasan keputusan dibaca kedua pihak. Keputusan Anda final; jika hasil diubah, sebutkan dasar perubahannya.',
  'help.coaching.note': 'Catat apa yang dibahas, kemajuan sejak pertemuan terakhir, dan langkah berikutnya dalam masa pembinaan enam bulan.',
  'help.coaching.heldOn': 'Tanggal pertemuan pembinaan benar-benar berlangsung, di dalam masa pembinaan. Catatan bertanggal ini menjadi riwayat kemajuan pegawai.',
  'help.dialogue.date': 'Tanggal dialog kinerja berlangsung, bukan tanggal mencatat. Dialog kinerja adalah bagian pemantauan dan pembinaan dalam siklus kinerja.',
  'help.dialogue.guests': 'Orang lain yang ikut dialog selain pegawai dan Pejabat Penilai, misalnya atasan Pejabat Penilai atau rekan satu tim. Pisahkan nama dengan koma.',
  'help.decision.assessorExplanation': 'Inti penjelasan Pejabat Penilai tentang dasar penilaiannya, yang Anda minta sebelum memutus keberatan.',
  'help.decision.choice': 'Tolak bila penilaian sudah sesuai fakta: hasilnya tetap. Kabulkan bila keberatan beralasan, lalu tetapkan rating baru. Keputusan ini final.',
  'help.decision.newResult': 'Rating Hasil Kerja yang berlaku setelah keberatan dikabulkan. Predikat dihitung ulang dari matriks rating hasil kerja dan perilaku kerja.',
  'help.decision.newBehavior': 'Rating Perilaku Kerja yang berlaku setelah keberatan dikabulkan. Perilaku di bawah ekspektasi membuat predikat paling tinggi Kurang/Misconduct.',
  'help.iki.targetUnit': 'Satuan ukur target, misalnya dokumen, laporan, orang, % atau hari. Realisasi nanti diisi dalam satuan yang sama.',
  'help.iki.targetDescription': 'Untuk pendekatan kualitatif atau target yang bukan angka: uraikan keadaan yang dianggap tercapai, misalnya “Laporan diterima tanpa revisi”.',
  'help.iki.perspective': 'Untuk SKP JPT: kelompokkan IKI menurut perspektif Penerima Layanan, Proses Bisnis, Penguatan Internal, atau Anggaran.',
  'help.eval.rhkRating': 'Bandingkan realisasi RHK ini dengan targetnya: Di Atas, Sesuai, atau Di Bawah Ekspektasi. Penilaian RHK utama paling menentukan usulan Rating Hasil Kerja.',
  'help.eval.valueRating': 'Nilai dari pengamatan selama periode terhadap indikator nilai BerAKHLAK ini dan ekspektasi khusus pimpinan, bila ada.',
  'help.eval.behaviorNote': 'Contoh perilaku yang Anda amati, sebagai dasar penilaian dan bahan umpan balik bagi pegawai.',
  'help.eval.resultRating': 'Usulan sistem dari penilaian per RHK. Di Atas Ekspektasi hanya bila tidak ada RHK utama di bawah ekspektasi; bila Anda mengubah usulan, tulis alasannya.',
  'help.eval.overrideReason': 'Jelaskan fakta yang membuat Anda berbeda dari usulan sistem. Alasan ini tercatat dalam penjelasan penilaian dan menjadi bahan bila ada keberatan.',
  'help.eval.behaviorRating': 'Rating dari pengamatan tujuh nilai BerAKHLAK. Di Bawah Ekspektasi membuat predikat paling tinggi Kurang/Misconduct, apa pun hasil kerjanya.',
  'help.eval.assessorNote': 'Catatan umum untuk periode ini: kemajuan, hal yang perlu dikembangkan, dan dukungan yang akan Anda berikan.',
  'help.log.date': 'Tanggal kegiatan dikerjakan, di dalam periode berjalan. Catatan dikelompokkan per periode menjadi usulan realisasi.',
  'help.log.quantity': 'Jumlah keluaran kegiatan ini dalam satuan target IKI, misalnya 2 bila menyelesaikan dua laporan. Jumlahnya ikut menjadi usulan realisasi.',
  'help.log.minutes': 'Perkiraan lama kegiatan dalam menit, misalnya 90 untuk satu setengah jam. Membantu Anda dan penilai melihat beban kerja.',
  'help.dialogue.both': 'Centang bila pegawai dan Pejabat Penilai sama-sama hadir. Dialog kinerja adalah percakapan dua arah tentang kemajuan dan dukungan.',
} as const;

const en: Record<keyof typeof id, string> = {
  'help.rhk.text':
    'An RHK is a result you aim to achieve this year, not a list of activities. Write it as a result someone can check, e.g. “Timely reports on licensing services are produced”.',
  'help.rhk.kind': 'Utama (main): the core results of your position, which decide your results rating. Tambahan (additional): results outside your core duties, such as team assignments.',
  'help.rhk.link':
    'Each RHK supports (intervenes) one RHK of your direct superior in the same year. If the list is empty, ask your superior to draft their SKP first.',
  'help.iki.text': 'An IKI answers: how do we know this RHK was achieved? E.g. “Number of reports delivered before the 5th of the following month”.',
  'help.iki.aspect': 'Quantity (how many), Quality (how well), Time (when done) or Cost (at what budget).',
  'help.iki.target': 'The number and unit to reach in the year, e.g. 12 and “documents”. In the qualitative approach, describe the target in words.',
  'help.log.text': 'Say briefly what you did and what came of it. These entries are the basis of the proposed realisasi, and your assessor can read them.',
  'help.log.target': 'Choose the IKI this work supports, so its quantity counts towards this period’s realisasi.',
  'help.real.value': 'What this IKI actually achieved in this period, in the unit of its target. You may change the proposal taken from your daily work log.',
  'help.real.description': 'The basis of the realisasi: what was achieved and how, referring to the evidence (reports, letters, photos, links).',
  'help.eval.judgements':
    'Rate each RHK and each BerAKHLAK value: above, as, or below expectation, from the realisasi and its evidence. The portal proposes the results rating from these RHK judgements.',
  'help.eval.feedback': 'The employee reads this feedback: say what went well and what should improve, with examples.',
  'help.eval.ratings':
    'The results rating can be above expectation only if no main (Utama) RHK is below expectation. The predicate comes from the matrix: behaviour below expectation caps it at Kurang/Misconduct. If you change a proposal, write your reason.',
  'help.self.result':
    'Compare the realisasi of each RHK with its target. Above expectations: beyond the target, with evidence; as expected: the target was reached; below expectations: it was not.',
  'help.self.behavior':
    'Rate your work behaviour by the seven BerAKHLAK values and your leader’s specific expectations: beyond, as, or below what is expected.',
  'help.self.note': 'Say briefly why you chose these ratings, e.g. achievements or obstacles the realisasi does not show. Your assessor reads it.',
  'help.objection.reasons':
    'Explain which part of the evaluation you disagree with and why, with facts (realisasi, evidence, dates). The assessor’s superior hears both sides; the decision is final.',
  'help.objection.links': 'Links to evidence supporting your objection, one per line (https://…).',
  'help.dialogue.summary': 'Sum up what was discussed: progress on the RHK, obstacles and the support needed. The employee and their assessor can read this note.',
  'help.dialogue.followUps': 'What was agreed to do after the dialogue, one per line, ideally with who and when.',
  'help.decision.explanations':
    'As the assessor’s superior, you ask the employee and the assessor for their explanations before deciding (PP 30/2019 article 59). Note the core of each.',
  'help.decision.note': 'Both sides read the reason for your decision. It is final; if you change the result, state the basis of the change.',
  'help.coaching.note': 'Note what was discussed, the progress since the last meeting and the next steps within the six-month coaching period.',
  'help.coaching.heldOn': 'The day the coaching meeting actually took place, within the coaching period. These dated notes make up the employee’s progress record.',
  'help.dialogue.date': 'The day the performance dialogue took place, not the day you record it. Dialogues are part of monitoring and coaching in the performance cycle.',
  'help.dialogue.guests': 'Anyone else who took part besides the employee and the assessor, e.g. the assessor’s superior or a team mate. Separate names with commas.',
  'help.decision.assessorExplanation': 'The core of the assessor’s explanation of how they rated, which you ask for before deciding the objection.',
  'help.decision.choice': 'Refuse when the evaluation matches the facts: the result stands. Grant when the objection is well founded, then set the new ratings. The decision is final.',
  'help.decision.newResult': 'The results rating that applies once the objection is granted. The predicate is recomputed from the matrix of results and behaviour ratings.',
  'help.decision.newBehavior': 'The behaviour rating that applies once the objection is granted. Behaviour below expectation caps the predicate at Kurang/Misconduct.',
  'help.iki.targetUnit': 'The unit of the target, e.g. documents, reports, people, % or days. The realisasi is entered later in the same unit.',
  'help.iki.targetDescription': 'For the qualitative approach or a target that is not a number: describe what counts as achieved, e.g. “Report accepted without revisions”.',
  'help.iki.perspective': 'For a JPT (senior executive) SKP: group the IKIs by perspective: service recipients, business process, internal strengthening or budget.',
  'help.eval.rhkRating': 'Compare this RHK’s realisasi with its target: above, as, or below expectation. Judgements on main (Utama) RHKs weigh most in the proposed results rating.',
  'help.eval.valueRating': 'Rate from what you observed during the period against this BerAKHLAK value’s indicators and your specific expectation, if any.',
  'help.eval.behaviorNote': 'An example of the behaviour you observed, as the basis of your rating and of feedback to the employee.',
  'help.eval.resultRating': 'The system’s proposal from the per-RHK judgements. Above expectation only if no main RHK is below expectation; if you change the proposal, give your reason.',
  'help.eval.overrideReason': 'State the facts that make you depart from the system’s proposal. The reason is kept in the evaluation’s explanation and is considered if there is an objection.',
  'help.eval.behaviorRating': 'The rating from your observations of the seven BerAKHLAK values. Below expectation caps the predicate at Kurang/Misconduct whatever the results.',
  'help.eval.assessorNote': 'A general note on this period: progress, what to develop next and the support you will give.',
  'help.log.date': 'The day the work was done, within the current period. Entries are grouped by period into the proposed realisasi.',
  'help.log.quantity': 'How much this activity produced, in the unit of the IKI target, e.g. 2 for two finished reports. It adds up into the proposed realisasi.',
  'help.log.minutes': 'Roughly how long it took, in minutes, e.g. 90 for an hour and a half. It helps you and your assessor see the workload.',
  'help.dialogue.both': 'Tick when the employee and the assessor both took part. A performance dialogue is a two-way conversation about progress and support.',
};

export const useHelpMessages = defineMessages(id, en);
export type HelpMessageKey = keyof typeof id;
