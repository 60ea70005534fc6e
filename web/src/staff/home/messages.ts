import { defineMessages } from '../../i18n';

const id = {
  'home.title': 'Beranda',
  'home.heading': 'Yang perlu Anda kerjakan',
  'home.greeting': 'Selamat datang, {name}',
  'home.tasks': '{count} tugas menunggu Anda.',
  'home.noTasks': 'Tidak ada tugas yang menunggu Anda saat ini.',
  'home.noEmployee':
    'Akun ini tidak terhubung dengan data pegawai, jadi tidak memiliki SKP, penilaian atau notifikasi. Gunakan menu di atas untuk pekerjaan sesuai peran Anda.',
  'home.agendaLabel': 'Daftar tugas',

  'home.skp.heading': 'SKP saya',
  'home.skp.create': 'Susun SKP {year}',
  'home.skp.continue': 'Lanjutkan draf SKP {year}',
  'home.skp.revise': 'Perbaiki SKP {year} yang ditolak',
  'home.skp.reason': 'Alasan penolakan: {reason}',
  'home.skp.waiting': 'SKP {year} menunggu persetujuan Pejabat Penilai',
  'home.skp.deadline': 'SKP ditetapkan paling lambat {date}.',

  'home.approve.heading': 'SKP yang menunggu persetujuan Anda',
  'home.approve.item': 'Periksa {status} {year} milik {name}',
  'home.approve.submitted': 'Diajukan {date}.',

  'home.realization.heading': 'Realisasi jatuh tempo',
  'home.realization.item': 'Isi realisasi {period} {year}',
  'home.realization.missing': '{count} IKI belum memiliki realisasi terkonfirmasi.',

  'home.evaluate.heading': 'Penilaian yang harus Anda tetapkan',
  'home.evaluate.item': 'Nilai {name}: {period} {year}',
  'home.evaluate.more': 'Ditambah {count} periode lain yang belum dinilai.',
  'home.evaluate.draft': 'Draf penilaian sudah dimulai.',

  'home.self.heading': 'Penilaian diri menunggu',
  'home.self.item': 'Isi penilaian diri: {kind} {period} {year}',
  'home.self.by': 'Pejabat Penilai {name} sudah memulai penilaian. Penilaian diri dapat diisi sampai ia menetapkan rating.',
  'home.self.byUnknown': 'Penilaian sudah dimulai. Penilaian diri dapat diisi sampai Pejabat Penilai menetapkan rating.',

  'home.results.heading': 'Hasil penilaian saya',
  'home.results.item': '{kind} {period} {year}: {predicate}',
  'home.results.noPredicate': 'tanpa predikat',
  'home.results.acknowledge': 'Baca dan terima hasil ini.',
  'home.results.object': 'Ajukan keberatan',
  'home.results.objectUntil': 'Keberatan dapat diajukan paling lambat {date}.',

  'home.objections.heading': 'Keberatan',
  'home.objections.decide': 'Putuskan keberatan {name}',
  'home.objections.mine': 'Keberatan saya menunggu keputusan Atasan Pejabat Penilai',
  'home.objections.deadline': 'Batas keputusan {date}.',

  'home.coaching.heading': 'Pembinaan',
  'home.coaching.mentor': 'Pembinaan {name}',
  'home.coaching.mine': 'Rencana pembinaan saya',
  'home.coaching.checkInDue': 'Pertemuan pemantauan perlu diadakan (terakhir: {last}).',
  'home.coaching.never': 'belum pernah',
  'home.coaching.until': 'Berjalan sampai {date}.',

  'home.notifications.heading': 'Notifikasi',
  'home.notifications.unread': '{count} notifikasi belum dibaca',

  'home.deadline.left': '{date}, {count} hari lagi',
  'home.deadline.today': '{date}, hari ini',
  'home.deadline.late': '{date}, sudah lewat {count} hari',
  'home.due': 'Batas {when}.',

  'home.log.heading': 'Catat kegiatan hari ini',
  'home.log.intro': 'Catatan kerja harian masuk ke SKP Anda yang berlaku dan menjadi dasar usulan realisasi.',
  'home.log.rhk': 'RHK yang didukung',
  'home.log.rhkChoose': 'Pilih RHK…',
  'home.log.text': 'Uraian kegiatan',
  'home.log.textHint': 'Misalnya: “Menyusun laporan bulanan pelayanan arsip”.',
  'home.log.minutes': 'Lama kegiatan (menit)',
  'home.log.minutesHint': 'Angka bulat 0–1440.',
  'home.log.minutesInvalid': 'Lama kegiatan harus angka bulat 0–1440.',
  'home.log.submit': 'Simpan catatan',
  'home.log.saved': 'Catatan tersimpan.',
  'home.help.rhk': 'RHK dalam SKP Anda yang didukung kegiatan ini, agar catatan ikut menjadi dasar realisasi periode berjalan.',
  'home.help.text': 'Tulis apa yang Anda kerjakan dan hasilnya dalam satu kalimat. Pejabat Penilai Anda dapat membaca catatan ini.',
  'home.help.minutes': 'Perkiraan lama kegiatan dalam menit, misalnya 90 untuk satu setengah jam. Boleh dikosongkan.',
} as const;

const en: Record<keyof typeof id, string> = {
  'home.title': 'Home',
  'home.heading': 'What needs you now',
  'home.greeting': 'Welcome, {name}',
  'home.tasks': 'Tasks waiting for you: {count}.',
  'home.noTasks': 'Nothing is waiting for you right now.',
  'home.noEmployee':
    'This account is not linked to an employee record, so it has no SKP, evaluations or notifications. Use the menu above for the work of your role.',
  'home.agendaLabel': 'Task list',

  'home.skp.heading': 'My SKP (performance plan)',
  'home.skp.create': 'Draft your SKP for {year}',
  'home.skp.continue': 'Continue your SKP draft for {year}',
  'home.skp.revise': 'Revise your rejected SKP for {year}',
  'home.skp.reason': 'Reason for rejection: {reason}',
  'home.skp.waiting': 'Your SKP for {year} is waiting for your Pejabat Penilai (assessor)',
  'home.skp.deadline': 'The SKP must be approved by {date}.',

  'home.approve.heading': 'SKPs waiting for your approval',
  'home.approve.item': 'Review the {status} SKP {year} of {name}',
  'home.approve.submitted': 'Submitted {date}.',

  'home.realization.heading': 'Realisasi (results) due',
  'home.realization.item': 'Enter the realisasi for {period} {year}',
  'home.realization.missing': '{count} IKI (indicators) have no confirmed realisasi yet.',

  'home.evaluate.heading': 'Evaluations for you to set',
  'home.evaluate.item': 'Evaluate {name}: {period} {year}',
  'home.evaluate.more': 'Plus {count} more periods not evaluated yet.',
  'home.evaluate.draft': 'A draft evaluation has been started.',

  'home.self.heading': 'Self-assessment waiting (penilaian diri)',
  'home.self.item': 'Enter my self-assessment: {kind} {period} {year}',
  'home.self.by': 'Your assessor {name} has started the evaluation. You can enter your self-assessment until they set the ratings.',
  'home.self.byUnknown': 'The evaluation has been started. You can enter your self-assessment until your assessor sets the ratings.',

  'home.results.heading': 'My evaluation results',
  'home.results.item': '{kind} {period} {year}: {predicate}',
  'home.results.noPredicate': 'no predicate',
  'home.results.acknowledge': 'Read and acknowledge this result.',
  'home.results.object': 'File a keberatan (objection)',
  'home.results.objectUntil': 'A keberatan (objection) can be filed until {date}.',

  'home.objections.heading': 'Keberatan (objections)',
  'home.objections.decide': 'Decide the keberatan of {name}',
  'home.objections.mine': 'My keberatan is waiting for the decision of the Atasan Pejabat Penilai',
  'home.objections.deadline': 'Decision due {date}.',

  'home.coaching.heading': 'Coaching (pembinaan)',
  'home.coaching.mentor': 'Coaching of {name}',
  'home.coaching.mine': 'My coaching plan',
  'home.coaching.checkInDue': 'A follow-up meeting is due (last one: {last}).',
  'home.coaching.never': 'never',
  'home.coaching.until': 'Runs until {date}.',

  'home.notifications.heading': 'Notifications',
  'home.notifications.unread': 'Unread notifications: {count}',

  'home.deadline.left': '{date}, {count} days left',
  'home.deadline.today': '{date}, today',
  'home.deadline.late': '{date}, {count} days late',
  'home.due': 'Due {when}.',

  'home.log.heading': 'Log an activity of today',
  'home.log.intro': 'The daily work log goes into your SKP in force and is the basis of the proposed realisasi.',
  'home.log.rhk': 'RHK (work result) it supports',
  'home.log.rhkChoose': 'Choose an RHK…',
  'home.log.text': 'Activity',
  'home.log.textHint': 'For example: “Prepared the monthly archive service report”.',
  'home.log.minutes': 'Time spent (minutes)',
  'home.log.minutesHint': 'A whole number, 0–1440.',
  'home.log.minutesInvalid': 'Time spent must be a whole number from 0 to 1440.',
  'home.log.submit': 'Save entry',
  'home.log.saved': 'Entry saved.',
  'home.help.rhk': 'The RHK in your SKP that this activity supports, so the entry counts towards the current period’s realisasi.',
  'home.help.text': 'Say in one sentence what you did and what came of it. Your assessor can read this entry.',
  'home.help.minutes': 'Roughly how long it took, in minutes, e.g. 90 for an hour and a half. You may leave it empty.',
};

export const useHomeMessages = defineMessages(id, en);
