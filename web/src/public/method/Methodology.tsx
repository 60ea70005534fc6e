/**
 * /kinerja/metodologi — the methodology in plain words: what each figure means and how it is
 * computed (labels from this page's catalogue, never API field names or codes), IKM bands,
 * why figures are withheld, releases and corrections, licence and contact. Thresholds, version
 * and releases come from the API; a definition the API adds later without a text here is shown
 * with its own description.
 */
import { LoadError, Loading, PageHeading } from '../../components';
import type { MethodologyQuery } from '../types';
import { formatDate } from '../../lib/figures';
import { loadMethodology } from '../../lib/kinerjaData';
import { useAsync } from '../../lib/useAsync';
import { useMethodMessages, type MethodMessageKey } from './messages';
import { useI18n } from '../../i18n';

const KNOWN = [
  'headcount',
  'directHeadcount',
  'skpCoveragePct',
  'realizationOnTimePct',
  'evaluationCompletionPct',
  'distribution',
  'orgPerformance',
  'objections',
  'ikm',
  'requiredSample',
  'disclosure',
] as const;

export function MethodologyPage() {
  const { t } = useI18n();
  const data = useAsync(loadMethodology);
  return (
    <div class="readable">
      <p class="back-link">
        <a href="/kinerja">{t('unit.back')}</a>
      </p>
      <PageHeading>{t('method.title')}</PageHeading>
      {data.status === 'loading' ? <Loading /> : null}
      {data.status === 'error' ? <LoadError onRetry={data.reload} error={data.error} /> : null}
      {data.status === 'success' ? <MethodologyBody data={data.data} /> : null}
    </div>
  );
}

function MethodologyBody(props: { data: MethodologyQuery }) {
  const { t, locale, lang } = useMethodMessages();
  const m = props.data.methodology;
  const known = new Set<string>(KNOWN);
  const served = new Set(m.definitions.map((d) => d.key));
  const others = m.definitions.filter((d) => !known.has(d.key));
  return (
    <>
      <p class="lead">{t('intro', { version: m.version })}</p>
      <section aria-labelledby="definitions-heading" class="section" data-testid="method-definitions">
        <h2 id="definitions-heading">{t('figuresHeading')}</h2>
        {KNOWN.filter((key) => served.has(key) || key === 'disclosure').map((key) => (
          <article key={key} class="definition" data-key={key}>
            <h3>{t(`def.${key}` as MethodMessageKey)}</h3>
            <p>{t(`def.${key}.what` as MethodMessageKey)}</p>
            <p>
              <strong>{t('formulaLabel')}:</strong> {t(`def.${key}.how` as MethodMessageKey)}
            </p>
          </article>
        ))}
      </section>
      {others.length > 0 ? (
        <section aria-labelledby="others-heading" class="section">
          <h2 id="others-heading">{t('otherHeading')}</h2>
          <ul>
            {others.map((d) => (
              <li key={d.key}>{lang === 'id' ? d.descriptionId : d.descriptionEn}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="bands-heading" class="section">
        <h2 id="bands-heading">{t('bandsHeading')}</h2>
        <p>{t('bandsIntro')}</p>
        <ul>
          {(['A', 'B', 'C', 'D'] as const).map((band) => (
            <li key={band}>{t(`band.${band}`)}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="withheld-heading" class="section" data-testid="method-withheld">
        <h2 id="withheld-heading">{t('withheldHeading')}</h2>
        <p>{t('withheldBody1', { headcount: m.headcountThreshold, distribution: m.distributionThreshold })}</p>
        <p>{t('withheldBody2')}</p>
        <p>{t('withheldBody3')}</p>
      </section>
      <section aria-labelledby="releases-heading" class="section">
        <h2 id="releases-heading">{t('releasesHeading')}</h2>
        <p>{t('releasesBody')}</p>
        <ul>
          {props.data.releases.map((r) => (
            <li key={r.number}>
              {t('releaseItem', { number: String(r.number), period: r.periodCode, published: formatDate(r.publishedAt, locale) })}
              {r.supersedesNumber !== null ? `; ${t('supersedes', { number: String(r.supersedesNumber) })}` : ''}
              {r.supersededByNumber !== null ? `; ${t('supersededBy', { number: String(r.supersededByNumber) })}` : ''}
            </li>
          ))}
        </ul>
        <p>
          <a href="/data">{t('dataLink')}</a>
        </p>
      </section>
      <section aria-labelledby="licence-heading" class="section">
        <h2 id="licence-heading">{t('licenceHeading')}</h2>
        <p>
          {t('licenceBody')}{' '}
          <a href={m.licenceUrl} rel="license">
            {m.licence}
          </a>
          .
        </p>
        <p>
          {t('contact')} {m.contact}
        </p>
      </section>
    </>
  );
}
