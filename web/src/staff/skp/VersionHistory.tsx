/** The set versions of an SKP (oldest first): who set each and when; open one to read it. */
import { useState } from 'preact/hooks';
import { formatDateTime } from '../messages';
import { useSkpMessages } from './messages';
import type { PlanFieldsFragment } from './PlanFields.generated';
import { documentOfVersion } from './planData';
import { PlanView, type CoreValueInfo } from './PlanView';

export function VersionHistory(props: {
  plan: PlanFieldsFragment;
  jpt: boolean;
  coreValues: ReadonlyArray<CoreValueInfo>;
  known: Map<string, { text: string; ownerName: string | null }>;
}) {
  const { t, locale } = useSkpMessages();
  const [open, setOpen] = useState<number | null>(null);
  const { plan } = props;
  return (
    <section class="card no-print" aria-labelledby="history-heading" data-testid="version-history">
      <h2 id="history-heading">{t('history.heading')}</h2>
      {plan.versions.length === 0 ? (
        <p class="muted">{t('history.none')}</p>
      ) : (
        <ol class="version-list">
          {[...plan.versions].reverse().map((v) => {
            const date = formatDateTime(v.approvedAt, locale);
            const shown = open === v.revision;
            const panel = `version-${v.revision}`;
            return (
              <li key={v.revision} data-testid="version" data-revision={v.revision}>
                <p>
                  {v.approvedBy
                    ? t('history.item', { revision: v.revision, date, name: v.approvedBy.name })
                    : t('history.itemNoName', { revision: v.revision, date })}
                </p>
                <button
                  type="button"
                  class="button button-secondary button-small"
                  aria-expanded={shown ? 'true' : 'false'}
                  aria-controls={shown ? panel : undefined}
                  onClick={() => setOpen(shown ? null : v.revision)}
                  data-testid="version-toggle"
                >
                  {shown ? t('history.hide', { revision: v.revision }) : t('history.show', { revision: v.revision })}
                </button>
                {shown ? (
                  <div id={panel} class="version-panel" role="region" aria-label={t('history.versionTitle', { revision: v.revision })}>
                    <PlanView
                      doc={documentOfVersion(v.content, { year: plan.year.year, jpt: props.jpt, approvedAt: v.approvedAt, known: props.known })}
                      coreValues={props.coreValues}
                      idPrefix={panel}
                      testId="version-document"
                    />
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
