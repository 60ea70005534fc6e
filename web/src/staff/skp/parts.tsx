/** Small pieces the SKP screens share: a one-button mutation form, a confirmed action, status. */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PlanStatus } from '../../graphql/internal/types';
import type { MutationOutcome } from '../api';
import { useStaffMessages } from '../messages';
import { Form, useForm } from '../ui/form';

/**
 * A button that runs one mutation (submit, approve, delete…): its errors appear in the form
 * layer's summary right above it. With `confirm`, a first press asks (inline, focus on "yes").
 */
export function ActionButton<T>(props: {
  id: string;
  label: string;
  run: () => Promise<MutationOutcome<T>>;
  onDone: (result: T) => void | Promise<void>;
  confirm?: { question: string; yes: string; no: string };
  primary?: boolean;
  small?: boolean;
  testId?: string;
}) {
  const form = useForm({ id: props.id, initial: {}, draft: false });
  const [asking, setAsking] = useState(false);
  const yesRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) yesRef.current?.focus();
  }, [asking]);
  const kind = props.primary ? 'button-primary' : 'button-secondary';
  const size = props.small ? ' button-small' : '';
  return (
    <Form form={form} class="action-form" onSubmit={() => props.run()} onSuccess={(result) => void props.onDone(result)}>
      {props.confirm && asking ? (
        <div class="confirm" role="group" aria-label={props.confirm.question}>
          <p>{props.confirm.question}</p>
          <button ref={yesRef} type="submit" class={`button button-primary${size}`} disabled={form.submitting} data-testid={props.testId ? `${props.testId}-yes` : undefined}>
            {props.confirm.yes}
          </button>{' '}
          <button
            type="button"
            class={`button button-secondary${size}`}
            onClick={() => {
              setAsking(false);
              window.setTimeout(() => openerRef.current?.focus(), 0);
            }}
          >
            {props.confirm.no}
          </button>
        </div>
      ) : props.confirm ? (
        <button ref={openerRef} type="button" class={`button ${kind}${size}`} onClick={() => setAsking(true)} data-testid={props.testId}>
          {props.label}
        </button>
      ) : (
        <button type="submit" class={`button ${kind}${size}`} disabled={form.submitting} data-testid={props.testId}>
          {props.label}
        </button>
      )}
    </Form>
  );
}

/** The status as a badge (`data-status` for tests). */
export function StatusBadge(props: { status: PlanStatus }) {
  const { t } = useStaffMessages();
  return (
    <span class={`badge badge-status badge-status-${props.status.toLowerCase()}`} data-testid="plan-status" data-status={props.status}>
      {t(`planStatus.${props.status}`)}
    </span>
  );
}

/** A section card with its own heading (`aria-labelledby`). */
export function Card(props: { id: string; title: string; children: ComponentChildren; class?: string; testId?: string }) {
  return (
    <section class={`card ${props.class ?? ''}`} aria-labelledby={`${props.id}-heading`} data-testid={props.testId}>
      <h2 id={`${props.id}-heading`}>{props.title}</h2>
      {props.children}
    </section>
  );
}

/** "12,5" or "12.5" → "12.5"; null when empty; NaN-like text → undefined (invalid). */
export function decimalOf(text: string): string | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const normal = trimmed.replace(/\s/g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(normal) ? normal : undefined;
}
