/**
 * /portal/keberatan: the keberatan I may read, in groups: waiting for my decision (as Atasan
 * Pejabat Penilai, deadline first), mine, those I decided, and others I may see (as Pejabat
 * Penilai, pengelola kinerja, BKPSDM).
 */
import { EmptyState, PageHeading } from '../../components';
import { useStaffQuery } from '../api';
import { formatDay } from '../messages';
import { portalPaths } from '../paths';
import { useSession } from '../session';
import { QueryView } from '../ui/states';
import { useDeadlineText } from './common';
import { useEvaluationMessages } from './messages';
import { ObjectionsDocument, type ObjectionsQuery } from './Objections.generated';

type Row = ObjectionsQuery['objections'][number];

export function ObjectionsPage() {
  const { t } = useEvaluationMessages();
  const query = useStaffQuery(ObjectionsDocument, {});
  return (
    <>
      <PageHeading>{t('obj.title')}</PageHeading>
      <p class="lead">{t('obj.intro')}</p>
      <QueryView query={query}>{(data) => <Groups rows={data.objections} />}</QueryView>
    </>
  );
}

function Groups(props: { rows: readonly Row[] }) {
  const { t } = useEvaluationMessages();
  const { me } = useSession();
  const myId = me.employee?.id ?? null;
  const toDecide = props.rows
    .filter((o) => o.decider?.id === myId && o.status === 'DIAJUKAN')
    .sort((a, b) => a.decisionDeadline.localeCompare(b.decisionDeadline));
  const decided = props.rows.filter((o) => o.decider?.id === myId && o.status !== 'DIAJUKAN');
  const mine = props.rows.filter((o) => o.filedBy?.id === myId);
  const others = props.rows.filter((o) => o.decider?.id !== myId && o.filedBy?.id !== myId);
  const decides = toDecide.length + decided.length > 0;
  if (props.rows.length === 0) {
    return (
      <EmptyState testId="objections-empty">
        <p>{t('obj.emptyAll')}</p>
      </EmptyState>
    );
  }
  return (
    <>
      {decides || myId !== null ? <Group id="decide" title={t('obj.toDecide')} rows={toDecide} empty={t('obj.emptyDecide')} /> : null}
      {myId !== null ? <Group id="mine" title={t('obj.mine')} rows={mine} empty={t('obj.emptyMine')} /> : null}
      {decided.length > 0 ? <Group id="decided" title={t('obj.decidedByMe')} rows={decided} empty="" /> : null}
      {others.length > 0 ? <Group id="others" title={t('obj.others')} rows={others} empty="" /> : null}
    </>
  );
}

function Group(props: { id: string; title: string; rows: readonly Row[]; empty: string }) {
  const { t, locale } = useEvaluationMessages();
  const deadline = useDeadlineText();
  const headingId = `objections-${props.id}`;
  return (
    <section class="section" aria-labelledby={headingId} data-testid={`objections-${props.id}`}>
      <h2 id={headingId}>{props.title}</h2>
      {props.rows.length === 0 ? (
        <EmptyState testId={`objections-${props.id}-empty`}>
          <p>{props.empty}</p>
        </EmptyState>
      ) : (
        <div class="table-scroll" tabIndex={0} role="region" aria-labelledby={`${headingId}-caption`}>
          <table class="data-table">
            <caption id={`${headingId}-caption`} class="visually-hidden">
              {props.title}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('obj.col.filedBy')}</th>
                <th scope="col">{t('obj.col.filed')}</th>
                <th scope="col">{t('obj.col.status')}</th>
                <th scope="col">{t('obj.col.deadline')}</th>
                <th scope="col">{t('obj.col.decider')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((o) => {
                const due = deadline(o.decisionDeadline);
                const name = o.filedBy?.name ?? '—';
                return (
                  <tr key={o.id} data-testid="objection-row" data-id={o.id} data-status={o.status}>
                    <th scope="row">
                      <a href={portalPaths.objection(o.id)} aria-label={t('obj.openNamed', { name })}>
                        {name}
                      </a>
                    </th>
                    <td>{formatDay(o.filedAt, locale)}</td>
                    <td>
                      {t(`obj.status.${o.status}`)}
                      {o.overdue ? (
                        <>
                          {' '}
                          <span class="badge badge-urgent">{t('obj.overdue')}</span>
                        </>
                      ) : null}
                    </td>
                    <td>{o.status === 'DIAJUKAN' ? `${due.date} (${due.left})` : due.date}</td>
                    <td>{o.decider?.name ?? '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
