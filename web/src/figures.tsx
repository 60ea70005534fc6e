/** Showing published figures: a value, or "—" with the reason it is withheld. */
import type { ValueStatus } from './public/types';
import { localeOf, useI18n } from './i18n';
import { isBand, showFigure, type FigureKind, type Format, type Thresholds } from './lib/figures';

/**
 * One figure. `long` gives the full sentence (summaries, fact lists); otherwise the short
 * form fits a table cell. The dash is hidden from screen readers, which read the reason.
 */
export function FigureValue(props: {
  value: number | null;
  status: ValueStatus | null;
  format: Format;
  kind: FigureKind;
  thresholds: Thresholds;
  long?: boolean;
}) {
  const { t, lang } = useI18n();
  const shown = showFigure({ value: props.value, status: props.status }, props.format, props.kind, localeOf(lang), props.thresholds);
  if (!shown.withheld) return <span class="figure">{shown.text}</span>;
  return (
    <span class="withheld" data-withheld={props.status ?? 'NOT_AVAILABLE'}>
      <span aria-hidden="true" class="withheld-mark">
        {shown.text}
      </span>{' '}
      <span class="withheld-why">{t(props.long ? shown.reason : shown.short, shown.params)}</span>
    </span>
  );
}

/** The band letter (A–D) with its label in the long form. */
export function BandLabel(props: { band: string | null; long?: boolean }) {
  const { te } = useI18n();
  if (!isBand(props.band)) return null;
  return <span class={`band band-${props.band}`}>{props.long ? te('band', props.band) : props.band}</span>;
}

/** The legend under a table that holds withheld values. */
export function WithheldLegend(props: { thresholds: Thresholds }) {
  const { t } = useI18n();
  return (
    <div class="legend">
      <p>{t('withheld.legendTitle')}</p>
      <ul>
        <li>{t('withheld.legendBelow', { n: props.thresholds.distribution, h: props.thresholds.headcount })}</li>
        <li>{t('withheld.legendComplementary')}</li>
        <li>{t('withheld.legendNotAvailable')}</li>
      </ul>
    </div>
  );
}

/** A figure as plain text (chart labels, titles): the value, or "— <reason>". */
export function useFigureText(): (
  value: number | null,
  status: ValueStatus | null,
  format: Format,
  kind: FigureKind,
  thresholds: Thresholds,
) => string {
  const { t, lang } = useI18n();
  return (value, status, format, kind, thresholds) => {
    const shown = showFigure({ value, status }, format, kind, localeOf(lang), thresholds);
    return shown.withheld ? `${shown.text} ${t(shown.short, shown.params)}` : shown.text;
  };
}
