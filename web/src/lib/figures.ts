/**
 * Published figures and the values withheld by disclosure control.
 *
 * A withheld value comes back from the public API as `null` with a status (WITHHELD or
 * NOT_AVAILABLE; releases before the audit also said BELOW_THRESHOLD or COMPLEMENTARY). It is
 * shown as "—" with its reason, never as 0.
 */
import type { ValueStatus } from '../public/types';
import type { MessageKey, Params } from '../i18n';
import { INSTANSI_TIME_ZONE } from './instansiTime';

export interface Figure {
  value: number | null;
  status: ValueStatus | null;
}

/** What a figure counts, which decides the disclosure threshold quoted in the reason. */
export type FigureKind = 'headcount' | 'share';

export interface Thresholds {
  /** Plain head counts (default 5). */
  headcount: number;
  /** Percentages, averages and distributions (default 10). */
  distribution: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { headcount: 5, distribution: 10 };

export type Shown =
  | { withheld: false; text: string }
  | { withheld: true; text: string; reason: MessageKey; short: MessageKey; params: Params };

export const WITHHELD_MARK = '—';

export function figure(value: number | null | undefined, status: ValueStatus | null | undefined): Figure {
  return { value: value ?? null, status: status ?? null };
}

export function isWithheld(f: Figure): boolean {
  return f.value === null || f.value === undefined;
}

/** Why a value is withheld: a full sentence (`reason`) and a table-cell form (`short`). */
export function withheldReason(
  status: ValueStatus | null,
  kind: FigureKind,
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): { reason: MessageKey; short: MessageKey; params: Params } {
  const people = kind === 'headcount' ? thresholds.headcount : thresholds.distribution;
  switch (status) {
    case 'WITHHELD':
      // One reason for every protected value: which rule applied would give a range.
      return { reason: 'withheld.protected', short: 'withheld.protectedShort', params: { n: people } };
    case 'BELOW_THRESHOLD':
      return { reason: 'withheld.belowThreshold', short: 'withheld.belowThresholdShort', params: { n: people } };
    case 'COMPLEMENTARY':
      return { reason: 'withheld.complementary', short: 'withheld.complementaryShort', params: {} };
    default:
      // NOT_AVAILABLE, or null without a status (defensive: still never a zero).
      return { reason: 'withheld.notAvailable', short: 'withheld.notAvailableShort', params: {} };
  }
}

export function formatNumber(value: number, locale: string, fractionDigits = 0): string {
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

/** A percentage with one decimal, e.g. `97,2 %` (id) or `97.2%` (en). */
export function formatPct(value: number, locale: string): string {
  const number = formatNumber(value, locale, 1);
  return locale.startsWith('id') ? `${number} %` : `${number}%`;
}

export type Format = 'count' | 'pct' | 'score' | 'ikm';

export function formatValue(value: number, format: Format, locale: string): string {
  switch (format) {
    case 'count':
      return formatNumber(value, locale, 0);
    case 'pct':
      return formatPct(value, locale);
    case 'score':
      return formatNumber(value, locale, 2); // NRR and IKM 1–4
    case 'ikm':
      return formatNumber(value, locale, 2); // converted 25–100
  }
}

/** The text of a figure, or "—" with the reason to show beside it. */
export function showFigure(
  f: Figure,
  format: Format,
  kind: FigureKind,
  locale: string,
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): Shown {
  if (f.value === null) return { withheld: true, text: WITHHELD_MARK, ...withheldReason(f.status, kind, thresholds) };
  return { withheld: false, text: formatValue(f.value, format, locale) };
}

/** IKM bands on the converted value (PermenPANRB 14/2017): the server's band wins when given. */
export type Band = 'A' | 'B' | 'C' | 'D';

export function bandOf(converted: number): Band {
  if (converted >= 88.31) return 'A';
  if (converted >= 76.61) return 'B';
  if (converted >= 65) return 'C';
  return 'D';
}

export function isBand(value: unknown): value is Band {
  return value === 'A' || value === 'B' || value === 'C' || value === 'D';
}

/** `2026-11-27T21:35:20+00:00` → `27 November 2026` in the reader's language (calendar date in WIB). */
export function formatDate(iso: string, locale: string): string {
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: iso.length === 10 ? 'UTC' : INSTANSI_TIME_ZONE,
  }).format(date);
}

/** Predicate categories in their order on the scale (PermenPANRB 6/2022), best first. */
export const CATEGORIES = ['SANGAT_BAIK', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface CategoryShare {
  category: Category;
  figure: Figure;
  /** Share of the total in %, only when every count of the distribution is published. */
  pct: number | null;
}

/**
 * A distribution in scale order with shares. When any count is withheld the shares are left out
 * too: a share of the visible counts would overstate each of them.
 */
export function distributionShares(
  rows: ReadonlyArray<{ category: string; count: number | null; status: ValueStatus | null }>,
): CategoryShare[] {
  const byCategory = new Map(rows.map((r) => [r.category, r]));
  const figures = CATEGORIES.map((category) => {
    const row = byCategory.get(category);
    return { category, figure: row ? figure(row.count, row.status) : figure(null, 'NOT_AVAILABLE') };
  });
  const complete = figures.every((f) => f.figure.value !== null);
  const total = complete ? figures.reduce((sum, f) => sum + (f.figure.value ?? 0), 0) : 0;
  return figures.map((f) => ({ ...f, pct: complete && total > 0 ? ((f.figure.value ?? 0) / total) * 100 : null }));
}
