/** The public units table: kind filter and column sorting (withheld values always last). */
import type { UnitKind, UnitStatisticsRow } from '../public/types';

export type SortKey = 'name' | 'headcount' | 'skp' | 'onTime' | 'ikm';
export type SortDirection = 'ascending' | 'descending';
export interface SortState {
  key: SortKey;
  direction: SortDirection;
}

/** `MAIN` = perangkat daerah and kecamatan (the default view); `ALL` = every unit. */
export type KindFilter = 'MAIN' | 'ALL' | UnitKind;

export const MAIN_KINDS: readonly UnitKind[] = ['PERANGKAT_DAERAH', 'KECAMATAN'];

/** Order of kinds in the table: perangkat daerah and kecamatan first. */
const KIND_RANK: Record<UnitKind, number> = {
  PERANGKAT_DAERAH: 0,
  KECAMATAN: 1,
  INSTANSI: 2,
  SEKRETARIAT: 3,
  BAGIAN: 4,
  BIDANG: 5,
  UPTD: 6,
  SUBBAGIAN: 7,
  SEKSI: 8,
  KELURAHAN: 9,
};

export function kindRank(kind: UnitKind | null): number {
  return kind === null ? 99 : (KIND_RANK[kind] ?? 50);
}

export function sortValue(row: UnitStatisticsRow, key: Exclude<SortKey, 'name'>): number | null {
  switch (key) {
    case 'headcount':
      return row.headcount;
    case 'skp':
      return row.skpCoveragePct;
    case 'onTime':
      return row.realizationOnTimePct;
    case 'ikm':
      return row.survey.ikmConverted;
  }
}

export function filterRows(rows: readonly UnitStatisticsRow[], filter: KindFilter): UnitStatisticsRow[] {
  if (filter === 'ALL') return [...rows];
  if (filter === 'MAIN') return rows.filter((r) => r.kind !== null && MAIN_KINDS.includes(r.kind));
  return rows.filter((r) => r.kind === filter);
}

/** The kinds present in the data, in table order (for the filter's options). */
export function kindsPresent(rows: readonly UnitStatisticsRow[]): UnitKind[] {
  const kinds = new Set<UnitKind>();
  for (const row of rows) if (row.kind !== null) kinds.add(row.kind);
  return [...kinds].sort((a, b) => kindRank(a) - kindRank(b));
}

/**
 * Sorts a copy. By name: kind first (perangkat daerah, kecamatan, …), then name. By a figure:
 * the figure in the chosen direction, withheld values last in both directions (a hidden value is
 * not a small one), ties by kind and name so the order is stable.
 */
export function sortRows(rows: readonly UnitStatisticsRow[], sort: SortState, locale = 'id'): UnitStatisticsRow[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const byKindAndName = (a: UnitStatisticsRow, b: UnitStatisticsRow): number =>
    kindRank(a.kind) - kindRank(b.kind) || collator.compare(a.name, b.name) || collator.compare(a.code ?? '', b.code ?? '');
  const copy = [...rows];
  if (sort.key === 'name') {
    return copy.sort((a, b) => sign * byKindAndName(a, b));
  }
  const key = sort.key;
  return copy.sort((a, b) => {
    const va = sortValue(a, key);
    const vb = sortValue(b, key);
    if (va === null || vb === null) {
      if (va === null && vb === null) return byKindAndName(a, b);
      return va === null ? 1 : -1;
    }
    return sign * (va - vb) || byKindAndName(a, b);
  });
}

/** Clicking a column: the same column flips direction; a new one starts with the natural order. */
export function nextSort(current: SortState, key: SortKey): SortState {
  if (current.key === key) {
    return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  return { key, direction: key === 'name' ? 'ascending' : 'descending' };
}
