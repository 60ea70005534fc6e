/**
 * The signed-in person, for every staff screen: `useSession()` gives `me` (name, roles, how
 * many people they rate, the unit they manage), the bell's unread count and a way to update it.
 * Screens decide what to show from `me`, never from the login name.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { StaffSessionQuery } from './StaffSession.generated';
import type { StaffMessageKey } from './messages';

export type Me = StaffSessionQuery['me'];

export interface Session {
  me: Me;
  unread: number;
  setUnread: (count: number) => void;
  refreshUnread: () => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession() outside the staff area');
  return session;
}

export const isEmployee = (me: Me): boolean => me.employee !== null;
/** Receives notifications: employees, and the accounts told of work through their own bell. */
export const receivesNotifications = (me: Me): boolean =>
  me.employee !== null || me.roles.some((role) => role === 'HR_ADMIN' || role === 'UNIT_MANAGER' || role === 'KEPALA_DAERAH');
/** Has a home agenda: an employee, or the Kepala Daerah (who rates without being one). */
export const hasAgenda = (me: Me): boolean => me.employee !== null || me.roles.includes('KEPALA_DAERAH');
export const isAssessor = (me: Me): boolean => me.rateeCount > 0;
export const hasRole = (me: Me, role: Me['roles'][number]): boolean => me.roles.includes(role);

/**
 * What the person does, in words ("Pejabat Penilai bagi 9 pegawai", "Pengelola Kinerja Dinas
 * Kesehatan", "Admin BKPSDM"…), most specific first; a plain employee is "Pegawai".
 */
export function roleLines(me: Me, t: (key: StaffMessageKey, params?: Record<string, string | number>) => string): string[] {
  const lines: string[] = [];
  // The Wali Kota and the Wakil are officials, not ASN pegawai: their office first.
  if (me.officeTitle) lines.push(me.officeTitle);
  if (me.rateeCount > 0) lines.push(t(me.rateeCount === 1 ? 'role.assessorOne' : 'role.assessorMany', { count: me.rateeCount }));
  if (me.roles.includes('UNIT_MANAGER')) {
    lines.push(me.managedUnit ? t('role.unitManager', { unit: me.managedUnit.name }) : t('role.unitManagerNoUnit'));
  }
  if (me.roles.includes('HR_ADMIN')) lines.push(t('role.hrAdmin'));
  if (me.roles.includes('AUDITOR')) lines.push(t('role.auditor'));
  if (me.roles.includes('SYSADMIN')) lines.push(t('role.sysadmin'));
  if (lines.length === 0 && me.employee !== null) lines.push(t('role.employee'));
  return lines;
}
