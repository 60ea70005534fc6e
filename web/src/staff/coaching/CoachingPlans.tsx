/** /portal/pembinaan: coaching plans I may read: mine, those I support (mentor or assessor), others. */
import { EmptyState, PageHeading } from '../../components';
import { useStaffQuery } from '../api';
import { formatDay } from '../messages';
import { portalPaths } from '../paths';
import { useSession } from '../session';
import { QueryView } from '../ui/states';
import { CoachingPlansDocument, type CoachingPlansQuery } from './CoachingPlans.generated';
import { useCoachingMessages } from './messages';

type Row = CoachingPlansQuery['coachingPlans'][number];

export function CoachingPlansPage() {
  const { t } = useCoachingMessages();
  const query = useStaffQuery(CoachingPlansDocument, {});
  return (
    <>
      <PageHeading>{t('coach.title')}</PageHeading>
      <p class="lead">{t('coach.intro')}</p>
      <QueryView query={query}>{(data) => <Groups rows={data.coachingPlans} />}</QueryView>
    </>
  );
}

function Groups(props: { rows: readonly Row[] }) {
  const { t } = useCoachingMessages();
  const { me } = useSession();
  const myId = me.employee?.id ?? null;
  if (props.rows.length === 0) {
    return (
      <EmptyState testId="coaching-empty">
        <p>{t('coach.empty')}</p>
      </EmptyState>
    );
  }
  const mine = props.rows.filter((p) => p.employee?.id === myId);
  const mentoring = props.rows.filter((p) => p.employee?.id !== myId && p.mentor?.id === myId);
  // Someone else's plan I may read: as their Pejabat Penilai, pengelola kinerja or BKPSDM.
  const others = props.rows.filter((p) => p.employee?.id !== myId && p.mentor?.id !== myId);
  return (
    <>
      {mine.length > 0 ? <Group id="mine" title={t('coach.mine')} rows={mine} /> : null}
      {mentoring.length > 0 ? <Group id="mentoring" title={t('coach.mentoring')} rows={mentoring} /> : null}
      {others.length > 0 ? <Group id="others" title={t('coach.others')} rows={others} /> : null}
    </>
  );
}

function Group(props: { id: string; title: string; rows: readonly Row[] }) {
  const { t, locale } = useCoachingMessages();
  const headingId = `coaching-${props.id}`;
  return (
    <section class="section" aria-labelledby={headingId} data-testid={`coaching-${props.id}`}>
      <h2 id={headingId}>{props.title}</h2>
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby={`${headingId}-caption`}>
        <table class="data-table">
          <caption id={`${headingId}-caption`} class="visually-hidden">
            {props.title}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('coach.col.employee')}</th>
              <th scope="col">{t('coach.col.period')}</th>
              <th scope="col">{t('coach.col.status')}</th>
              <th scope="col">{t('coach.col.lastCheckIn')}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((p) => {
              const name = p.employee?.name ?? '—';
              const last = p.checkIns.length > 0 ? p.checkIns[p.checkIns.length - 1] : null;
              return (
                <tr key={p.id} data-testid="coaching-row" data-id={p.id} data-status={p.status}>
                  <th scope="row">
                    <a href={portalPaths.coaching(p.id)} aria-label={t('coach.openNamed', { name })}>
                      {name}
                    </a>
                  </th>
                  <td>{t('coach.range', { from: formatDay(p.startsOn, locale), to: formatDay(p.endsOn, locale) })}</td>
                  <td>{t(`coach.status.${p.status}`)}</td>
                  <td>{last ? formatDay(last.heldOn, locale) : t('coach.never')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
