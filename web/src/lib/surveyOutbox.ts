/**
 * The survey's answers kept on the device (localStorage) until the server has them: a citizen
 * who loses the network (a phone leaving the counter's Wi-Fi) keeps what they answered, and a
 * sent answer whose reply never arrived is sent again when the network returns.
 *
 * Exactly once: when the answers are first queued they get a random key (a UUID, `newClientKey`)
 * kept with them and sent as the `Idempotency-Key` header on every try. The server stores the
 * key with the answer (unique) and answers any repeat with "already received", storing nothing
 * again, so a first try that did arrive and only lost its reply is never counted twice. Answers
 * kept by an older version of the form have no key: for them the server's duplicate rule (same
 * answers from the same device within 24 h) still applies, and after a lost reply that refusal
 * means "already received" (`resolveRetry`).
 */
import type { SurveyState } from './survey';

export const OUTBOX_PREFIX = 'ekinerja.survey:';

export interface Kept {
  state: SurveyState;
  /** The payload sent (or to send) when the person pressed "Kirim"; null while still answering. */
  pending: Record<string, string | number> | null;
  /** A try of `pending` failed without a reply: the server may already have it. */
  replyLost: boolean;
  /** The idempotency key of `pending`, made when it was queued (null: kept by an older form). */
  key: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A random UUID (version 4). `crypto.randomUUID` exists only in secure contexts (HTTPS,
 * localhost); a survey opened over plain HTTP on the office network still gets a key from
 * `crypto.getRandomValues`, which every browser has everywhere.
 */
export function newClientKey(source: Pick<Crypto, 'getRandomValues'> & Partial<Pick<Crypto, 'randomUUID'>> = crypto): string {
  if (typeof source.randomUUID === 'function') return source.randomUUID();
  const bytes = source.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40; // version 4
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function isClientKey(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // disabled storage: the form still works, it just cannot keep answers
  }
}

function isState(value: unknown): value is SurveyState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<SurveyState>;
  return typeof v.answers === 'object' && v.answers !== null && typeof v.profile === 'object' && v.profile !== null && typeof v.comment === 'string';
}

export function loadKept(token: string): Kept | null {
  const raw = storage()?.getItem(OUTBOX_PREFIX + token);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<Kept>;
    if (!isState(parsed.state)) return null;
    const pending = typeof parsed.pending === 'object' && parsed.pending !== null ? parsed.pending : null;
    // The honeypot is never restored: people never fill it.
    return {
      state: { ...parsed.state, honeypot: '' },
      pending,
      replyLost: parsed.replyLost === true && pending !== null,
      // A tampered or broken key is dropped rather than sent: the server would refuse it.
      key: pending !== null && isClientKey(parsed.key) ? parsed.key : null,
    };
  } catch {
    return null;
  }
}

export function keep(token: string, kept: Kept): void {
  try {
    storage()?.setItem(OUTBOX_PREFIX + token, JSON.stringify(kept));
  } catch {
    // Full or disabled storage: nothing more we can do; the form state stays in memory.
  }
}

export function forget(token: string): void {
  try {
    storage()?.removeItem(OUTBOX_PREFIX + token);
  } catch {
    // see keep()
  }
}

/** Whether anything was answered (an untouched form is not kept). */
export function hasAnswers(state: SurveyState): boolean {
  return (
    Object.values(state.answers).some((v) => v !== undefined) ||
    Object.values(state.profile).some((v) => v !== undefined && v !== '') ||
    state.comment.trim() !== ''
  );
}

/**
 * A reply to a repeated send: after a lost reply, "duplicate" means the first try was stored,
 * so it counts as received; otherwise the reply stands.
 */
export function resolveRetry<R extends { kind: string }>(result: R, replyLost: boolean): R | { kind: 'alreadyReceived' } {
  return replyLost && result.kind === 'duplicate' ? { kind: 'alreadyReceived' } : result;
}
