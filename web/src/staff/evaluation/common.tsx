/** Pieces the evaluation, keberatan and coaching screens share: labels, deadlines, headings. */
import type { Cadence, Rating } from '../../graphql/internal/types';
import { daysBetween, formatDay, periodLabel, useStaffMessages } from '../messages';
import { useEvaluationMessages } from './messages';
import { todayInstansi } from '../../lib/instansiTime';

export function useRatingLabel(): (rating: Rating | null | undefined) => string {
  const { t } = useEvaluationMessages();
  return (rating) => (rating ? t(`rating.${rating}`) : t('rating.none'));
}

/** "Bulan 11 2026" / "Tahunan 2026" of an evaluation. */
export function useEvaluationPeriod(): (e: { period: { number: number } | null; plan: { year: { year: number; cadence: Cadence } } | null }) => string {
  const s = useStaffMessages();
  const { t } = useEvaluationMessages();
  return (e) => {
    const cadence = e.plan?.year.cadence ?? 'BULANAN';
    const year = e.plan ? String(e.plan.year.year) : '';
    return t('eval.periodYear', { period: periodLabel(s.t, cadence, e.period?.number ?? null), year }).trim();
  };
}

/** "3 Desember 2026 (5 hari lagi)". */
export function useDeadlineText(): (day: string, today?: string) => { date: string; left: string; passed: boolean } {
  const s = useStaffMessages();
  return (day, today = todayInstansi()) => {
    const days = daysBetween(today, day);
    const left = days === 0 ? s.t('date.today') : days > 0 ? s.t('date.daysLeft', { count: days }) : s.t('date.daysLate', { count: -days });
    return { date: formatDay(day, s.locale), left, passed: days < 0 };
  };
}
