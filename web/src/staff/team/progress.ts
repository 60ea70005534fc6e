/**
 * Pure rules of the team overview and the evaluation screen (tested in team.test.ts):
 * which period runs today, which one's realisasi was last due, how many IKI are filled in, and
 * the predicate of two ratings read from the matrix the server sends (Evaluation.predicateMatrix:
 * the cells the server rates with, so the screen never keeps its own copy of the policy).
 */
import type { Predicate, Rating } from '../../graphql/internal/types';

export interface PeriodDates {
  number: number;
  startDate: string;
  endDate: string;
  realizationDue: string;
}

/** The period that contains `today` (ISO dates compare as strings). */
export function currentPeriod<P extends PeriodDates>(periods: readonly P[], today: string): P | null {
  return periods.find((p) => p.startDate <= today && today <= p.endDate) ?? null;
}

/** The latest period whose realisasi deadline has passed. */
export function lastDuePeriod<P extends PeriodDates>(periods: readonly P[], today: string): P | null {
  let found: P | null = null;
  for (const p of periods) if (p.realizationDue < today && (found === null || p.number > found.number)) found = p;
  return found;
}

export interface IndicatorProgress {
  latestRealization: { periodNumber: number } | null;
}

/** IKI whose latest filled realisasi reaches period `number`. */
export function filledUpTo(indicators: readonly IndicatorProgress[], number: number): number {
  return indicators.filter((i) => i.latestRealization !== null && i.latestRealization.periodNumber >= number).length;
}

export interface MatrixCell {
  resultRating: Rating;
  behaviorRating: Rating;
  predicate: Predicate;
}

export function predicateFrom(cells: readonly MatrixCell[], result: string, behavior: string): Predicate | null {
  return cells.find((c) => c.resultRating === result && c.behaviorRating === behavior)?.predicate ?? null;
}

export const RATINGS: readonly Rating[] = ['DI_ATAS_EKSPEKTASI', 'SESUAI_EKSPEKTASI', 'DI_BAWAH_EKSPEKTASI'];

export function isRating(value: string): value is Rating {
  return (RATINGS as readonly string[]).includes(value);
}
