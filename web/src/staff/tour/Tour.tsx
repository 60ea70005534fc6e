/**
 * The guided first visit: a modal <dialog> (the browser traps focus in it, makes the page behind
 * inert and closes it on Escape) that walks through 3–5 steps for the person's roles and marks
 * the menu items each step is about. Skipping, Escape and finishing all record the tour as done
 * on the server (per account, so it follows the person across devices); the Panduan restarts it.
 * Lazily loaded by the staff shell only when the tour is due.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { runMutation } from '../api';
import { revealInMenu } from '../navMenu';
import { useSession } from '../session';
import { useTourMessages } from './messages';
import { SetTourCompletedDocument } from './SetTourCompleted.generated';
import { tourSteps } from './steps';

const HIGHLIGHT = 'data-tour-highlight';

export function Tour(props: { onClose: () => void }) {
  const { t } = useTourMessages();
  const { me } = useSession();
  const steps = useRef(tourSteps(me)).current;
  const [index, setIndex] = useState(0);
  const [failed, setFailed] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const returnTo = useRef<Element | null>(null);
  const step = steps[index] ?? steps[0]!;
  const last = index === steps.length - 1;

  useLayoutEffect(() => {
    returnTo.current = document.activeElement;
    dialog.current?.showModal();
  }, []);

  // Each step: its title takes focus (a screen reader reads it), its menu items are marked.
  useEffect(() => {
    heading.current?.focus();
    revealInMenu(step.highlight); // on a phone the menu's sections are folded
    const marked = step.highlight.flatMap((href) => Array.from(document.querySelectorAll(`.staff-nav a[href="${href}"]`)));
    marked.forEach((link) => link.setAttribute(HIGHLIGHT, 'true'));
    return () => marked.forEach((link) => link.removeAttribute(HIGHLIGHT));
  }, [step]);

  async function finish(): Promise<void> {
    const outcome = await runMutation(SetTourCompletedDocument, { completed: true }, (d) => d.setTourCompleted).catch(() => null);
    if ((outcome === null || !outcome.ok) && !failed) {
      setFailed(true); // say so once; a second try closes it anyway (it comes back next visit)
      return;
    }
    dialog.current?.close();
  }

  function onClosed(): void {
    props.onClose();
    const back = returnTo.current;
    const h1 = document.querySelector<HTMLElement>('main h1');
    (back instanceof HTMLElement && back !== document.body ? back : h1)?.focus();
  }

  return (
    <dialog
      ref={dialog}
      class="card tour"
      aria-labelledby="tour-title"
      aria-describedby="tour-body"
      data-testid="tour"
      data-step={step.id}
      onCancel={(event) => {
        // Escape: the same as "Lewati" (recorded, so it does not come back on every page).
        event.preventDefault();
        void finish();
      }}
      onClose={onClosed}
    >
      <p class="tour-progress" data-testid="tour-progress">
        {t('tour.label')} · {t('tour.progress', { n: index + 1, total: steps.length })}
      </p>
      <h2 id="tour-title" tabIndex={-1} ref={heading}>
        {t(step.title)}
      </h2>
      <div id="tour-body">
        <p>{t(step.body)}</p>
        {step.highlight.length > 0 ? <p class="hint">{t('tour.menuHint')}</p> : null}
      </div>
      {failed ? (
        <p role="alert" class="field-error">
          {t('tour.saveFailed')}
        </p>
      ) : null}
      <div class="button-row tour-buttons">
        {last ? null : (
          <button type="button" class="button button-secondary" onClick={() => void finish()} data-testid="tour-skip">
            {t('tour.skip')}
          </button>
        )}
        {index > 0 ? (
          <button type="button" class="button button-secondary" onClick={() => setIndex(index - 1)} data-testid="tour-back">
            {t('tour.back')}
          </button>
        ) : null}
        {last ? (
          <button type="button" class="button button-primary" onClick={() => void finish()} data-testid="tour-finish">
            {t('tour.finish')}
          </button>
        ) : (
          <button type="button" class="button button-primary" onClick={() => setIndex(index + 1)} data-testid="tour-next">
            {t('tour.next')}
          </button>
        )}
      </div>
    </dialog>
  );
}
