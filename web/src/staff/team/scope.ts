/**
 * The evaluation scope of a distribution screen (`?tahun=&periode=`, `periode=tahunan` for the
 * annual evaluations): shared by the unit manager's distribution and BKPSDM's calibration.
 * Default: the newest closed year's annual evaluations, else the newest year's first period.
 */
import { periodLabel, type useStaffMessages } from '../messages';

export interface ScopeYear {
  id: string;
  year: number;
  cadence: Parameters<typeof periodLabel>[1];
  status: string;
  periods: ReadonlyArray<{ id: string; number: number }>;
}

export interface PickedScope<Y extends ScopeYear> {
  year: Y;
  period: Y['periods'][number] | null;
  /** The picker's value: `2025:tahunan` or `2025:3`. */
  value: string;
}

export function pickScope<Y extends ScopeYear>(years: readonly Y[], params: Record<string, string | undefined>): PickedScope<Y> | null {
  if (years.length === 0) return null;
  const fallback = years.find((y) => y.status === 'DITUTUP') ?? years[0]!;
  const year = years.find((y) => String(y.year) === params['tahun']) ?? fallback;
  const asked = params['periode'];
  const defaultPeriod = year === fallback && year.status === 'DITUTUP' ? null : (year.periods[0] ?? null);
  const period = asked === 'tahunan' ? null : (year.periods.find((p) => String(p.number) === asked) ?? (asked ? null : defaultPeriod));
  return { year, period, value: `${year.year}:${period === null ? 'tahunan' : period.number}` };
}

export function scopeOptions(years: readonly ScopeYear[], st: ReturnType<typeof useStaffMessages>['t']): Array<{ value: string; label: string }> {
  return years.flatMap((y) => [
    ...y.periods.map((p) => ({ value: `${y.year}:${p.number}`, label: `${periodLabel(st, y.cadence, p.number)} ${y.year}` })),
    { value: `${y.year}:tahunan`, label: `${st('period.annual')} ${y.year}` },
  ]);
}

/** `?tahun=&periode=` of a picker value. */
export function scopeQuery(value: string): string {
  const [y, p] = value.split(':');
  return `tahun=${encodeURIComponent(y ?? '')}&periode=${encodeURIComponent(p ?? '')}`;
}
