/**
 * The "Umpan balik" button that opens and closes the feedback thread of one RHK, IKI or
 * realisasi: `<FeedbackToggle planId={…} target="IKI" targetId={…} label={iki.text} />`.
 *
 * The thread is mounted only once opened, so a screen listing many RHK/IKI runs no feedback
 * query on load. `label` names what the thread is about for screen readers when a screen shows
 * several toggles (the visible text stays first, WCAG 2.5.3).
 */
import { useState } from 'preact/hooks';
import { FeedbackThread, type FeedbackThreadProps } from './FeedbackThread';
import { useFeedbackMessages } from './messages';
import './feedback.css';

export function FeedbackToggle(props: FeedbackThreadProps & { label?: string }) {
  const { t } = useFeedbackMessages();
  const [open, setOpen] = useState(false);
  const regionId = `feedback-${props.target}-${props.targetId}`;
  return (
    <div class="feedback-toggle">
      <button
        type="button"
        class="button button-link"
        aria-expanded={open}
        aria-controls={regionId}
        aria-label={props.label ? t('fb.toggleLabel', { label: props.label }) : undefined}
        onClick={() => setOpen((v) => !v)}
        data-testid="feedback-toggle"
      >
        {t('fb.toggle')}
      </button>
      <div id={regionId}>{open ? <FeedbackThread planId={props.planId} target={props.target} targetId={props.targetId} /> : null}</div>
    </div>
  );
}
