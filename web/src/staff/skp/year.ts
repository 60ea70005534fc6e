/** The instansi's current year (Asia/Jakarta), for the menu's link to My SKP. */
export function currentYear(now: Date = new Date()): number {
  return Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Asia/Jakarta' }).format(now));
}
