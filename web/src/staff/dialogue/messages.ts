import { defineMessages } from '../../i18n';

const id = {
  'dlg.title': 'Dialog Kinerja',
  'dlg.titleOf': 'Dialog Kinerja: SKP {year} {name}',
  'dlg.intro':
    'Catatan pertemuan antara pegawai dan Pejabat Penilai tentang capaian, kendala dan tindak lanjut. Dapat dibaca oleh pegawai, Pejabat Penilai dan atasannya; tidak pernah diumumkan.',
  'dlg.notFound': 'SKP ini tidak ditemukan atau Anda tidak berhak membacanya.',
  'dlg.invalid': 'Alamat ini tidak menunjuk SKP yang ada.',
  'dlg.back': 'Kembali ke kinerja harian',
  'dlg.empty': 'Belum ada catatan dialog kinerja untuk SKP ini.',
  'dlg.listHeading': 'Catatan dialog',
  'dlg.heldOn': 'Dialog {date}',
  'dlg.recordedBy': 'Dicatat oleh {name}, {date}.',
  'dlg.participants': 'Peserta: {names}',
  'dlg.followUps': 'Tindak lanjut',
  'dlg.formHeading': 'Catat dialog kinerja',
  'dlg.readOnly': 'Catatan baru hanya dapat ditambahkan oleh pegawai atau Pejabat Penilainya selama Periode Penilaian {year} masih berjalan.',
  'dlg.date': 'Tanggal dialog',
  'dlg.dateInvalid': 'Tanggal dialog harus diisi dan tidak boleh di masa depan.',
  'dlg.summary': 'Ringkasan pembicaraan',
  'dlg.summaryHint': 'Capaian, kendala, dukungan yang diperlukan.',
  'dlg.followUpsField': 'Tindak lanjut yang disepakati',
  'dlg.both': 'Pegawai dan Pejabat Penilai sama-sama hadir',
  'dlg.guests': 'Peserta lain',
  'dlg.guestsHint': 'Nama, dipisahkan koma.',
  'dlg.submit': 'Simpan catatan dialog',
} as const;

const en: Record<keyof typeof id, string> = {
  'dlg.title': 'Dialog kinerja (performance dialogue)',
  'dlg.titleOf': 'Dialog kinerja: SKP {year} of {name}',
  'dlg.intro':
    'Notes of the meetings between the employee and the Pejabat Penilai (assessor) on results, obstacles and follow-up. Readable by the employee, the assessor and their superior; never published.',
  'dlg.notFound': 'This SKP was not found or you may not read it.',
  'dlg.invalid': 'This address does not point to an existing SKP.',
  'dlg.back': 'Back to the daily work',
  'dlg.empty': 'No dialog kinerja notes for this SKP yet.',
  'dlg.listHeading': 'Notes',
  'dlg.heldOn': 'Dialogue of {date}',
  'dlg.recordedBy': 'Recorded by {name}, {date}.',
  'dlg.participants': 'Participants: {names}',
  'dlg.followUps': 'Follow-up',
  'dlg.formHeading': 'Record a dialogue',
  'dlg.readOnly': 'New notes can only be added by the employee or their assessor while the appraisal year {year} is running.',
  'dlg.date': 'Date of the dialogue',
  'dlg.dateInvalid': 'The date is required and cannot be in the future.',
  'dlg.summary': 'Summary of the conversation',
  'dlg.summaryHint': 'Results, obstacles, support needed.',
  'dlg.followUpsField': 'Agreed follow-up',
  'dlg.both': 'Both the employee and the assessor took part',
  'dlg.guests': 'Other participants',
  'dlg.guestsHint': 'Names, separated by commas.',
  'dlg.submit': 'Save the note',
};

export const useDialogueMessages = defineMessages(id, en);
