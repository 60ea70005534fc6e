/** /data — open data: downloads per release with checksums, the data dictionary, licence and release history. */
import { useState } from 'preact/hooks';
import { LoadError, Loading, PageHeading, ScrollTable } from '../../components';
import { formatDate, formatNumber } from '../../lib/figures';
import { useAsync } from '../../lib/useAsync';
import {
  currentRelease,
  datasets,
  fileHref,
  loadDataPackage,
  loadReleaseIndex,
  sha256Of,
  type DataPackage,
  type ReleaseEntry,
} from './openData';
import { useDataMessages } from './messages';

export function OpenDataPage() {
  const { t } = useDataMessages();
  const index = useAsync(loadReleaseIndex);
  return (
    <>
      <PageHeading>{t('title')}</PageHeading>
      <p class="lead">{t('intro')}</p>
      {index.status === 'loading' ? <Loading /> : null}
      {index.status === 'error' ? <LoadError onRetry={index.reload} error={index.error} /> : null}
      {index.status === 'success' ? <Releases releases={index.data.releases} /> : null}
      <p>
        <a href="/api-publik">{t('apiLink')}</a>
      </p>
    </>
  );
}

function Releases(props: { releases: ReleaseEntry[] }) {
  const { t } = useDataMessages();
  const [selected, setSelected] = useState<number | null>(currentRelease(props.releases)?.number ?? null);
  if (selected === null) {
    return (
      <p class="notice notice-info" data-testid="no-release">
        {t('noRelease')}
      </p>
    );
  }
  return (
    <>
      <div class="field">
        <label for="release-select">{t('releaseLabel')}</label>
        <select id="release-select" value={String(selected)} onChange={(e) => setSelected(Number(e.currentTarget.value))}>
          {props.releases.map((r) => (
            <option key={r.number} value={String(r.number)}>
              {r.superseded_by === null
                ? t('releaseOption', { number: String(r.number), period: r.period })
                : t('releaseOptionReplaced', { number: String(r.number), period: r.period, by: String(r.superseded_by) })}
            </option>
          ))}
        </select>
      </div>
      <ReleaseFiles key={selected} number={selected} replacedBy={props.releases.find((r) => r.number === selected)?.superseded_by ?? null} />
      <History releases={props.releases} />
    </>
  );
}

function ReleaseFiles(props: { number: number; replacedBy: number | null }) {
  const pkg = useAsync((signal) => loadDataPackage(props.number, signal));
  return (
    <div aria-live="polite">
      {pkg.status === 'loading' ? <Loading /> : null}
      {pkg.status === 'error' ? <LoadError onRetry={pkg.reload} error={pkg.error} /> : null}
      {pkg.status === 'success' ? <PackageView pkg={pkg.data} replacedBy={props.replacedBy} /> : null}
    </div>
  );
}

function PackageView(props: { pkg: DataPackage; replacedBy: number | null }) {
  const { t, locale, lang } = useDataMessages();
  const { pkg } = props;
  const n = pkg.release;
  const sets = datasets(pkg);
  const replacedBy = props.replacedBy;
  const licence = pkg.licenses[0];
  const publisher = pkg.contributors.find((c) => c.role === 'publisher')?.title ?? '';
  return (
    <>
      <section aria-labelledby="downloads-heading" class="section" data-testid="release-downloads" data-release={n}>
        <h2 id="downloads-heading">{t('downloadsHeading', { number: String(n) })}</h2>
        <p>
          {t('downloadsIntro', {
            period: pkg.period.label ?? pkg.period.code,
            start: formatDate(pkg.period.start, locale),
            end: formatDate(pkg.period.end, locale),
            published: formatDate(pkg.published_at, locale),
          })}
        </p>
        {pkg.synthetic === true ? (
          <p class="notice notice-warning" data-testid="synthetic-notice">
            {t('syntheticNotice')}
          </p>
        ) : null}
        {replacedBy !== null ? <p class="notice notice-warning">{t('replacedNotice', { by: String(replacedBy) })}</p> : null}
        {pkg.supersedes !== null ? <p class="notice notice-info">{t('supersedesNotice', { number: String(pkg.supersedes) })}</p> : null}
        <ScrollTable captionId="files-caption" testId="files-table" caption={t('filesCaption', { number: String(n) })}>
          <thead>
            <tr>
              <th scope="col">{t('colDataset')}</th>
              <th scope="col">{t('colFiles')}</th>
              <th scope="col" class="num">
                {t('colRows')}
              </th>
              <th scope="col">{t('colChecksum')}</th>
            </tr>
          </thead>
          <tbody>
            {sets.map((set) => (
              <tr key={set.key} data-testid="dataset" data-dataset={set.key}>
                <th scope="row">{lang === 'id' ? set.title.split(' / ')[0] : (set.title.split(' / ')[1] ?? set.title)}</th>
                <td>
                  {set.csv ? (
                    <a href={fileHref(n, set.csv.path)} download data-testid="download-csv">
                      {set.csv.path}
                    </a>
                  ) : null}{' '}
                  {set.csv ? <span class="figure-sub">{t('size', { size: formatNumber(set.csv.bytes / 1000, locale, 1) })}</span> : null}
                  {set.json ? (
                    <>
                      {' · '}
                      <a href={fileHref(n, set.json.path)}>{set.json.path}</a>
                    </>
                  ) : null}
                </td>
                <td class="num">{set.csv ? formatNumber(set.csv.rows, locale) : ''}</td>
                <td>
                  {set.csv ? (
                    <code class="checksum" data-testid="checksum">
                      {sha256Of(set.csv)}
                    </code>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
        <p>
          <a href={fileHref(n, 'datapackage.json')} data-testid="datapackage">
            {t('packageLink')}
          </a>
        </p>
        <h3>{t('verifyHeading')}</h3>
        <p>{t('verifyBody')}</p>
        <pre class="code-block">
          <code>{`sha256sum kinerja-rilis-${n}-units.csv`}</code>
        </pre>
        <p>{t('verifyWindows')}</p>
        <pre class="code-block">
          <code>{`Get-FileHash kinerja-rilis-${n}-units.csv -Algorithm SHA256`}</code>
        </pre>
      </section>
      <section aria-labelledby="dictionary-heading" class="section" data-testid="data-dictionary">
        <h2 id="dictionary-heading">{t('dictionaryHeading')}</h2>
        <p>{t('dictionaryIntro')}</p>
        {sets.map((set) =>
          set.csv ? (
            <details key={set.key} class="dictionary">
              <summary>{set.csv.path}</summary>
              <ScrollTable captionId={`dict-${set.key}`} caption={t('dictionaryCaption', { file: set.csv.path })}>
                <thead>
                  <tr>
                    <th scope="col">{t('colColumn')}</th>
                    <th scope="col">{t('colType')}</th>
                    <th scope="col">{t('colMeaning')}</th>
                  </tr>
                </thead>
                <tbody>
                  {set.csv.schema.fields.map((f) => (
                    <tr key={f.name}>
                      <th scope="row">
                        <code>{f.name}</code>
                      </th>
                      <td>{f.type}</td>
                      <td>{lang === 'id' ? f.description_id : f.description_en}</td>
                    </tr>
                  ))}
                </tbody>
              </ScrollTable>
            </details>
          ) : null,
        )}
      </section>
      {licence ? (
        <section aria-labelledby="licence-heading" class="section">
          <h2 id="licence-heading">{t('licenceHeading')}</h2>
          <p>
            {t('licenceBody', { licence: licence.name, publisher })}{' '}
            <a href={licence.path} rel="license">
              {licence.name}
            </a>
          </p>
        </section>
      ) : null}
    </>
  );
}

function History(props: { releases: ReleaseEntry[] }) {
  const { t, locale } = useDataMessages();
  return (
    <section aria-labelledby="history-heading" class="section" data-testid="release-history">
      <h2 id="history-heading">{t('historyHeading')}</h2>
      <ScrollTable captionId="history-caption" caption={t('historyCaption')}>
        <thead>
          <tr>
            <th scope="col">{t('colRelease')}</th>
            <th scope="col">{t('colPeriod')}</th>
            <th scope="col">{t('colPublished')}</th>
            <th scope="col">{t('colStatus')}</th>
          </tr>
        </thead>
        <tbody>
          {props.releases.map((r) => (
            <tr key={r.number}>
              <th scope="row">#{r.number}</th>
              <td>{r.period}</td>
              <td>
                <time dateTime={r.published_at}>{formatDate(r.published_at, locale)}</time>
              </td>
              <td>{r.superseded_by === null ? t('statusCurrent') : t('statusReplaced', { by: String(r.superseded_by) })}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </section>
  );
}
