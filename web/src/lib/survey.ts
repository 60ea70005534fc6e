/**
 * The citizen satisfaction survey (SKM) from the SPA: the form's shape as served by
 * GET /public/survey/<token>, the JSON answer for POST, client-side checks that mirror the
 * server's, and the mapping of the server's answer (ok, 422, 409, 429, 404) to what we show.
 */

export interface SurveyChoice {
  code: string;
  label: string;
  hint: string;
}

export interface SurveyQuestion {
  /** u1 … u9: the form and JSON field name. */
  field: string;
  /** U1 … U9. */
  unsur: string;
  name: string;
  english: string;
  question: string;
  answers: Array<{ value: number; label: string }>;
}

export interface SurveyProfileField {
  field: string;
  label: string;
  hint: string;
  choices: SurveyChoice[];
}

export interface SurveyInfo {
  service: { code: string; name: string; description: string | null; unit: string };
  questions: SurveyQuestion[];
  profile: SurveyProfileField[];
  minAnswered: number;
  commentMaxLength: number;
  honeypotField: string;
}

export interface SurveyState {
  /** field (u1…u9) → 1–4 */
  answers: Record<string, number | undefined>;
  /** profile field → choice code ('' = not given) */
  profile: Record<string, string | undefined>;
  comment: string;
  /** The honeypot: people never see it, so it stays empty. */
  honeypot: string;
}

export function emptyState(): SurveyState {
  return { answers: {}, profile: {}, comment: '', honeypot: '' };
}

/** The field that collects the "answer at least N questions" error. */
export const ANSWERS_FIELD = 'answers';
export const COMMENT_FIELD = 'comment';

/** Normalises line ends as the server does, so the counter and the limit agree with it. */
export function normaliseComment(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}

/** Characters as the server counts them (code points, after trimming). */
export function commentLength(text: string): number {
  return [...normaliseComment(text)].length;
}

// C0/C1 controls except tab and line breaks, and bidi overrides (the server refuses them).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** The JSON body for POST /public/survey/<token>: unanswered and empty fields are left out. */
export function buildPayload(info: SurveyInfo, state: SurveyState): Record<string, string | number> {
  const payload: Record<string, string | number> = {};
  for (const q of info.questions) {
    const value = state.answers[q.field];
    if (value !== undefined && q.answers.some((a) => a.value === value)) payload[q.field] = value;
  }
  for (const p of info.profile) {
    const code = state.profile[p.field];
    if (code && p.choices.some((c) => c.code === code)) payload[p.field] = code;
  }
  const comment = normaliseComment(state.comment);
  if (comment !== '') payload[COMMENT_FIELD] = comment;
  // Sent as is, so a filled honeypot is refused by the server with its reason.
  if (state.honeypot !== '') payload[info.honeypotField] = state.honeypot;
  return payload;
}

export type ClientError =
  | { code: 'tooFewAnswers'; min: number; answered: number }
  | { code: 'commentTooLong'; max: number; length: number }
  | { code: 'commentControl' };

/** Client-side checks (the server checks again). Keys: `answers`, `comment`. */
export function validateSurvey(info: SurveyInfo, state: SurveyState): Record<string, ClientError> {
  const errors: Record<string, ClientError> = {};
  const answered = info.questions.filter((q) => state.answers[q.field] !== undefined).length;
  if (answered < info.minAnswered) {
    errors[ANSWERS_FIELD] = { code: 'tooFewAnswers', min: info.minAnswered, answered };
  }
  const comment = normaliseComment(state.comment);
  if (CONTROL.test(comment)) errors[COMMENT_FIELD] = { code: 'commentControl' };
  else if (commentLength(state.comment) > info.commentMaxLength) {
    errors[COMMENT_FIELD] = { code: 'commentTooLong', max: info.commentMaxLength, length: commentLength(state.comment) };
  }
  return errors;
}

/** The first question without an answer: where the "too few answers" error sends the reader. */
export function firstUnanswered(info: SurveyInfo, state: SurveyState): string | null {
  return info.questions.find((q) => state.answers[q.field] === undefined)?.field ?? null;
}

export type SubmitResult =
  | { kind: 'ok'; id: string; commentStatus: string | null }
  | { kind: 'alreadyReceived' }
  | { kind: 'invalid'; message: string; fields: Record<string, string> }
  | { kind: 'invalidForm'; message: string }
  | { kind: 'duplicate'; message: string }
  | { kind: 'rateLimited'; message: string; retryAfter: number | null }
  | { kind: 'notFound'; message: string }
  | { kind: 'network' }
  | { kind: 'unknown'; status: number };

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; fields?: unknown; retryAfter?: unknown };
  ok?: unknown;
  id?: unknown;
  commentStatus?: unknown;
  alreadyReceived?: unknown;
}

function seconds(raw: unknown): number | null {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  return Number.isFinite(n) && n >= 0 ? Math.ceil(n) : null;
}

/** Maps the server's answer to a result; `retryAfterHeader` is the Retry-After header, if any. */
export function interpretSubmit(status: number, body: unknown, retryAfterHeader: string | null): SubmitResult {
  const b = (typeof body === 'object' && body !== null ? body : {}) as ErrorBody;
  const message = typeof b.error?.message === 'string' ? b.error.message : '';
  if (status >= 200 && status < 300 && b.ok === true) {
    // A repeat of the idempotency key: the first try had arrived, nothing was stored again.
    if (b.alreadyReceived === true) return { kind: 'alreadyReceived' };
    return {
      kind: 'ok',
      id: typeof b.id === 'string' ? b.id : String(b.id ?? ''),
      commentStatus: typeof b.commentStatus === 'string' ? b.commentStatus : null,
    };
  }
  const code = typeof b.error?.code === 'string' ? b.error.code : '';
  if (status === 404 || code === 'NOT_FOUND') return { kind: 'notFound', message };
  if (status === 409 || code === 'DUPLICATE') return { kind: 'duplicate', message };
  if (status === 429 || code === 'RATE_LIMITED') {
    return { kind: 'rateLimited', message, retryAfter: seconds(retryAfterHeader) ?? seconds(b.error?.retryAfter) };
  }
  if (code === 'INVALID_INPUT') {
    const fields: Record<string, string> = {};
    if (typeof b.error?.fields === 'object' && b.error.fields !== null) {
      for (const [name, text] of Object.entries(b.error.fields as Record<string, unknown>)) {
        if (typeof text === 'string') fields[name] = text;
      }
    }
    return { kind: 'invalid', message, fields };
  }
  if (status === 422 || status === 415 || status === 413 || code === 'INVALID_FORM') return { kind: 'invalidForm', message };
  return { kind: 'unknown', status };
}

/** Minutes to wait, rounded up, at least 1 (for "coba lagi dalam N menit"). */
export function minutesToWait(retryAfter: number): number {
  return Math.max(1, Math.ceil(retryAfter / 60));
}

export function isSurveyInfo(value: unknown): value is SurveyInfo {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<SurveyInfo>;
  return (
    typeof v.service === 'object' &&
    v.service !== null &&
    Array.isArray(v.questions) &&
    Array.isArray(v.profile) &&
    typeof v.minAnswered === 'number' &&
    typeof v.commentMaxLength === 'number' &&
    typeof v.honeypotField === 'string'
  );
}

export class SurveyLoadError extends Error {
  readonly notFound: boolean;
  constructor(notFound: boolean) {
    super(notFound ? 'Survey not found' : 'Survey could not be loaded');
    this.notFound = notFound;
  }
}

export function surveyUrl(token: string): string {
  return `/public/survey/${encodeURIComponent(token)}`;
}

export async function loadSurvey(token: string, signal?: AbortSignal, fetchFn: typeof fetch = fetch): Promise<SurveyInfo> {
  let response: Response;
  try {
    response = await fetchFn(surveyUrl(token), { headers: { Accept: 'application/json' }, credentials: 'omit', signal });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new SurveyLoadError(false);
  }
  if (response.status === 404) throw new SurveyLoadError(true);
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok || !isSurveyInfo(body)) throw new SurveyLoadError(false);
  return body;
}

export async function submitSurvey(
  token: string,
  payload: Record<string, string | number>,
  key: string | null,
  fetchFn: typeof fetch = fetch,
): Promise<SubmitResult> {
  let response: Response;
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (key !== null) headers['Idempotency-Key'] = key;
  try {
    response = await fetchFn(surveyUrl(token), {
      method: 'POST',
      headers,
      body: JSON.stringify(payload),
      credentials: 'omit',
    });
  } catch {
    return { kind: 'network' };
  }
  const body: unknown = await response.json().catch(() => null);
  return interpretSubmit(response.status, body, response.headers.get('Retry-After'));
}
