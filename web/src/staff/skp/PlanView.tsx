/**
 * The read-only SKP in the layout of the official form (PermenPANRB 6/2022, Lampiran: format
 * SKP): identities of the pegawai and the Pejabat Penilai Kinerja, Hasil Kerja (the RHK of the
 * leader intervened — for a JPT the organisation goal —, RHK, aspect, IKI, target; A. Utama and
 * B. Tambahan), Perilaku Kerja (BerAKHLAK with the leader's specific expectations), the Lampiran
 * and the signatures. My SKP, its versions and the Pejabat Penilai's review all render it; the
 * print style sheet prints only `.skp-document`.
 */
import type { ComponentChildren } from 'preact';
import type { CoreValue, WorkResultKind } from '../../graphql/internal/types';
import { formatDay } from '../messages';
import { useSkpMessages } from './messages';
import { targetText, type PersonView, type PlanDocument, type WorkResultView } from './planData';

export interface CoreValueInfo {
  value: CoreValue;
  label: string;
  indicators: ReadonlyArray<string>;
}

const KINDS: WorkResultKind[] = ['UTAMA', 'TAMBAHAN'];

export function PlanView(props: {
  doc: PlanDocument;
  coreValues: ReadonlyArray<CoreValueInfo>;
  /** Prefix of element ids (several documents can be on one page). */
  idPrefix: string;
  approach?: 'KUANTITATIF' | 'KUALITATIF';
  testId?: string;
}) {
  const { t } = useSkpMessages();
  const { doc, idPrefix } = props;
  return (
    <article class="skp-document" aria-labelledby={`${idPrefix}-title`} data-testid={props.testId ?? 'skp-document'}>
      <header class="skp-doc-head">
        <p class="skp-doc-title" id={`${idPrefix}-title`}>
          {t('doc.title')}
        </p>
        <p>{t(`doc.approach.${props.approach ?? 'KUANTITATIF'}`)}</p>
        <p>{doc.jpt ? t('doc.forJpt') : t('doc.forStaff')}</p>
        <div class="skp-doc-meta">
          <span>{t('doc.government')}</span>
          <span>{t('doc.period', { year: String(doc.year) })}</span>
        </div>
      </header>
      <div class="skp-identities">
        <Identity caption={t('doc.pegawai')} person={doc.pegawai} testId="skp-pegawai" />
        {doc.penilai ? (
          <Identity caption={t('doc.penilai')} person={doc.penilai} testId="skp-penilai" />
        ) : (
          <p class="skp-identity-missing">{t('doc.noAssessor')}</p>
        )}
      </div>
      <Results doc={doc} idPrefix={idPrefix} />
      <Behaviors doc={doc} coreValues={props.coreValues} idPrefix={idPrefix} />
      <Lampiran doc={doc} idPrefix={idPrefix} />
      <Signatures doc={doc} />
    </article>
  );
}

function Identity(props: { caption: string; person: PersonView; testId: string }) {
  const { t } = useSkpMessages();
  const { person } = props;
  const rows: Array<[string, string | null]> = [
    [t('doc.name'), person.name],
    [t('doc.nip'), person.nip],
    [t('doc.rank'), person.rank],
    [t('doc.position'), person.position],
    [t('doc.unit'), person.unit],
  ];
  return (
    <table class="data-table skp-identity" data-testid={props.testId}>
      <caption>{props.caption}</caption>
      <tbody>
        {rows.map(([label, value], index) => (
          <tr key={label}>
            <td class="skp-no">{index + 1}</td>
            <th scope="row">{label}</th>
            <td>{value || t('doc.notSet')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A wide table in a focusable region that scrolls sideways on a phone (never the page). */
function Scroll(props: { label: string; children: ComponentChildren }) {
  const { t } = useSkpMessages();
  return (
    <div class="table-scroll" role="region" tabIndex={0} aria-label={t('doc.scrollRegion', { caption: props.label })}>
      {props.children}
    </div>
  );
}

function Results(props: { doc: PlanDocument; idPrefix: string }) {
  const { t } = useSkpMessages();
  const { doc } = props;
  const columns = doc.jpt ? 7 : 6;
  return (
    <section class="skp-section" aria-labelledby={`${props.idPrefix}-results`}>
      <h3 id={`${props.idPrefix}-results`}>{t('doc.results')}</h3>
      <Scroll label={t('doc.results')}>
        <table class="data-table skp-table">
          <caption class="visually-hidden">{t('doc.resultsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('doc.col.no')}</th>
              <th scope="col">{doc.jpt ? t('doc.col.goal') : t('doc.col.parent')}</th>
              <th scope="col">{t('doc.col.rhk')}</th>
              <th scope="col">{t('doc.col.aspect')}</th>
              <th scope="col">{t('doc.col.iki')}</th>
              <th scope="col">{t('doc.col.target')}</th>
              {doc.jpt ? <th scope="col">{t('doc.col.perspective')}</th> : null}
            </tr>
          </thead>
          {KINDS.map((kind) => {
            const results = doc.workResults.filter((r) => r.kind === kind);
            return (
              <tbody key={kind}>
                <tr class="skp-group">
                  <th scope="rowgroup" colSpan={columns}>
                    {t(`doc.kind.${kind}`)}
                  </th>
                </tr>
                {results.length === 0 ? (
                  <tr>
                    <td colSpan={columns} class="skp-empty">
                      {t('doc.noResults')}
                    </td>
                  </tr>
                ) : (
                  results.map((r, index) => <ResultRows key={r.id} result={r} number={index + 1} jpt={doc.jpt} />)
                )}
              </tbody>
            );
          })}
        </table>
      </Scroll>
    </section>
  );
}

function ResultRows(props: { result: WorkResultView; number: number; jpt: boolean }) {
  const { t, locale } = useSkpMessages();
  const { result: r, jpt } = props;
  const span = Math.max(1, r.indicators.length);
  const link = jpt
    ? r.orgGoal
      ? (r.orgGoal.text ?? t('doc.parentUnknown'))
      : t('doc.noParent')
    : r.parent
      ? r.parent.text
        ? r.parent.ownerName
          ? t('doc.parentOwner', { text: r.parent.text, owner: r.parent.ownerName })
          : r.parent.text
        : t('doc.parentUnknown')
      : t('doc.noParent');
  const head = (
    <>
      <td rowSpan={span} class="skp-no">
        {props.number}
      </td>
      <td rowSpan={span} class="skp-parent" data-testid="skp-parent">
        {link}
      </td>
      <th scope="row" rowSpan={span} class="skp-rhk">
        {r.text}
      </th>
    </>
  );
  if (r.indicators.length === 0) {
    return (
      <tr data-testid="skp-rhk-row" data-rhk-id={r.id} data-parent-id={r.parent?.id ?? ''}>
        {head}
        <td colSpan={jpt ? 4 : 3} class="skp-empty">
          {t('doc.noIndicator')}
        </td>
      </tr>
    );
  }
  return (
    <>
      {r.indicators.map((i, index) => (
        <tr
          key={i.id}
          data-testid={index === 0 ? 'skp-rhk-row' : undefined}
          data-rhk-id={index === 0 ? r.id : undefined}
          data-parent-id={index === 0 ? (r.parent?.id ?? '') : undefined}
        >
          {index === 0 ? head : null}
          <td>{t(`aspect.${i.aspect}`)}</td>
          <td data-testid="skp-iki">{i.text}</td>
          <td>{targetText(i, locale) || t('doc.notSet')}</td>
          {jpt ? <td>{i.perspective ? t(`perspective.${i.perspective}`) : t('doc.notSet')}</td> : null}
        </tr>
      ))}
    </>
  );
}

function Behaviors(props: { doc: PlanDocument; coreValues: ReadonlyArray<CoreValueInfo>; idPrefix: string }) {
  const { t } = useSkpMessages();
  return (
    <section class="skp-section" aria-labelledby={`${props.idPrefix}-behavior`}>
      <h3 id={`${props.idPrefix}-behavior`}>{t('doc.behavior')}</h3>
      <Scroll label={t('doc.behavior')}>
        <table class="data-table skp-table">
          <caption class="visually-hidden">{t('doc.behaviorCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('doc.col.no')}</th>
              <th scope="col">{t('doc.col.behavior')}</th>
              <th scope="col">{t('doc.col.expectation')}</th>
            </tr>
          </thead>
          <tbody>
            {props.coreValues.map((v, index) => {
              const expectation = props.doc.expectations[v.value];
              return (
                <tr key={v.value} data-testid="skp-behavior" data-value={v.value}>
                  <td class="skp-no">{index + 1}</td>
                  <th scope="row" class="skp-behavior">
                    <span class="skp-value">{v.label}</span>
                    <ul>
                      {v.indicators.map((line) => (
                        <li key={line}>{line}</li>
                      ))}
                    </ul>
                  </th>
                  <td data-testid="skp-expectation">{expectation ?? <span class="muted">{t('doc.noExpectation')}</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Scroll>
    </section>
  );
}

function Lampiran(props: { doc: PlanDocument; idPrefix: string }) {
  const { t } = useSkpMessages();
  const { lampiran } = props.doc;
  const rows: Array<[string, string | null]> = [
    [t('doc.resourceSupport'), lampiran.resourceSupport],
    [t('doc.accountabilityScheme'), lampiran.accountabilityScheme],
    [t('doc.consequences'), lampiran.consequences],
  ];
  return (
    <section class="skp-section skp-lampiran" aria-labelledby={`${props.idPrefix}-lampiran`}>
      <h3 id={`${props.idPrefix}-lampiran`}>{t('doc.lampiran')}</h3>
      <dl class="facts">
        {rows.map(([label, value]) => (
          <div class="row" key={label}>
            <dt>{label}</dt>
            <dd class="skp-multiline">{value || <span class="muted">{t('doc.empty')}</span>}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Signatures(props: { doc: PlanDocument }) {
  const { t, locale } = useSkpMessages();
  const { doc } = props;
  const place = doc.setOn ? t('doc.signPlace', { date: formatDay(doc.setOn, locale) }) : t('doc.signPlaceBlank');
  const sign = (caption: string, person: PersonView | null) => (
    <div class="skp-sign">
      <p>{caption}</p>
      <p class="skp-sign-space" aria-hidden="true" />
      <p class="skp-sign-name">{person?.name ?? t('doc.notSet')}</p>
      {person?.nip ? <p>{`${t('doc.nip')} ${person.nip}`}</p> : null}
    </div>
  );
  return (
    <div class="skp-signatures">
      <p class="skp-sign-place">{place}</p>
      <div class="skp-sign-row">
        {sign(t('doc.pegawai'), doc.pegawai)}
        {sign(t('doc.penilai'), doc.penilai)}
      </div>
    </div>
  );
}
