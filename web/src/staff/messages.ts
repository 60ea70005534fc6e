/**
 * Messages of the staff portal's shell and of what every staff screen shares (forms, states,
 * enum labels, role names). Screens of one area add their own catalogue next to them
 * (`home/messages.ts`, …) with `defineMessages`, so each chunk carries only its own text.
 */
import { defineMessages } from '../i18n';

const id = {
  'shell.navLabel': 'Menu portal pegawai',
  'nav.section.mine': 'Pekerjaan saya',
  'nav.section.unit': 'Unit saya',
  'nav.sectionCount': '({count} tautan)',
  'nav.section.bkpsdm': 'BKPSDM',
  'nav.section.system': 'Sistem',
  'shell.signedInAs': 'Masuk sebagai',
  'shell.roles': 'Peran',
  'shell.notifications': 'Notifikasi',
  'shell.notificationsUnread': 'Notifikasi, {count} belum dibaca',
  'shell.notificationsNone': 'Notifikasi, tidak ada yang belum dibaca',
  'shell.logout': 'Keluar',
  'shell.loggingOut': 'Keluar…',
  'shell.logoutError': 'Gagal keluar. Coba lagi.',
  'shell.publicSite': 'Situs publik',
  'shell.portalName': 'Portal Pegawai',

  'nav.home': 'Beranda',
  'nav.notifications': 'Notifikasi',
  'nav.profile': 'Profil Saya',
  'nav.myEvaluations': 'Penilaian Saya',
  'nav.objections': 'Keberatan',
  'nav.coaching': 'Pembinaan',
  'nav.mySkp': 'SKP Saya',
  'nav.work': 'Kinerja Harian',
  'nav.team': 'Tim Saya',
  'nav.unitDistribution': 'Sebaran Predikat',
  // Unit manager's screens (issue 11 point 2).
  'nav.unitPeople': 'Pegawai Unit',
  'nav.unitCompletion': 'Kelengkapan',
  'nav.unitServices': 'Layanan & Survei',
  'nav.unitComments': 'Moderasi Komentar',
  'nav.unitFollowUps': 'Tindak Lanjut Survei',
  'nav.audit': 'Log Audit',
  'nav.accounts': 'Akun dan Peran',
  // BKPSDM imports (issue 11 point 1).
  'nav.imports': 'Impor Data',
  'nav.bkn': 'BKN e-Kinerja',
  // BKPSDM (issue 11 point 1).
  'nav.calibration': 'Kalibrasi',
  'nav.positions': 'Jabatan dan Penugasan',
  'nav.careers': 'Karier',
  'nav.hrCoaching': 'Pembinaan Predikat Rendah',
  // BKPSDM (issue 11 point 1).
  'nav.hrYears': 'Tahun & Periode',
  'nav.orgGoals': 'Sasaran Organisasi',
  'nav.orgPredicates': 'Predikat Organisasi',
  'nav.hrReports': 'Laporan',
  'nav.releases': 'Rilis Data Publik',
  // Guide, onboarding and training (issue 11 point 5).
  'nav.guide': 'Panduan',
  'help.toggle': 'Bantuan: {topic}',
  'practice.title': 'MODE LATIHAN',
  'practice.titlePrefix': '[LATIHAN] ',
  'practice.body':
    'Anda sedang berlatih dengan salinan data contoh milik Anda sendiri di basis data latihan yang terpisah. Tidak ada yang Anda ubah di sini menyentuh data kinerja yang sebenarnya.',
  'practice.leave': 'Keluar dari latihan',
  'practice.reset': 'Reset latihan',
  'practice.leaving': 'Keluar dari latihan…',
  'practice.resetting': 'Menyiapkan ulang data latihan Anda…',
  'practice.failed': 'Tidak berhasil. Coba lagi.',

  'role.assessorOne': 'Pejabat Penilai bagi {count} pegawai',
  'role.assessorMany': 'Pejabat Penilai bagi {count} pegawai',
  'role.unitManager': 'Pengelola Kinerja {unit}',
  'role.unitManagerNoUnit': 'Pengelola Kinerja unit',
  'role.hrAdmin': 'Admin BKPSDM',
  'role.auditor': 'Auditor',
  'role.sysadmin': 'Admin Sistem',
  'role.employee': 'Pegawai',

  'form.summaryTitle': 'Periksa kembali isian berikut:',
  'form.required': '{label} wajib diisi.',
  'form.tooLong': '{label} paling banyak {max} karakter.',
  'form.notNumber': '{label} harus berupa angka.',
  'form.networkError': 'Tidak terkirim: server tidak dapat dihubungi. Isian Anda tetap ada; coba kirim lagi.',
  'form.unknownError': 'Tidak terkirim karena kesalahan yang tidak terduga. Coba lagi.',
  'form.restored': 'Isian yang belum terkirim dipulihkan dari draf.',
  'form.discardDraft': 'Buang draf',
  'form.saving': 'Menyimpan…',
  'form.saved': 'Tersimpan.',
  'form.optional': 'opsional',
  'form.unsaved': 'Perubahan yang belum disimpan akan hilang. Tinggalkan halaman ini?',
  'form.serverMessage': '{message}',
  'form.code.CONFLICT': 'Data ini baru saja diubah orang lain. Muat ulang lalu coba lagi.',
  'form.code.DUPLICATE': 'Data yang sama sudah ada.',
  'form.code.FORBIDDEN': 'Anda tidak berhak melakukan ini.',
  'form.code.INVALID_INPUT': 'Isian tidak valid.',
  'form.code.INVALID_STATE': 'Tindakan ini tidak dapat dilakukan pada status data saat ini.',
  'form.code.NOT_FOUND': 'Data tidak ditemukan.',
  'form.code.PERIOD_NOT_STARTED': 'Periode ini belum dimulai.',
  'form.code.ASSESSOR_IS_HOLDER': 'Pemangku jabatan tidak dapat menjadi Pejabat Penilai bagi dirinya sendiri.',
  'form.code.ASSESSOR_IS_ACTOR': 'Anda tidak dapat menunjuk diri sendiri sebagai Pejabat Penilai.',
  'form.code.ASSESSOR_BELOW_POSITION': 'Pegawai yang jabatannya di bawah jabatan ini tidak dapat menjadi Pejabat Penilainya.',
  'form.code.PERIOD_NOT_ENDED': 'Periode ini belum berakhir: terbitkan sebagai rilis sementara.',

  'date.today': 'hari ini',
  'date.daysLeft': '{count} hari lagi',
  'date.daysLate': 'lewat {count} hari',

  'period.BULANAN': 'Bulan {number}',
  'period.TRIWULAN': 'Triwulan {number}',
  'period.SEMESTER': 'Semester {number}',
  'period.annual': 'Tahunan',

  'planStatus.DRAFT': 'Draf',
  'planStatus.DIAJUKAN': 'Diajukan',
  'planStatus.DITOLAK': 'Ditolak',
  'planStatus.DITETAPKAN': 'Ditetapkan',
  'planStatus.REVISI_DRAFT': 'Draf revisi',
  'planStatus.REVISI_DIAJUKAN': 'Revisi diajukan',
  'predicate.SANGAT_BAIK': 'Sangat Baik',
  'predicate.BAIK': 'Baik',
  'predicate.BUTUH_PERBAIKAN': 'Butuh Perbaikan',
  'predicate.KURANG': 'Kurang',
  'predicate.SANGAT_KURANG': 'Sangat Kurang',
  'evaluationStatus.DRAFT': 'Draf',
  'evaluationStatus.DITETAPKAN': 'Ditetapkan',
  'evaluationStatus.DITERIMA': 'Diterima',
  'evaluationKind.PERIODIK': 'Penilaian periodik',
  'evaluationKind.TAHUNAN': 'Penilaian tahunan',


  'notFound.title': 'Halaman tidak ditemukan',
  'notFound.body': 'Halaman ini tidak ada di portal pegawai, atau Anda tidak berhak membukanya.',
  'notFound.home': 'Kembali ke beranda portal',
} as const;

const en: Record<keyof typeof id, string> = {
  'shell.navLabel': 'Staff portal menu',
  'nav.section.mine': 'My work',
  'nav.section.unit': 'My unit',
  'nav.sectionCount': '({count} links)',
  'nav.section.bkpsdm': 'BKPSDM',
  'nav.section.system': 'System',
  'shell.signedInAs': 'Signed in as',
  'shell.roles': 'Roles',
  'shell.notifications': 'Notifications',
  'shell.notificationsUnread': 'Notifications, {count} unread',
  'shell.notificationsNone': 'Notifications, none unread',
  'shell.logout': 'Sign out',
  'shell.loggingOut': 'Signing out…',
  'shell.logoutError': 'Could not sign out. Try again.',
  'shell.publicSite': 'Public site',
  'shell.portalName': 'Staff portal',

  'nav.home': 'Home',
  'nav.notifications': 'Notifications',
  'nav.profile': 'My profile',
  'nav.myEvaluations': 'My evaluations',
  'nav.objections': 'Objections',
  'nav.coaching': 'Coaching',
  'nav.mySkp': 'My SKP',
  'nav.work': 'Daily work',
  'nav.team': 'My team',
  'nav.unitDistribution': 'Predicate distribution',
  // Unit manager's screens (issue 11 point 2).
  'nav.unitPeople': 'Unit people',
  'nav.unitCompletion': 'Completion',
  'nav.unitServices': 'Services & survey',
  'nav.unitComments': 'Comment moderation',
  'nav.unitFollowUps': 'Survey follow-up',
  'nav.audit': 'Audit log',
  'nav.accounts': 'Accounts and roles',
  // BKPSDM imports (issue 11 point 1).
  'nav.imports': 'Import data',
  'nav.bkn': 'BKN e-Kinerja',
  // BKPSDM (issue 11 point 1).
  'nav.calibration': 'Calibration',
  'nav.positions': 'Positions and assignments',
  'nav.careers': 'Careers',
  'nav.hrCoaching': 'Coaching after low predicates',
  // BKPSDM (issue 11 point 1).
  'nav.hrYears': 'Years & periods',
  'nav.orgGoals': 'Organisation goals',
  'nav.orgPredicates': 'Organisation predicates',
  'nav.hrReports': 'Reports',
  'nav.releases': 'Public data releases',
  // Guide, onboarding and training (issue 11 point 5).
  'nav.guide': 'Guide (Panduan)',
  'help.toggle': 'Help: {topic}',
  'practice.title': 'PRACTICE MODE (LATIHAN)',
  'practice.titlePrefix': '[PRACTICE] ',
  'practice.body':
    'You are practising with your own copy of the demo data in a separate practice database. Nothing you change here touches the real performance records.',
  'practice.leave': 'Leave practice',
  'practice.reset': 'Reset practice',
  'practice.leaving': 'Leaving practice…',
  'practice.resetting': 'Setting up your practice data again…',
  'practice.failed': 'That did not work. Try again.',

  'role.assessorOne': 'Pejabat Penilai (assessor) of {count} employee',
  'role.assessorMany': 'Pejabat Penilai (assessor) of {count} employees',
  'role.unitManager': 'Performance manager (Pengelola Kinerja), {unit}',
  'role.unitManagerNoUnit': 'Performance manager (Pengelola Kinerja) of a unit',
  'role.hrAdmin': 'BKPSDM administrator (HR)',
  'role.auditor': 'Auditor (read-only)',
  'role.sysadmin': 'System administrator',
  'role.employee': 'Employee',

  'form.summaryTitle': 'Please check the following:',
  'form.required': '{label} is required.',
  'form.tooLong': '{label} can be at most {max} characters.',
  'form.notNumber': '{label} must be a number.',
  'form.networkError': 'Not sent: the server cannot be reached. What you typed is kept; try sending again.',
  'form.unknownError': 'Not sent because of an unexpected error. Try again.',
  'form.restored': 'What you typed and had not sent yet was restored from a draft.',
  'form.discardDraft': 'Discard draft',
  'form.saving': 'Saving…',
  'form.saved': 'Saved.',
  'form.optional': 'optional',
  'form.unsaved': 'Unsaved changes will be lost. Leave this page?',
  'form.serverMessage': 'Server message (in Indonesian): {message}',
  'form.code.CONFLICT': 'Someone else has just changed this. Reload and try again.',
  'form.code.DUPLICATE': 'The same data already exists.',
  'form.code.FORBIDDEN': 'You are not allowed to do this.',
  'form.code.INVALID_INPUT': 'This value is not valid.',
  'form.code.INVALID_STATE': 'This cannot be done in the current state of the data.',
  'form.code.NOT_FOUND': 'Not found.',
  'form.code.PERIOD_NOT_STARTED': 'This period has not started yet.',
  'form.code.ASSESSOR_IS_HOLDER': 'The holder of a position cannot be their own Pejabat Penilai (assessor).',
  'form.code.ASSESSOR_IS_ACTOR': 'You cannot appoint yourself as Pejabat Penilai (assessor).',
  'form.code.ASSESSOR_BELOW_POSITION': 'Someone whose position sits below this one cannot be its Pejabat Penilai (assessor).',
  'form.code.PERIOD_NOT_ENDED': 'This period has not ended yet: publish it as provisional.',

  'date.today': 'today',
  'date.daysLeft': '{count} days left',
  'date.daysLate': '{count} days late',

  'period.BULANAN': 'Month {number}',
  'period.TRIWULAN': 'Quarter {number}',
  'period.SEMESTER': 'Half-year {number}',
  'period.annual': 'Annual',

  'planStatus.DRAFT': 'Draft',
  'planStatus.DIAJUKAN': 'Submitted',
  'planStatus.DITOLAK': 'Rejected',
  'planStatus.DITETAPKAN': 'Approved',
  'planStatus.REVISI_DRAFT': 'Revision draft',
  'planStatus.REVISI_DIAJUKAN': 'Revision submitted',
  'predicate.SANGAT_BAIK': 'Sangat Baik (excellent)',
  'predicate.BAIK': 'Baik (good)',
  'predicate.BUTUH_PERBAIKAN': 'Butuh Perbaikan (needs improvement)',
  'predicate.KURANG': 'Kurang (poor)',
  'predicate.SANGAT_KURANG': 'Sangat Kurang (very poor)',
  'evaluationStatus.DRAFT': 'Draft',
  'evaluationStatus.DITETAPKAN': 'Set',
  'evaluationStatus.DITERIMA': 'Acknowledged',
  'evaluationKind.PERIODIK': 'Periodic evaluation',
  'evaluationKind.TAHUNAN': 'Annual evaluation',


  'notFound.title': 'Page not found',
  'notFound.body': 'This page does not exist in the staff portal, or you are not allowed to open it.',
  'notFound.home': 'Back to the portal home',
};

export const useStaffMessages = defineMessages(id, en);
export type StaffMessageKey = keyof typeof id;

const ROMAN = ['I', 'II', 'III', 'IV'];

/** "Bulan 3", "Triwulan II", "Semester I"; null period number: the annual evaluation. */
export function periodLabel(
  t: (key: StaffMessageKey, params?: Record<string, string | number>) => string,
  cadence: 'BULANAN' | 'TRIWULAN' | 'SEMESTER',
  number: number | null,
): string {
  if (number === null) return t('period.annual');
  const shown = cadence === 'BULANAN' ? String(number) : (ROMAN[number - 1] ?? String(number));
  return t(`period.${cadence}`, { number: shown });
}

/** "3 April 2026" in the interface language. */
export function formatDay(isoDate: string, locale: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** "3 Apr 2026, 09.15" in the viewer's time zone. */
export function formatDateTime(iso: string, locale: string): string {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(when);
}

/** Whole days from `today` to `day` (both YYYY-MM-DD): negative when `day` has passed. */
export function daysBetween(today: string, day: string): number {
  const a = Date.parse(`${today.slice(0, 10)}T00:00:00Z`);
  const b = Date.parse(`${day.slice(0, 10)}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}
