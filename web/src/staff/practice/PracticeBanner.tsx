/**
 * "MODE LATIHAN": on every staff page while a practice session is open. Said in words and with a
 * pattern border, not by colour alone; with the way back ("Keluar dari latihan") and "Reset
 * latihan".
 */
import { useEffect, useState } from 'preact/hooks';
import { confirmLeave } from '../../lib/navigation';
import { useStaffMessages } from '../messages';
import { portalPaths } from '../paths';
import { leavePractice, reloadTo, resetPractice } from './practice';

export function PracticeBanner() {
  const { t } = useStaffMessages();
  const [busy, setBusy] = useState<'leave' | 'reset' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const prefix = t('practice.titlePrefix');

  // The tab's title says it too (read out by screen readers on every page change): pages set
  // their own titles, so each new one is prefixed as it arrives.
  useEffect(() => {
    const mark = () => {
      if (!document.title.startsWith(prefix)) document.title = prefix + document.title;
    };
    mark();
    const observer = new MutationObserver(mark);
    const title = document.querySelector('title');
    if (title) observer.observe(title, { childList: true, characterData: true, subtree: true });
    return () => {
      observer.disconnect();
      if (document.title.startsWith(prefix)) document.title = document.title.slice(prefix.length);
    };
  }, [prefix]);

  async function act(kind: 'leave' | 'reset'): Promise<void> {
    if (!confirmLeave()) return;
    setBusy(kind);
    setProblem(null);
    const outcome = kind === 'leave' ? await leavePractice() : await resetPractice();
    if (outcome.ok) {
      reloadTo(kind === 'leave' ? portalPaths.guide() : portalPaths.home());
      return;
    }
    setBusy(null);
    setProblem(outcome.message ?? t('practice.failed'));
  }

  return (
    <section class="practice-banner" aria-labelledby="practice-banner-title" data-testid="practice-banner">
      <p class="practice-banner-title" id="practice-banner-title">
        <span aria-hidden="true">⚠ </span>
        {t('practice.title')}
      </p>
      <p>{t('practice.body')}</p>
      <div class="form-actions">
        <button type="button" class="button button-primary" disabled={busy !== null} onClick={() => void act('leave')} data-testid="practice-leave">
          {t('practice.leave')}
        </button>
        <button type="button" class="button button-secondary" disabled={busy !== null} onClick={() => void act('reset')} data-testid="practice-reset">
          {t('practice.reset')}
        </button>
        <span role="status">{busy === 'reset' ? t('practice.resetting') : busy === 'leave' ? t('practice.leaving') : ''}</span>
      </div>
      {problem ? (
        <p role="alert" class="field-error" lang="id">
          {problem}
        </p>
      ) : null}
    </section>
  );
}
