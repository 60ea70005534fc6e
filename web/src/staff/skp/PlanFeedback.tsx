/**
 * Feedback per RHK and per IKI of one SKP (umpan balik berkelanjutan), on My SKP and on the
 * Pejabat Penilai's review: every RHK and IKI with its own feedback toggle. Threads load only
 * when opened (FeedbackToggle), so the list costs no query per RHK.
 */
import { FeedbackToggle } from '../feedback/FeedbackToggle';
import { useSkpMessages } from './messages';
import { Card } from './parts';
import type { PlanFieldsFragment } from './PlanFields.generated';

export function PlanFeedbackCard(props: { plan: PlanFieldsFragment }) {
  const { t } = useSkpMessages();
  const { plan } = props;
  const results = [...plan.workResults].sort((a, b) => a.ordinal - b.ordinal);
  return (
    <Card id="skp-feedback" title={t('fbk.heading')} class="no-print" testId="skp-feedback">
      <p class="hint">{t('fbk.help')}</p>
      {results.length === 0 ? (
        <p>{t('fbk.empty')}</p>
      ) : (
        <ol class="skp-feedback-list">
          {results.map((r, index) => {
            const rhk = t('fbk.rhk', { number: String(index + 1), text: r.text });
            return (
              <li key={r.id} data-testid="rhk-feedback" data-rhk-id={r.id}>
                <h3 class="skp-feedback-rhk">{rhk}</h3>
                <FeedbackToggle planId={plan.id} target="RHK" targetId={r.id} label={rhk} />
                {r.indicators.length > 0 ? (
                  <ul class="skp-feedback-iki">
                    {r.indicators.map((i) => (
                      <li key={i.id} data-testid="iki-feedback" data-indicator-id={i.id}>
                        <p>{t('fbk.iki', { text: i.text })}</p>
                        <FeedbackToggle planId={plan.id} target="IKI" targetId={i.id} label={t('fbk.iki', { text: i.text })} />
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
