/**
 * The Panduan (guide) catalogue: one page per role, the terms of PermenPANRB 6/2022 in plain
 * words, the yearly calendar, and the buttons that restart the tour and open the Latihan
 * (training sandbox). Which text goes on which page is in content.ts.
 */
import { defineMessages } from '../../i18n';

const id = {
  'guide.title': 'Panduan',
  'guide.roleTitle': 'Panduan {role}',
  'guide.intro':
    'Portal ini membantu Anda mengelola kinerja sesuai PermenPANRB Nomor 6 Tahun 2022: merencanakan SKP, mencatat pekerjaan, menerima umpan balik, dinilai, dan menindaklanjuti hasilnya. Pilih peran Anda untuk melihat apa yang Anda kerjakan dan di mana.',
  'guide.rolesHeading': 'Panduan per peran',
  'guide.yourRole': 'peran Anda',
  'guide.tasksHeading': 'Yang Anda kerjakan',
  'guide.where': 'Di portal: menu {menu}',
  'guide.whereSoon': 'Dicatat di portal oleh admin BKPSDM atas keputusan ini.',
  'guide.termsHeading': 'Istilah penting',
  'guide.calendarHeading': 'Kalender kinerja setahun',
  'guide.allRoles': 'Semua panduan',
  'guide.unknownRole': 'Panduan untuk peran ini tidak ada.',
  'guide.practiceHeading': 'Belajar dengan mencoba',
  'guide.tourRestart': 'Ulangi tur pengenalan',
  'guide.tourRestarting': 'Menyiapkan tur…',
  'guide.tourRestartFailed': 'Tur tidak dapat dimulai ulang. Coba lagi.',
  'guide.practiceIntro':
    'Mode Latihan memakai salinan data contoh milik Anda sendiri di basis data terpisah. Apa pun yang Anda ubah di sana tidak menyentuh data kinerja yang sebenarnya, dan tidak terlihat oleh orang lain yang juga berlatih.',
  'guide.startPractice': 'Mulai latihan sebagai {persona}',
  'guide.persona.pegawai': 'pegawai',
  'guide.persona.penilai': 'Pejabat Penilai',
  'guide.practiceStarting': 'Menyiapkan latihan… (pertama kali bisa memakan waktu sekitar satu menit)',
  'guide.practiceFailed': 'Latihan tidak dapat dimulai: {reason}',
  'guide.regulation': 'Dasar: PermenPANRB 6/2022, SE MenPANRB 3/2023 (predikat), PP 30/2019 Pasal 59 (keberatan).',

  'role.pegawai.title': 'Pegawai',
  'role.pegawai.summary': 'Setiap ASN menyusun SKP, mencatat pekerjaannya, dan menerima penilaian dari Pejabat Penilai Kinerja.',
  'role.pegawai.task1':
    'Januari: susun SKP tahun ini. Tulis setiap RHK, hubungkan dengan RHK atasan langsung yang Anda dukung, beri setiap RHK satu atau lebih IKI dengan target, lalu ajukan kepada Pejabat Penilai.',
  'role.pegawai.task2': 'Setiap hari atau setiap minggu: catat pekerjaan Anda di Kinerja Harian. Catatan ini dirangkum menjadi usulan realisasi.',
  'role.pegawai.task3':
    'Setiap bulan, sebelum batas waktu: periksa dan konfirmasi realisasi tiap IKI, lalu lampirkan bukti dukung (berkas atau tautan).',
  'role.pegawai.task4': 'Setelah dinilai: baca predikat dan umpan baliknya, lalu nyatakan sudah menerima hasil penilaian.',
  'role.pegawai.task5': 'Jika tidak setuju: ajukan keberatan dalam 14 hari sejak menerima hasil, dengan alasan yang jelas.',

  'role.penilai.title': 'Pejabat Penilai Kinerja',
  'role.penilai.summary':
    'Atasan langsung (paling rendah pejabat pengawas) menetapkan SKP bawahan, memberi umpan balik berkelanjutan, dan menilai kinerjanya.',
  'role.penilai.task1': 'Januari: periksa SKP yang diajukan bawahan. Pastikan setiap RHK mendukung RHK Anda, lalu tetapkan atau tolak dengan alasan.',
  'role.penilai.task2': 'Sepanjang tahun: pantau realisasi, beri umpan balik per RHK atau IKI, dan catat dialog kinerja.',
  'role.penilai.task3':
    'Akhir periode dan akhir tahun: nilai setiap RHK dan perilaku kerja. Portal mengusulkan rating dan menghitung predikat dari matriks; ubah usulan hanya dengan alasan.',
  'role.penilai.task4': 'Sebagai Atasan Pejabat Penilai: minta penjelasan kedua pihak dan putuskan keberatan. Keputusan Anda final.',
  'role.penilai.task5': 'Untuk predikat rendah: susun rencana pembinaan enam bulan dan catat perkembangannya.',

  'role.unit.title': 'Pengelola Kinerja Unit',
  'role.unit.summary': 'Subbagian umum dan kepegawaian tiap perangkat daerah memantau kinerja unitnya dan layanan publiknya.',
  'role.unit.task1': 'Bandingkan sebaran predikat unit dengan pola yang diizinkan oleh predikat kinerja organisasi.',
  'role.unit.task2': 'Pantau siapa yang belum menyusun SKP atau belum mengisi realisasi, dan ingatkan mereka.',
  'role.unit.task3': 'Kelola layanan survei kepuasan masyarakat (SKM), kode QR-nya, moderasi komentar, dan rencana tindak lanjut.',

  'role.bkpsdm.title': 'BKPSDM',
  'role.bkpsdm.summary': 'Admin BKPSDM mengatur siklus kinerja seluruh pemerintah kota dan mengelola data induknya.',
  'role.bkpsdm.task1': 'Desember–Januari: buka tahun penilaian dan periodenya, beserta batas waktunya.',
  'role.bkpsdm.task2': 'Akhir tahun: catat predikat kinerja organisasi tiap unit dan jalankan kalibrasi; sebaran di luar pola wajib diberi alasan tertulis.',
  'role.bkpsdm.task3': 'Unduh laporan, tukar data dengan BKN e-Kinerja, dan impor data pegawai atau organisasi.',
  'role.bkpsdm.task4': 'Terbitkan rilis data publik (hanya agregat yang lolos audit pengungkapan).',
  'role.bkpsdm.task5': 'Telusuri perubahan di log audit bila ada pertanyaan.',

  'role.auditor.title': 'Auditor (Inspektorat)',
  'role.auditor.summary': 'Auditor dapat membaca semua catatan, tetapi tidak dapat mengubah apa pun.',
  'role.auditor.task1': 'Cari kejadian di log audit menurut objek, pelaku, tindakan, atau tanggal.',
  'role.auditor.task2': 'Periksa rantai hash log audit untuk memastikan tidak ada catatan yang diubah atau dihapus.',

  'role.admin.title': 'Admin Sistem',
  'role.admin.summary': 'Admin sistem mengelola akun dan hak akses, bukan data kinerja.',
  'role.admin.task1': 'Buat akun, beri atau cabut peran, dan nonaktifkan akun pegawai yang pindah atau pensiun.',
  'role.admin.task2': 'Atur ulang kata sandi dan akhiri sesi yang mencurigakan.',
  'role.admin.task3': 'Setiap perubahan akun tercatat di log audit.',

  'role.kepala.title': 'Kepala Daerah (Wali Kota)',
  'role.kepala.summary':
    'Wali Kota adalah Pejabat Pembina Kepegawaian dan Pejabat Penilai Kinerja Sekretaris Daerah.',
  'role.kepala.task1': 'Tetapkan SKP dan nilai kinerja pejabat yang Anda nilai.',
  'role.kepala.task2': 'Putuskan keberatan yang tidak memiliki Atasan Pejabat Penilai lain.',
  'role.kepala.task3': 'Tetapkan predikat kinerja organisasi atas saran Bappeda, BKPSDM, dan Inspektorat; putuskan penghargaan dan sanksi.',

  'term.skp.name': 'SKP (Sasaran Kinerja Pegawai)',
  'term.skp.body':
    'Rencana kinerja Anda untuk satu tahun. Berisi hasil kerja (RHK dan IKI) dan perilaku kerja (tujuh nilai BerAKHLAK). Anda menyusunnya, Pejabat Penilai menetapkannya. SKP yang sudah ditetapkan hanya berubah lewat revisi.',
  'term.rhk.name': 'RHK (Rencana Hasil Kerja)',
  'term.rhk.body':
    'Hasil yang ingin Anda capai, jenis Utama atau Tambahan. RHK Anda mendukung (mengintervensi) satu RHK atasan langsung, sehingga kinerja tersambung sampai tujuan organisasi.',
  'term.iki.name': 'IKI (Indikator Kinerja Individu)',
  'term.iki.body': 'Ukuran keberhasilan sebuah RHK: aspek (kuantitas, kualitas, waktu, atau biaya) dan target, misalnya "12 dokumen" atau "100 %".',
  'term.rencanaAksi.name': 'Rencana aksi',
  'term.rencanaAksi.body': 'Langkah yang Anda rencanakan dalam satu periode untuk mencapai sebuah RHK.',
  'term.realisasi.name': 'Realisasi',
  'term.realisasi.body': 'Capaian nyata setiap IKI dalam satu periode, dengan dasar capaiannya. Catatan kerja harian dirangkum menjadi usulan realisasi yang Anda konfirmasi.',
  'term.buktiDukung.name': 'Bukti dukung',
  'term.buktiDukung.body': 'Berkas atau tautan yang membuktikan realisasi, misalnya laporan, foto kegiatan, atau surat.',
  'term.umpanBalik.name': 'Umpan balik berkelanjutan',
  'term.umpanBalik.body': 'Tanggapan Pejabat Penilai atas RHK, IKI, atau realisasi Anda sepanjang tahun, bukan hanya saat penilaian.',
  'term.dialogKinerja.name': 'Dialog kinerja',
  'term.dialogKinerja.body': 'Percakapan antara pegawai dan Pejabat Penilai tentang kemajuan, kendala, dan pengembangan; hasilnya dicatat di portal.',
  'term.penilaian.name': 'Penilaian periodik dan tahunan',
  'term.penilaian.body':
    'Pejabat Penilai menilai hasil kerja dan perilaku kerja: Di Atas, Sesuai, atau Di Bawah Ekspektasi. Penilaian periodik dilakukan setiap periode (di kota ini bulanan), penilaian tahunan di akhir tahun.',
  'term.predikat.name': 'Predikat kinerja',
  'term.predikat.body':
    'Gabungan rating hasil kerja dan perilaku kerja: Sangat Baik, Baik, Butuh Perbaikan, Kurang/Misconduct, atau Sangat Kurang. Perilaku di bawah ekspektasi membuat predikat paling tinggi Kurang/Misconduct.',
  'term.keberatan.name': 'Keberatan',
  'term.keberatan.body':
    'Jika Anda tidak setuju dengan hasil penilaian, ajukan keberatan dengan alasan dalam 14 hari sejak menerima hasil. Atasan Pejabat Penilai memutusnya; keputusannya final.',
  'term.pembinaan.name': 'Pembinaan',
  'term.pembinaan.body': 'Rencana perbaikan selama enam bulan untuk pegawai dengan predikat rendah, dengan pertemuan berkala yang dicatat.',

  'calendar.planning.when': 'Januari',
  'calendar.planning.what': 'Perencanaan: pimpinan menyampaikan ekspektasi, pegawai menyusun SKP, Pejabat Penilai menetapkannya.',
  'calendar.monthly.when': 'Setiap bulan',
  'calendar.monthly.what': 'Pelaksanaan: catat kerja harian, konfirmasi realisasi dan bukti dukung sebelum batas waktu, terima umpan balik.',
  'calendar.periodic.when': 'Akhir setiap periode',
  'calendar.periodic.what': 'Penilaian periodik oleh Pejabat Penilai; pegawai membaca hasilnya dan menyatakan menerima.',
  'calendar.annual.when': 'Akhir tahun',
  'calendar.annual.what': 'Penilaian tahunan, predikat kinerja organisasi, dan kalibrasi sebaran predikat oleh BKPSDM.',
  'calendar.objection.when': '14 hari setelah menerima hasil',
  'calendar.objection.what': 'Masa keberatan: pegawai dapat mengajukan keberatan kepada Atasan Pejabat Penilai.',
  'calendar.followUp.when': 'Setelah penilaian',
  'calendar.followUp.what': 'Tindak lanjut: penghargaan, kenaikan pangkat, talent pool, TPP, atau pembinaan enam bulan.',
} as const;

const en: Record<keyof typeof id, string> = {
  'guide.title': 'Guide',
  'guide.roleTitle': 'Guide for {role}',
  'guide.intro':
    'This portal helps you manage performance under PermenPANRB 6/2022: plan your SKP, record your work, receive feedback, be evaluated and act on the result. Choose your role to see what you do and where.',
  'guide.rolesHeading': 'Guide by role',
  'guide.yourRole': 'your role',
  'guide.tasksHeading': 'What you do',
  'guide.where': 'In the portal: menu {menu}',
  'guide.whereSoon': 'A BKPSDM administrator records this decision in the portal.',
  'guide.termsHeading': 'Key terms',
  'guide.calendarHeading': 'The performance year',
  'guide.allRoles': 'All guides',
  'guide.unknownRole': 'There is no guide for this role.',
  'guide.practiceHeading': 'Learn by trying',
  'guide.tourRestart': 'Restart the introduction tour',
  'guide.tourRestarting': 'Preparing the tour…',
  'guide.tourRestartFailed': 'The tour could not be restarted. Try again.',
  'guide.practiceIntro':
    'Practice mode (Latihan) uses your own copy of the demo data in a separate database. Nothing you change there touches the real performance records, and others who practise do not see it.',
  'guide.startPractice': 'Start practising as {persona}',
  'guide.persona.pegawai': 'an employee',
  'guide.persona.penilai': 'a Pejabat Penilai (assessor)',
  'guide.practiceStarting': 'Preparing practice… (the first time can take about a minute)',
  'guide.practiceFailed': 'Practice could not start: {reason}',
  'guide.regulation': 'Basis: PermenPANRB 6/2022, SE MenPANRB 3/2023 (predicates), PP 30/2019 article 59 (objections).',

  'role.pegawai.title': 'Employee (pegawai)',
  'role.pegawai.summary': 'Every civil servant plans an SKP, records their work and is evaluated by their Pejabat Penilai (assessor).',
  'role.pegawai.task1':
    'January: draft this year’s SKP. Write each RHK, link it to the RHK of your direct superior that it supports, give each RHK one or more IKI with a target, then submit it to your assessor.',
  'role.pegawai.task2': 'Every day or week: record your work in Daily work. These entries are summed up into proposed realisasi.',
  'role.pegawai.task3': 'Every month, before the deadline: check and confirm the realisasi of each IKI and attach evidence (files or links).',
  'role.pegawai.task4': 'After an evaluation: read the predicate and the feedback, then acknowledge the result.',
  'role.pegawai.task5': 'If you disagree: file an objection (keberatan) with clear reasons within 14 days of receiving the result.',

  'role.penilai.title': 'Pejabat Penilai (assessor)',
  'role.penilai.summary':
    'The direct superior (at least a supervisor, pejabat pengawas) approves subordinates’ SKPs, gives continuous feedback and evaluates their performance.',
  'role.penilai.task1': 'January: review the SKPs your subordinates submit. Check that each RHK supports one of yours, then approve or reject with a reason.',
  'role.penilai.task2': 'All year: follow the realisasi, give feedback per RHK or IKI and record performance dialogues.',
  'role.penilai.task3':
    'End of each period and of the year: judge each RHK and the work behaviour. The portal proposes the ratings and works out the predicate from the matrix; override a proposal only with a reason.',
  'role.penilai.task4': 'As the assessor’s superior (Atasan Pejabat Penilai): hear both sides and decide objections. Your decision is final.',
  'role.penilai.task5': 'For a low predicate: set up a six-month coaching plan and record its check-ins.',

  'role.unit.title': 'Unit performance manager',
  'role.unit.summary': 'The general and personnel section of each agency follows its unit’s performance and its public services.',
  'role.unit.task1': 'Compare the unit’s predicate distribution with the pattern its organisation predicate allows.',
  'role.unit.task2': 'See who has not drafted an SKP or filled in realisasi yet, and remind them.',
  'role.unit.task3': 'Manage the citizen satisfaction survey (SKM) services, their QR codes, comment moderation and follow-up actions.',

  'role.bkpsdm.title': 'BKPSDM (HR)',
  'role.bkpsdm.summary': 'BKPSDM administrators run the performance cycle for the whole city government and keep its master data.',
  'role.bkpsdm.task1': 'December–January: open the appraisal year and its periods, with their deadlines.',
  'role.bkpsdm.task2': 'End of year: record each unit’s organisation predicate and run the calibration; a distribution outside the pattern needs a written justification.',
  'role.bkpsdm.task3': 'Download reports, exchange data with BKN e-Kinerja and import employee or organisation data.',
  'role.bkpsdm.task4': 'Publish public data releases (only aggregates that pass the disclosure audit).',
  'role.bkpsdm.task5': 'Trace changes in the audit log when a question comes up.',

  'role.auditor.title': 'Auditor (Inspectorate)',
  'role.auditor.summary': 'Auditors can read every record but cannot change anything.',
  'role.auditor.task1': 'Search the audit log by object, actor, action or date.',
  'role.auditor.task2': 'Check the audit log’s hash chain to make sure no record was changed or removed.',

  'role.admin.title': 'System administrator',
  'role.admin.summary': 'System administrators manage accounts and access, not performance data.',
  'role.admin.task1': 'Create accounts, grant or remove roles and deactivate the accounts of people who moved or retired.',
  'role.admin.task2': 'Reset passwords and end suspicious sessions.',
  'role.admin.task3': 'Every account change is recorded in the audit log.',

  'role.kepala.title': 'Head of region (Wali Kota)',
  'role.kepala.summary': 'The mayor is the staffing authority (Pejabat Pembina Kepegawaian) and the assessor of the Regional Secretary.',
  'role.kepala.task1': 'Approve the SKP of, and evaluate, the officials you rate.',
  'role.kepala.task2': 'Decide objections that have no other assessor’s superior.',
  'role.kepala.task3': 'Set organisation predicates on the advice of Bappeda, BKPSDM and the Inspectorate; decide rewards and sanctions.',

  'term.skp.name': 'SKP (employee performance plan)',
  'term.skp.body':
    'Your performance plan for one year. It holds work results (RHK and IKI) and work behaviour (the seven BerAKHLAK values). You draft it, your assessor approves it. An approved SKP changes only through a revision.',
  'term.rhk.name': 'RHK (planned work result)',
  'term.rhk.body':
    'A result you aim to achieve, of kind Utama (main) or Tambahan (additional). Your RHK supports (intervenes) one RHK of your direct superior, so performance links up to the organisation’s goals.',
  'term.iki.name': 'IKI (individual performance indicator)',
  'term.iki.body': 'How an RHK’s success is measured: an aspect (quantity, quality, time or cost) and a target, e.g. “12 documents” or “100 %”.',
  'term.rencanaAksi.name': 'Action plan (rencana aksi)',
  'term.rencanaAksi.body': 'The steps you plan in one period to achieve an RHK.',
  'term.realisasi.name': 'Realisasi (achievement)',
  'term.realisasi.body': 'What each IKI actually achieved in one period, with its basis. Daily work entries are summed up into a proposal that you confirm.',
  'term.buktiDukung.name': 'Evidence (bukti dukung)',
  'term.buktiDukung.body': 'Files or links that prove a realisasi, such as a report, photos of an activity or a letter.',
  'term.umpanBalik.name': 'Continuous feedback (umpan balik)',
  'term.umpanBalik.body': 'Your assessor’s comments on your RHK, IKI or realisasi throughout the year, not only at evaluation time.',
  'term.dialogKinerja.name': 'Performance dialogue (dialog kinerja)',
  'term.dialogKinerja.body': 'A conversation between an employee and their assessor about progress, obstacles and development; its outcome is recorded in the portal.',
  'term.penilaian.name': 'Periodic and annual evaluation',
  'term.penilaian.body':
    'Your assessor rates work results and work behaviour: above, as, or below expectation. Periodic evaluations happen every period (monthly in this city), the annual one at the end of the year.',
  'term.predikat.name': 'Performance predicate (predikat)',
  'term.predikat.body':
    'The combination of the results rating and the behaviour rating: Sangat Baik, Baik, Butuh Perbaikan, Kurang/Misconduct or Sangat Kurang. Behaviour below expectation caps the predicate at Kurang/Misconduct.',
  'term.keberatan.name': 'Objection (keberatan)',
  'term.keberatan.body':
    'If you disagree with an evaluation, file an objection with your reasons within 14 days of receiving it. The assessor’s superior decides; the decision is final.',
  'term.pembinaan.name': 'Coaching (pembinaan)',
  'term.pembinaan.body': 'A six-month improvement plan for an employee with a low predicate, with regular recorded check-ins.',

  'calendar.planning.when': 'January',
  'calendar.planning.what': 'Planning: leaders state their expectations, employees draft their SKP, assessors approve it.',
  'calendar.monthly.when': 'Every month',
  'calendar.monthly.what': 'Doing the work: record daily work, confirm realisasi and evidence before the deadline, receive feedback.',
  'calendar.periodic.when': 'End of each period',
  'calendar.periodic.what': 'Periodic evaluation by the assessor; employees read the result and acknowledge it.',
  'calendar.annual.when': 'End of the year',
  'calendar.annual.what': 'Annual evaluation, organisation predicates and the calibration of the predicate distribution by BKPSDM.',
  'calendar.objection.when': '14 days after receiving a result',
  'calendar.objection.what': 'Objection window: the employee may object to the assessor’s superior.',
  'calendar.followUp.when': 'After the evaluation',
  'calendar.followUp.what': 'Follow-up: rewards, promotion, talent pool, allowance (TPP) or a six-month coaching plan.',
};

export const useGuideMessages = defineMessages(id, en);
export type GuideMessageKey = keyof typeof id;
