import { defineMessages } from '../../i18n';

const id = {
  'notifications.title': 'Notifikasi',
  'notifications.filterLabel': 'Tampilkan',
  'notifications.all': 'Semua',
  'notifications.unreadOnly': 'Belum dibaca',
  'notifications.summary': '{unread} belum dibaca dari {total} notifikasi.',
  'notifications.empty': 'Belum ada notifikasi.',
  'notifications.emptyUnread': 'Semua notifikasi sudah dibaca.',
  'notifications.markRead': 'Tandai dibaca',
  'notifications.markAll': 'Tandai semua dibaca',
  'notifications.open': 'Buka',
  'notifications.unreadBadge': 'Belum dibaca',
  'notifications.more': 'Muat lebih banyak',
  'notifications.marked': '{count} notifikasi ditandai dibaca.',
  'notifications.markFailed': 'Notifikasi tidak dapat ditandai. Coba lagi.',
  'notifications.kind.PENGINGAT_PERSETUJUAN_SKP': 'Persetujuan SKP',
  'notifications.kind.PENGINGAT_REALISASI': 'Realisasi',
  'notifications.kind.PENGINGAT_PENILAIAN': 'Penilaian',
  'notifications.kind.PENGINGAT_KEBERATAN': 'Keberatan',
  'notifications.kind.PENGINGAT_PEMBINAAN': 'Pembinaan',
  'notifications.kind.KEBERATAN_DIAJUKAN': 'Keberatan diajukan',
  'notifications.kind.other': 'Pemberitahuan',
} as const;

const en: Record<keyof typeof id, string> = {
  'notifications.title': 'Notifications',
  'notifications.filterLabel': 'Show',
  'notifications.all': 'All',
  'notifications.unreadOnly': 'Unread',
  'notifications.summary': '{unread} unread of {total} notifications.',
  'notifications.empty': 'No notifications yet.',
  'notifications.emptyUnread': 'All notifications have been read.',
  'notifications.markRead': 'Mark as read',
  'notifications.markAll': 'Mark all as read',
  'notifications.open': 'Open',
  'notifications.unreadBadge': 'Unread',
  'notifications.more': 'Load more',
  'notifications.marked': '{count} notifications marked as read.',
  'notifications.markFailed': 'The notifications could not be marked. Try again.',
  'notifications.kind.PENGINGAT_PERSETUJUAN_SKP': 'SKP approval',
  'notifications.kind.PENGINGAT_REALISASI': 'Realisasi (results)',
  'notifications.kind.PENGINGAT_PENILAIAN': 'Evaluation',
  'notifications.kind.PENGINGAT_KEBERATAN': 'Keberatan (objection)',
  'notifications.kind.PENGINGAT_PEMBINAAN': 'Coaching',
  'notifications.kind.KEBERATAN_DIAJUKAN': 'Keberatan filed',
  'notifications.kind.other': 'Notice',
};

export const useNotificationMessages = defineMessages(id, en);
export type NotificationMessageKey = keyof typeof id;
