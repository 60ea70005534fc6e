/**
 * Today's date (YYYY-MM-DD) in the instansi's zone (Salatiga: WIB). Only to word deadlines
 * ("3 hari lagi") and bound date inputs; the server decides with its own calendar.
 */
export function todayInstansi(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
