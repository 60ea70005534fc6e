/** /portal/profil: my employee record, my Pejabat Penilai Kinerja and their superior, my roles. */
import type { ComponentChildren } from 'preact';
import { EmptyState, PageHeading } from '../../components';
import { MyProfileDocument, type MyProfileQuery } from './MyProfile.generated';
import { useStaffQuery } from '../api';
import { useStaffMessages } from '../messages';
import { roleLines, useSession } from '../session';
import { QueryView } from '../ui/states';
import { useProfileMessages } from './messages';

type ProfileEmployee = NonNullable<NonNullable<MyProfileQuery['me']>['employee']>;
type ProfileAssessor = NonNullable<ProfileEmployee['assessor']>;

export function ProfilePage() {
  const { t } = useProfileMessages();
  const staff = useStaffMessages();
  const { me } = useSession();
  const query = useStaffQuery(MyProfileDocument, {});
  return (
    <>
      <PageHeading>{t('profile.profile')}</PageHeading>
      <section class="card" aria-labelledby="roles-heading">
        <h2 id="roles-heading">{t('profile.roles')}</h2>
        <ul class="badges" data-testid="profile-roles">
          {roleLines(me, staff.t).map((line) => (
            <li key={line} class="badge">
              {line}
            </li>
          ))}
        </ul>
      </section>
      <QueryView query={query}>
        {(data) =>
          data.me.employee === null ? (
            <EmptyState testId="profile-no-employee">
              <p>{me.officeTitle ? t('profile.official', { title: me.officeTitle }) : t('profile.noEmployee')}</p>
              {me.roles.includes('KEPALA_DAERAH') ? <p>{t('profile.officialAssessor')}</p> : null}
            </EmptyState>
          ) : (
            <>
              <Profile employee={data.me.employee} />
              <div class="card-grid">
                <AssessorCard
                  headingId="assessor-heading"
                  title={t('profile.assessor')}
                  empty={t('profile.assessorNone')}
                  assessor={data.me.employee.assessor}
                  testId="assessor-name"
                />
                <AssessorCard
                  headingId="assessors-assessor-heading"
                  title={t('profile.assessorsAssessor')}
                  empty={t('profile.assessorsAssessorNone')}
                  assessor={data.me.employee.assessorsAssessor}
                  testId="assessors-assessor-name"
                />
              </div>
            </>
          )
        }
      </QueryView>
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

function Profile(props: { employee: ProfileEmployee }) {
  const { t } = useProfileMessages();
  const { employee } = props;
  const record = employee.record;
  const notSet = t('profile.notSet');
  const position = employee.position
    ? t('profile.positionWithKind', {
        position: employee.position.name,
        kind: t(`positionKind.${employee.position.kind}`),
      })
    : notSet;
  const unit = employee.unit
    ? employee.unit.parent
      ? t('profile.unitWithParent', { unit: employee.unit.name, parent: employee.unit.parent.name })
      : employee.unit.name
    : notSet;
  const rank = record
    ? [record.pangkat, record.golongan].filter((x) => x !== null && x !== '').join(' — ') || notSet
    : notSet;

  return (
    <section class="card" aria-labelledby="profile-heading">
      <h2 id="profile-heading">{t('profile.record')}</h2>
      <dl class="facts">
        <Row label={t('profile.field.name')}>
          <span data-testid="profile-name" class="profile-name">
            {employee.name}
          </span>
        </Row>
        <Row label={t('profile.field.nip')}>
          <span class="nip">{record ? record.nipFormatted : notSet}</span>
        </Row>
        <Row label={t('profile.field.position')}>{position}</Row>
        <Row label={t('profile.field.unit')}>{unit}</Row>
        <Row label={t('profile.field.asnType')}>{record ? t(`asnType.${record.asnType}`) : notSet}</Row>
        <Row label={t('profile.field.rank')}>{rank}</Row>
        <Row label={t('profile.field.gender')}>{record ? t(`gender.${record.gender}`) : notSet}</Row>
        <Row label={t('profile.field.status')}>{record ? t(`status.${record.status}`) : notSet}</Row>
      </dl>
    </section>
  );
}

function AssessorCard(props: {
  headingId: string;
  title: string;
  empty: string;
  assessor: ProfileAssessor | null;
  testId: string;
}) {
  const { t } = useProfileMessages();
  const { assessor } = props;
  return (
    <section class="card" aria-labelledby={props.headingId}>
      <h2 id={props.headingId}>{props.title}</h2>
      {assessor === null ? (
        <p>{props.empty}</p>
      ) : (
        <>
          <dl class="facts">
            <Row label={t('profile.field.name')}>
              <span data-testid={props.testId} class="assessor-name">
                {assessor.employee.name}
              </span>
              {assessor.actingKind !== null ? (
                <>
                  {' '}
                  <span class="badge badge-acting">{t(`actingKind.${assessor.actingKind}`)}</span>
                </>
              ) : null}
            </Row>
            <Row label={t('profile.field.position')}>{assessor.employee.position?.name ?? t('profile.notSet')}</Row>
            <Row label={t('profile.field.unit')}>{assessor.employee.unit?.name ?? t('profile.notSet')}</Row>
          </dl>
          <AssessorNote assessor={assessor} />
        </>
      )}
    </section>
  );
}

function AssessorNote(props: { assessor: ProfileAssessor }) {
  const { t } = useProfileMessages();
  const { basis, actingKind } = props.assessor;
  const notes: string[] = [];
  if (basis === 'NEXT_FILLED_POSITION') notes.push(t('profile.noteNextFilled'));
  if (basis === 'OVERRIDE') {
    notes.push(
      actingKind === null
        ? t('profile.noteOverride')
        : t('profile.noteOverrideActing', { acting: t(`actingKind.${actingKind}`) }),
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
