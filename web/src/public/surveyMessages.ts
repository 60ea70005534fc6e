/** Texts of the survey's offline keeping (lib/surveyOutbox), in the survey's own chunk. */
import { defineMessages } from '../i18n';

const id = {
  restored: 'Jawaban yang Anda isi sebelumnya di perangkat ini dipulihkan. Periksa lalu kirim.',
  discard: 'Hapus jawaban ini',
  offline:
    'Koneksi terputus. Jawaban Anda tersimpan di perangkat ini dan akan terkirim otomatis sekali saja saat koneksi kembali; halaman ini boleh tetap terbuka.',
  waiting: 'Menunggu koneksi…',
  alreadyReceived: 'Jawaban Anda ternyata sudah sampai sebelum koneksi terputus, jadi tidak dikirim dua kali.',
};

const en: Record<keyof typeof id, string> = {
  restored: 'The answers you gave earlier on this device have been restored. Check them, then send.',
  discard: 'Delete these answers',
  offline:
    'The connection dropped. Your answers are kept on this device and will be sent automatically, once, when the connection returns; you may keep this page open.',
  waiting: 'Waiting for the connection…',
  alreadyReceived: 'Your answer had reached us before the connection dropped, so it was not sent twice.',
};

export const useSurveyMessages = defineMessages(id, en);
