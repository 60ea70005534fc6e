import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { LoadError, Loading, PageHeading } from '../components';
import { INTERNAL_ENDPOINT, RequestError, request } from '../graphql/client';
import { HomeDocument } from '../graphql/documents';
import type { HomeAssessor, HomeEmployee, HomeQuery } from '../graphql/types';
import { useI18n } from '../i18n';
import { logout } from '../lib/auth';
import { navigate } from '../lib/router';
import { useAsync } from '../lib/useAsync';

const loadHome = (signal: AbortSignal): Promise<HomeQuery> =>
  request(HomeDocument, {}, { endpoint: INTERNAL_ENDPOINT, signal });

function isUnauthenticated(error: unknown): boolean {
  return error instanceof RequestError && error.kind === 'unauthenticated';
}

export function PortalPage() {
  const { t } = useI18n();
  const home = useAsync(loadHome);
  const unauthenticated =
    (home.status === 'error' && isUnauthenticated(home.error)) ||
    (home.status === 'success' && home.data.me === null);

  useEffect(() => {
    if (unauthenticated) navigate('/masuk', { replace: true });
  }, [unauthenticated]);

  return (
    <>
      <PageHeading>{t('portal.title')}</PageHeading>
      {home.status === 'loading' || unauthenticated ? <Loading /> : null}
      {home.status === 'error' && !unauthenticated ? <LoadError onRetry={home.reload} /> : null}
      {home.status === 'success' && home.data.me !== null ? <Home me={home.data.me} /> : null}
    </>
  );
}

function Home(props: { me: NonNullable<HomeQuery['me']> }) {
  const { t, te } = useI18n();
  const { me } = props;
  return (
    <>
      <div class="portal-bar">
        <p class="signed-in">{t('portal.signedInAs', { login: me.login })}</p>
        <LogoutButton />
      </div>
      <section class="card" aria-labelledby="roles-heading">
        <h2 id="roles-heading">{t('portal.roles')}</h2>
        {me.roles.length > 0 ? (
          <ul class="badges">
            {me.roles.map((role) => (
              <li key={role} class="badge" data-role={role}>
                {te('role', role)}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('portal.rolesNone')}</p>
        )}
      </section>
      {me.employee === null ? (
        <section class="card" aria-labelledby="profile-heading">
          <h2 id="profile-heading">{t('portal.profile')}</h2>
          <p>{t('portal.noEmployee')}</p>
        </section>
      ) : (
        <>
          <Profile employee={me.employee} />
          <div class="card-grid">
            <AssessorCard
              headingId="assessor-heading"
              title={t('portal.assessor')}
              empty={t('portal.assessorNone')}
              assessor={me.employee.assessor}
              testId="assessor-name"
            />
            <AssessorCard
              headingId="assessors-assessor-heading"
              title={t('portal.assessorsAssessor')}
              empty={t('portal.assessorsAssessorNone')}
              assessor={me.employee.assessorsAssessor}
              testId="assessors-assessor-name"
            />
          </div>
        </>
      )}
    </>
  );
}

function Row(props: { label: string; children: ComponentChildren }) {
  return (
    <div class="row">
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

function Profile(props: { employee: HomeEmployee }) {
  const { t, te } = useI18n();
  const { employee } = props;
  const record = employee.record;
  const notSet = t('portal.notSet');
  const position = employee.position
    ? t('portal.positionWithKind', {
        position: employee.position.name,
        kind: te('positionKind', employee.position.kind),
      })
    : notSet;
  const unit = employee.unit
    ? employee.unit.parent
      ? t('portal.unitWithParent', { unit: employee.unit.name, parent: employee.unit.parent.name })
      : employee.unit.name
    : notSet;
  const rank = record
    ? [record.pangkat, record.golongan].filter((x) => x !== null && x !== '').join(' — ') || notSet
    : notSet;

  return (
    <section class="card" aria-labelledby="profile-heading">
      <h2 id="profile-heading">{t('portal.profile')}</h2>
      <dl class="facts">
        <Row label={t('portal.field.name')}>
          <span data-testid="profile-name" class="profile-name">
            {employee.name}
          </span>
        </Row>
        <Row label={t('portal.field.nip')}>
          <span class="nip">{record ? record.nipFormatted : notSet}</span>
        </Row>
        <Row label={t('portal.field.position')}>{position}</Row>
        <Row label={t('portal.field.unit')}>{unit}</Row>
        <Row label={t('portal.field.asnType')}>{record ? te('asnType', record.asnType) : notSet}</Row>
        <Row label={t('portal.field.rank')}>{rank}</Row>
        <Row label={t('portal.field.gender')}>{record ? te('gender', record.gender) : notSet}</Row>
        <Row label={t('portal.field.status')}>{record ? te('status', record.status) : notSet}</Row>
      </dl>
    </section>
  );
}

function AssessorCard(props: {
  headingId: string;
  title: string;
  empty: string;
  assessor: HomeAssessor | null;
  testId: string;
}) {
  const { t, te } = useI18n();
  const { assessor } = props;
  return (
    <section class="card" aria-labelledby={props.headingId}>
      <h2 id={props.headingId}>{props.title}</h2>
      {assessor === null ? (
        <p>{props.empty}</p>
      ) : (
        <>
          <dl class="facts">
            <Row label={t('portal.field.name')}>
              <span data-testid={props.testId} class="assessor-name">
                {assessor.employee.name}
              </span>
              {assessor.actingKind !== null ? (
                <>
                  {' '}
                  <span class="badge badge-acting">{te('actingKind', assessor.actingKind)}</span>
                </>
              ) : null}
            </Row>
            <Row label={t('portal.field.position')}>{assessor.employee.position?.name ?? t('portal.notSet')}</Row>
            <Row label={t('portal.field.unit')}>{assessor.employee.unit?.name ?? t('portal.notSet')}</Row>
          </dl>
          <AssessorNote assessor={assessor} />
        </>
      )}
    </section>
  );
}

function AssessorNote(props: { assessor: HomeAssessor }) {
  const { t, te } = useI18n();
  const { basis, actingKind } = props.assessor;
  const notes: string[] = [];
  if (basis === 'NEXT_FILLED_POSITION') notes.push(t('portal.noteNextFilled'));
  if (basis === 'OVERRIDE') {
    notes.push(
      actingKind === null
        ? t('portal.noteOverride')
        : t('portal.noteOverrideActing', { acting: te('actingKind', actingKind) }),
    );
  }
  if (notes.length === 0) return null;
  return (
    <ul class="notes">
      {notes.map((note) => (
        <li key={note}>{note}</li>
      ))}
    </ul>
  );
}

function LogoutButton() {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  async function onClick(): Promise<void> {
    setBusy(true);
    setFailed(false);
    const ok = await logout();
    if (ok) {
      navigate('/masuk', { state: { loggedOut: true } });
      return;
    }
    setBusy(false);
    setFailed(true);
  }

  return (
    <div class="logout">
      <button type="button" class="button button-secondary" disabled={busy} onClick={onClick}>
        {t('portal.logout')}
      </button>
      <span role="status" class="logout-status">
        {failed ? t('portal.logoutError') : busy ? t('portal.loggingOut') : ''}
      </span>
    </div>
  );
}
