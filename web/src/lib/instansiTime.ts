/**
 * The instansi's calendar in the browser (Salatiga: WIB), defined once. The server decides every
 * date rule with its own calendar (server/clock.py, KINERJA_TIMEZONE); the browser uses this only
 * to word dates and deadlines ("3 hari lagi"), bound date inputs and pick the current year.
 */
export const INSTANSI_TIME_ZONE = 'Asia/Jakarta';

/** Today's date (YYYY-MM-DD) in the instansi's zone. */
export function todayInstansi(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: INSTANSI_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** The instansi's current year. */
export function currentYear(now: Date = new Date()): number {
  return Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: INSTANSI_TIME_ZONE }).format(now));
}
