/** The guided first visit (tur pengenalan): the dialog and the words of each step. */
import { defineMessages } from '../../i18n';

const id = {
  'tour.label': 'Tur pengenalan portal',
  'tour.progress': 'Langkah {n} dari {total}',
  'tour.skip': 'Lewati',
  'tour.back': 'Kembali',
  'tour.next': 'Berikutnya',
  'tour.finish': 'Selesai',
  'tour.menuHint': 'Menu yang dimaksud ditandai dengan garis tebal dan tanda ★ di menu atas.',
  'tour.saveFailed': 'Pilihan Anda belum tersimpan. Coba lagi; jika tetap gagal, tur ditutup dan muncul lagi pada kunjungan berikutnya.',

  'step.welcome.title': 'Selamat datang di Portal Pegawai',
  'step.welcome.body':
    'Di sini Anda merencanakan, mencatat, dan melihat hasil kinerja Anda sesuai PermenPANRB 6/2022. Tur singkat ini menunjukkan menu yang paling sering Anda pakai. Anda dapat melewatinya dan mengulanginya kapan saja dari Panduan.',
  'step.skp.title': 'SKP Saya',
  'step.skp.body': 'Setiap Januari Anda menyusun SKP: rencana hasil kerja (RHK) dengan indikatornya (IKI), lalu mengajukannya kepada Pejabat Penilai.',
  'step.work.title': 'Kinerja Harian',
  'step.work.body': 'Catat pekerjaan Anda di sini. Setiap bulan, konfirmasi realisasi tiap IKI dan lampirkan bukti dukung sebelum batas waktu.',
  'step.team.title': 'Tim Saya',
  'step.team.body': 'Sebagai Pejabat Penilai, di sini Anda menetapkan SKP bawahan, memberi umpan balik, dan menilai kinerja mereka setiap periode.',
  'step.result.title': 'Penilaian dan Keberatan',
  'step.result.body': 'Hasil penilaian dan predikat Anda ada di Penilaian Saya. Jika tidak setuju, ajukan keberatan dalam 14 hari.',
  'step.unit.title': 'Sebaran Predikat',
  'step.unit.body': 'Bandingkan sebaran predikat unit Anda dengan pola yang diizinkan oleh predikat kinerja organisasi.',
  'step.accounts.title': 'Akun dan Peran',
  'step.accounts.body': 'Buat akun, atur peran, atur ulang kata sandi, dan akhiri sesi.',
  'step.audit.title': 'Log Audit',
  'step.audit.body': 'Setiap perubahan tercatat di log audit yang berantai hash; di sini Anda mencarinya dan memeriksa keutuhannya.',
  'step.objections.title': 'Keberatan',
  'step.objections.body': 'Di sini Anda memutus keberatan yang diajukan kepada Anda sebagai Atasan Pejabat Penilai.',
  'step.home.title': 'Beranda',
  'step.home.body': 'Beranda menampilkan apa yang perlu Anda kerjakan sekarang.',
  'step.guide.title': 'Panduan dan Latihan',
  'step.guide.body':
    'Panduan menjelaskan istilah dan kalender kinerja untuk peran Anda. Dari sana Anda juga dapat berlatih di Mode Latihan tanpa menyentuh data yang sebenarnya.',
} as const;

const en: Record<keyof typeof id, string> = {
  'tour.label': 'Introduction to the portal',
  'tour.progress': 'Step {n} of {total}',
  'tour.skip': 'Skip',
  'tour.back': 'Back',
  'tour.next': 'Next',
  'tour.finish': 'Done',
  'tour.menuHint': 'The menu item meant is marked with a thick line and a ★ in the top menu.',
  'tour.saveFailed': 'Your choice was not saved. Try again; if it fails again, the tour closes and shows again on your next visit.',

  'step.welcome.title': 'Welcome to the staff portal',
  'step.welcome.body':
    'Here you plan, record and see your performance under PermenPANRB 6/2022. This short tour shows the menu items you will use most. You can skip it and restart it any time from the Guide.',
  'step.skp.title': 'My SKP',
  'step.skp.body': 'Every January you draft your SKP: planned work results (RHK) with their indicators (IKI), then submit it to your assessor.',
  'step.work.title': 'Daily work',
  'step.work.body': 'Record your work here. Every month, confirm the realisasi of each IKI and attach evidence before the deadline.',
  'step.team.title': 'My team',
  'step.team.body': 'As a Pejabat Penilai (assessor), this is where you approve your subordinates’ SKPs, give feedback and evaluate them each period.',
  'step.result.title': 'Evaluations and objections',
  'step.result.body': 'Your evaluations and predicates are under My evaluations. If you disagree, file an objection within 14 days.',
  'step.unit.title': 'Predicate distribution',
  'step.unit.body': 'Compare your unit’s predicate distribution with the pattern its organisation predicate allows.',
  'step.accounts.title': 'Accounts and roles',
  'step.accounts.body': 'Create accounts, set roles, reset passwords and end sessions.',
  'step.audit.title': 'Audit log',
  'step.audit.body': 'Every change is recorded in the hash-chained audit log; here you search it and check that it is intact.',
  'step.objections.title': 'Objections',
  'step.objections.body': 'Here you decide the objections filed to you as the assessor’s superior.',
  'step.home.title': 'Home',
  'step.home.body': 'The home page shows what you need to do now.',
  'step.guide.title': 'Guide and practice',
  'step.guide.body':
    'The Guide explains the terms and the performance calendar for your role. From there you can also practise in Practice mode (Latihan) without touching the real data.',
};

export const useTourMessages = defineMessages(id, en);
export type TourMessageKey = keyof typeof id;
