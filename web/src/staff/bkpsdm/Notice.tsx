/** The outcome of an action on BKPSDM's screens: a polite status line that takes focus when a
 * new outcome arrives, so a keyboard user whose button has just gone (a closed form, a reopened
 * period) continues from there instead of from the top of the page. */
import { useEffect, useRef, useState } from 'preact/hooks';

export interface NoticeState {
  text: string;
  /** Increases with every outcome: the same sentence twice still takes focus again. */
  seq: number;
}

export function useNotice(): [NoticeState | null, (text: string | null) => void] {
  const [notice, setNotice] = useState<NoticeState | null>(null);
  return [notice, (text) => setNotice((old) => (text === null ? null : { text, seq: (old?.seq ?? 0) + 1 }))];
}

export function Notice(props: { notice: NoticeState | null; testId: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const seq = props.notice?.seq ?? 0;
  useEffect(() => {
    if (seq > 0) ref.current?.focus();
  }, [seq]);
  return (
    <div ref={ref} tabIndex={-1} role="status" aria-live="polite" data-testid={props.testId}>
      {props.notice ? <p class="notice notice-info">{props.notice.text}</p> : null}
    </div>
  );
}
