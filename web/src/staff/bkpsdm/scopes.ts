/** Choosing a year and a unit on BKPSDM's screens (one way for all of them). */
import { todayInstansi } from '../../lib/instansiTime';

/** The running year when it is open, else the newest open year, else the newest year. */
export function defaultYear<Y extends { year: number; status?: string }>(years: readonly Y[]): Y {
  const running = Number(todayInstansi().slice(0, 4));
  return years.find((y) => y.year === running) ?? years.find((y) => y.status === 'DIBUKA') ?? years[0]!;
}

/** Units by name (Indonesian collation), for a <select>. */
export function sortedUnits<U extends { name: string }>(units: readonly U[]): U[] {
  return [...units].sort((a, b) => a.name.localeCompare(b.name, 'id'));
}
