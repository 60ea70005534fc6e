/** /kinerja/metodologi — formulas, disclosure thresholds, licence and the list of releases. */
import { Link, LoadError, Loading, PageHeading } from '../components';
import type { MethodologyQuery } from '../graphql/types';
import { localeOf, useI18n } from '../i18n';
import { formatDate } from '../lib/figures';
import { loadMethodology } from '../lib/kinerjaData';
import { useAsync } from '../lib/useAsync';

export function MethodologyPage() {
  const { t } = useI18n();
  const data = useAsync(loadMethodology);
  return (
    <>
      <p class="back-link">
        <Link href="/kinerja">{t('unit.back')}</Link>
      </p>
      <PageHeading>{t('method.title')}</PageHeading>
      {data.status === 'loading' ? <Loading /> : null}
      {data.status === 'error' ? <LoadError onRetry={data.reload} /> : null}
      {data.status === 'success' ? <MethodologyBody data={data.data} /> : null}
    </>
  );
}

function MethodologyBody(props: { data: MethodologyQuery }) {
  const { t, lang } = useI18n();
  const m = props.data.methodology;
  const locale = localeOf(lang);
  return (
    <>
      <p class="lead">{t('method.intro', { version: m.version })}</p>
      <p>{t('method.thresholds', { headcount: m.headcountThreshold, distribution: m.distributionThreshold })}</p>
      <section aria-labelledby="definitions-heading" class="section">
        <h2 id="definitions-heading">{t('method.definitionsHeading')}</h2>
        <div class="table-scroll" role="region" aria-labelledby="definitions-caption" tabIndex={0}>
          <table class="data-table">
            <caption id="definitions-caption">{t('method.definitionsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('method.col.key')}</th>
                <th scope="col">{t('method.col.formula')}</th>
                <th scope="col">{t('method.col.description')}</th>
              </tr>
            </thead>
            <tbody>
              {m.definitions.map((d) => (
                <tr key={d.key}>
                  <th scope="row">
                    <code>{d.key}</code>
                  </th>
                  <td>{d.formula}</td>
                  <td lang={lang}>{lang === 'id' ? d.descriptionId : d.descriptionEn}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="releases-heading" class="section">
        <h2 id="releases-heading">{t('method.releasesHeading')}</h2>
        <ul>
          {props.data.releases.map((r) => (
            <li key={r.number}>
              {t('method.releaseItem', {
                number: String(r.number),
                period: r.periodCode,
                published: formatDate(r.publishedAt, locale),
              })}
              {r.supersedesNumber !== null ? `; ${t('method.supersedes', { number: String(r.supersedesNumber) })}` : ''}
              {r.supersededByNumber !== null ? `; ${t('method.supersededBy', { number: String(r.supersededByNumber) })}` : ''}
              {' · '}
              <a href={`/public/data/${r.number}/datapackage.json`}>datapackage.json</a>
            </li>
          ))}
        </ul>
        <p>
          {t('kinerja.licence')}{' '}
          <a href={m.licenceUrl} rel="license">
            {m.licence}
          </a>
          . {t('method.contact')} {m.contact}
        </p>
      </section>
    </>
  );
}
