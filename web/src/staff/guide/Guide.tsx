/**
 * /portal/panduan and /portal/panduan/:role — the guide: per role what the person does and
 * where in the portal, the terms in plain words and the yearly calendar. The text is data
 * (content.ts + the guide catalogue); this file only lays it out.
 */
import { useState } from 'preact/hooks';
import { EmptyState, PageHeading } from '../../components';
import { runMutation } from '../api';
import { SetTourCompletedDocument } from '../tour/SetTourCompleted.generated';
import { requestTour } from '../tour/state';
import { confirmLeave } from '../../lib/navigation';
import { reloadTo, startPractice, type PracticePersona } from '../practice/practice';

const PERSONAS: PracticePersona[] = ['pegawai', 'penilai'];
import { useStaffMessages } from '../messages';
import { portalPaths } from '../paths';
import { useSession } from '../session';
import { GUIDE_CALENDAR, GUIDE_ROLES, GUIDE_TERMS, ROLE_GUIDES, calendarWhat, calendarWhen, isGuideRole, myGuideRoles, termBody, termTitle, type GuideRole, type GuideTerm } from './content';
import { useGuideMessages } from './messages';

export function GuidePage() {
  const { t } = useGuideMessages();
  const { me } = useSession();
  const mine = myGuideRoles(me);
  return (
    <>
      <PageHeading>{t('guide.title')}</PageHeading>
      <p class="lead">{t('guide.intro')}</p>
      <GuideActions />
      <section class="card" aria-labelledby="guide-roles" data-testid="guide-roles">
        <h2 id="guide-roles">{t('guide.rolesHeading')}</h2>
        <ul class="guide-roles">
          {GUIDE_ROLES.map((role) => (
            <li key={role} data-testid="guide-role" data-role={role}>
              <a href={portalPaths.guide(role)}>{t(ROLE_GUIDES[role].title)}</a>
              {mine.includes(role) ? <span class="badge">{t('guide.yourRole')}</span> : null}
              <p class="hint">{t(ROLE_GUIDES[role].summary)}</p>
            </li>
          ))}
        </ul>
      </section>
      <Calendar />
      <Terms terms={[...GUIDE_TERMS]} />
      <p class="hint">{t('guide.regulation')}</p>
    </>
  );
}

export function RoleGuidePage({ params }: { params: { role: string } }) {
  const { t } = useGuideMessages();
  const staff = useStaffMessages();
  const role = params.role;
  if (!isGuideRole(role)) {
    return (
      <>
        <PageHeading>{t('guide.title')}</PageHeading>
        <EmptyState testId="guide-unknown-role">
          <p>{t('guide.unknownRole')}</p>
          <p>
            <a href={portalPaths.guide()}>{t('guide.allRoles')}</a>
          </p>
        </EmptyState>
      </>
    );
  }
  const guide = ROLE_GUIDES[role];
  return (
    <>
      <PageHeading>{t('guide.roleTitle', { role: t(guide.title) })}</PageHeading>
      <p class="lead">{t(guide.summary)}</p>
      <p>
        <a href={portalPaths.guide()}>{t('guide.allRoles')}</a>
      </p>
      <section class="card" aria-labelledby="guide-tasks" data-testid="guide-tasks" data-role={role}>
        <h2 id="guide-tasks">{t('guide.tasksHeading')}</h2>
        <ol class="guide-tasks">
          {guide.tasks.map((task) => (
            <li key={task.text} data-testid="guide-task">
              <p>{t(task.text)}</p>
              {task.where ? (
                <p class="hint">
                  <a href={task.where.href()}>{t('guide.where', { menu: staff.t(task.where.nav) })}</a>
                </p>
              ) : isAdminScreen(role) ? (
                <p class="hint">{t('guide.whereSoon')}</p>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
      <Calendar />
      <Terms terms={guide.terms} />
      <GuideActions />
    </>
  );
}

/** Roles whose screens other parts of the portal are still adding. */
function isAdminScreen(role: GuideRole): boolean {
  return role === 'bkpsdm' || role === 'pengelola-unit' || role === 'kepala-daerah';
}

function Calendar() {
  const { t } = useGuideMessages();
  return (
    <section class="card" aria-labelledby="guide-calendar" data-testid="guide-calendar">
      <h2 id="guide-calendar">{t('guide.calendarHeading')}</h2>
      <dl class="guide-calendar">
        {GUIDE_CALENDAR.map((step) => (
          <div key={step} class="guide-calendar-step">
            <dt>{t(calendarWhen(step))}</dt>
            <dd>{t(calendarWhat(step))}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Terms(props: { terms: GuideTerm[] }) {
  const { t } = useGuideMessages();
  return (
    <section class="card" aria-labelledby="guide-terms" data-testid="guide-terms">
      <h2 id="guide-terms">{t('guide.termsHeading')}</h2>
      <dl class="guide-terms">
        {props.terms.map((term) => (
          <div key={term} data-testid="guide-term" data-term={term}>
            <dt>{t(termTitle(term))}</dt>
            <dd>{t(termBody(term))}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** Learning by doing: restart the guided first visit (and, in Latihan, practise). */
function GuideActions() {
  const { t } = useGuideMessages();
  const [tour, setTour] = useState<'idle' | 'busy' | 'failed'>('idle');
  const [practice, setPractice] = useState<{ state: 'idle' | 'busy' | 'failed'; reason?: string }>({ state: 'idle' });

  async function practise(persona: PracticePersona): Promise<void> {
    if (!confirmLeave()) return;
    setPractice({ state: 'busy' });
    const outcome = await startPractice(persona);
    if (outcome.ok) {
      reloadTo(portalPaths.home());
      return;
    }
    setPractice({ state: 'failed', reason: outcome.message ?? outcome.code });
  }

  async function restartTour(): Promise<void> {
    setTour('busy');
    const outcome = await runMutation(SetTourCompletedDocument, { completed: false }, (d) => d.setTourCompleted);
    if (!outcome.ok) {
      setTour('failed');
      return;
    }
    setTour('idle');
    requestTour();
  }

  return (
    <section class="card" aria-labelledby="guide-practice" data-testid="guide-practice">
      <h2 id="guide-practice">{t('guide.practiceHeading')}</h2>
      <div class="form-actions">
        <button type="button" class="button button-secondary" disabled={tour === 'busy'} onClick={() => void restartTour()} data-testid="tour-restart">
          {t('guide.tourRestart')}
        </button>
        <span role="status">{tour === 'busy' ? t('guide.tourRestarting') : tour === 'failed' ? t('guide.tourRestartFailed') : ''}</span>
      </div>
      <p>{t('guide.practiceIntro')}</p>
      <div class="form-actions">
        {PERSONAS.map((persona) => (
          <button
            key={persona}
            type="button"
            class="button button-primary"
            disabled={practice.state === 'busy'}
            onClick={() => void practise(persona)}
            data-testid="practice-start"
            data-persona={persona}
          >
            {t('guide.startPractice', { persona: t(`guide.persona.${persona}`) })}
          </button>
        ))}
        <span role="status">{practice.state === 'busy' ? t('guide.practiceStarting') : ''}</span>
      </div>
      {practice.state === 'failed' ? (
        <p role="alert" class="field-error">
          {t('guide.practiceFailed', { reason: practice.reason ?? '' })}
        </p>
      ) : null}
    </section>
  );
}
