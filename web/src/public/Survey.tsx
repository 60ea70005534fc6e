/** /layanan/:token — the citizen satisfaction survey (SKM) of one service, sent as JSON. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { LoadError, Loading, PageHeading } from '../components';
import { useI18n, type MessageKey, type Params } from '../i18n';
import {
  ANSWERS_FIELD,
  COMMENT_FIELD,
  SurveyLoadError,
  buildPayload,
  commentLength,
  emptyState,
  firstUnanswered,
  loadSurvey,
  minutesToWait,
  submitSurvey,
  validateSurvey,
  type ClientError,
  type SubmitResult,
  type SurveyInfo,
  type SurveyState,
} from '../lib/survey';
import { forget, hasAnswers, keep, loadKept, newClientKey, resolveRetry, type Kept } from '../lib/surveyOutbox';
import { useAsync } from '../lib/useAsync';
import { useSurveyMessages } from './surveyMessages';

/** How often a waiting answer is tried again when no "online" event comes. */
const RETRY_MS = 15_000;

export function SurveyPage(props: { params: Record<string, string> }) {
  const { t } = useI18n();
  const token = props.params.token ?? '';
  const info = useAsync((signal) => loadSurvey(token, signal));
  const notFound = info.status === 'error' && info.error instanceof SurveyLoadError && info.error.notFound;
  return (
    <div class="narrow-wide">
      <PageHeading>{t('survey.title')}</PageHeading>
      {info.status === 'loading' ? <Loading /> : null}
      {notFound ? (
        <p class="notice notice-error" data-testid="survey-not-found">
          {t('survey.notFound')}
        </p>
      ) : null}
      {info.status === 'error' && !notFound ? <LoadError onRetry={info.reload} /> : null}
      {info.status === 'success' ? <SurveyForm token={token} info={info.data} /> : null}
    </div>
  );
}

/** A message to show: from the catalogue (with parameters) or the server's own text. */
type Message = { key: MessageKey; params?: Params } | { text: string };

interface Problems {
  /** field → message; fields: u1…u9, gender…, comment, answers */
  fields: Record<string, Message>;
  /** a reason that is not about one field (409, 429, 404, network …) */
  general: Message | null;
}

const NO_PROBLEMS: Problems = { fields: {}, general: null };

function clientMessage(error: ClientError): Message {
  switch (error.code) {
    case 'tooFewAnswers':
      return { key: 'survey.error.tooFewAnswers', params: { min: error.min, answered: error.answered } };
    case 'commentTooLong':
      return { key: 'survey.error.commentTooLong', params: { max: error.max, length: error.length } };
    case 'commentControl':
      return { key: 'survey.error.commentControl' };
  }
}

function resultProblems(result: Exclude<SubmitResult, { kind: 'ok' } | { kind: 'alreadyReceived' }>): Problems {
  switch (result.kind) {
    case 'invalid': {
      const fields: Record<string, Message> = {};
      for (const [name, text] of Object.entries(result.fields)) fields[name] = { text };
      return { fields, general: Object.keys(fields).length === 0 ? { text: result.message } : null };
    }
    case 'invalidForm':
      return { fields: {}, general: result.message ? { text: result.message } : { key: 'survey.error.invalidForm' } };
    case 'duplicate':
      return { fields: {}, general: { key: 'survey.error.duplicate' } };
    case 'rateLimited':
      return {
        fields: {},
        general:
          result.retryAfter === null
            ? { key: 'survey.error.rateLimitedNoTime' }
            : { key: 'survey.error.rateLimited', params: { minutes: minutesToWait(result.retryAfter) } },
      };
    case 'notFound':
      return { fields: {}, general: { key: 'survey.error.notFound' } };
    case 'network':
      return { fields: {}, general: { key: 'survey.error.network' } };
    case 'unknown':
      return { fields: {}, general: { key: 'survey.error.unknown', params: { status: String(result.status) } } };
  }
}

const inputIdOf = (field: string): string => `f-${field}`;
const errorIdOf = (field: string): string => `f-${field}-error`;

function SurveyForm(props: { token: string; info: SurveyInfo }) {
  const { t } = useI18n();
  const { info, token } = props;
  const so = useSurveyMessages();
  // Answers kept on this device (a dropped network, a reload) come back; see lib/surveyOutbox.
  const [kept] = useState<Kept | null>(() => loadKept(token));
  const [state, setState] = useState<SurveyState>(() => kept?.state ?? emptyState());
  const [restored, setRestored] = useState(kept !== null && hasAnswers(kept.state));
  const [pending, setPending] = useState<Kept['pending']>(kept?.pending ?? null);
  const [replyLost, setReplyLost] = useState(kept?.replyLost ?? false);
  // The queued answer's idempotency key: the server stores it once, whatever the resends.
  const [key, setKey] = useState<Kept['key']>(kept?.key ?? null);
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  const [submitting, setSubmitting] = useState(false);
  const [accepted, setAccepted] = useState<{ commentStatus: string | null; again?: boolean } | null>(null);
  const sending = useRef(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const thanksRef = useRef<HTMLHeadingElement>(null);
  const [focusSummary, setFocusSummary] = useState(0);

  useEffect(() => {
    if (focusSummary > 0) summaryRef.current?.focus();
  }, [focusSummary]);
  useEffect(() => {
    if (accepted) thanksRef.current?.focus();
  }, [accepted]);

  // Every change is kept until the server has the answer.
  useEffect(() => {
    if (accepted) return;
    if (hasAnswers(state) || pending !== null) keep(token, { state, pending, replyLost, key });
    else forget(token);
  }, [token, state, pending, replyLost, key, accepted]);

  /** Sends the kept answer; one try at a time. A try without a reply leaves it pending. */
  async function send(payload: Record<string, string | number>, lostBefore: boolean, sentKey: string | null): Promise<void> {
    if (sending.current) return;
    sending.current = true;
    setSubmitting(true);
    const result = resolveRetry(await submitSurvey(token, payload, sentKey), lostBefore);
    sending.current = false;
    setSubmitting(false);
    if (result.kind === 'network') {
      setReplyLost(true);
      return; // stays pending: sent again when the network returns
    }
    setPending(null);
    setReplyLost(false);
    setKey(null);
    if (result.kind === 'ok' || result.kind === 'alreadyReceived') {
      forget(token);
      setAccepted(result.kind === 'ok' ? { commentStatus: result.commentStatus } : { commentStatus: null, again: true });
      return;
    }
    setProblems(resultProblems(result));
    setFocusSummary((n) => n + 1);
  }

  // While an answer waits: send it when the browser says the network is back, and every
  // RETRY_MS in case that signal never comes (captive portals, flaky mobile data).
  useEffect(() => {
    if (pending === null || accepted) return undefined;
    // Tried even when the browser says it is offline: that fails at once and shows the notice.
    const retry = (): void => void send(pending, replyLost, key);
    // At once: a new answer, or one kept from an earlier visit. A failed try sets replyLost
    // only once, so this never loops against an unreachable server.
    retry();
    window.addEventListener('online', retry);
    const timer = window.setInterval(retry, RETRY_MS);
    return () => {
      window.removeEventListener('online', retry);
      window.clearInterval(timer);
    };
  }, [pending, replyLost, key, accepted]);

  const say = (message: Message): string => ('text' in message ? message.text : t(message.key, message.params));

  /** Where a field's error sends the reader: the first radio, the select or the textarea. */
  const targetOf = (field: string): string => {
    if (field === ANSWERS_FIELD) return inputIdOf(`${firstUnanswered(info, state) ?? info.questions[0]?.field ?? 'u1'}-1`);
    if (info.questions.some((q) => q.field === field)) return inputIdOf(`${field}-1`);
    return inputIdOf(field);
  };

  async function onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (submitting) return;
    const clientErrors = validateSurvey(info, state);
    if (Object.keys(clientErrors).length > 0) {
      const fields: Record<string, Message> = {};
      for (const [field, error] of Object.entries(clientErrors)) fields[field] = clientMessage(error);
      setProblems({ fields, general: null });
      setFocusSummary((n) => n + 1);
      return;
    }
    setProblems(NO_PROBLEMS);
    setRestored(false);
    const payload = buildPayload(info, state);
    const queuedKey = newClientKey();
    keep(token, { state, pending: payload, replyLost: false, key: queuedKey });
    setReplyLost(false);
    setKey(queuedKey);
    setPending(payload);
  }

  function discard(): void {
    forget(token);
    setState(emptyState());
    setPending(null);
    setReplyLost(false);
    setKey(null);
    setRestored(false);
  }

  if (accepted) {
    return (
      <section class="thanks notice notice-info" aria-labelledby="thanks-heading" data-testid="survey-thanks">
        <h2 id="thanks-heading" tabIndex={-1} ref={thanksRef}>
          {t('survey.thanksHeading')}
        </h2>
        <p>{t('survey.thanksBody', { service: info.service.name })}</p>
        {accepted.again ? <p data-testid="survey-already-received">{so.t('alreadyReceived')}</p> : null}
        {accepted.commentStatus ? <p>{t('survey.thanksComment')}</p> : null}
        <p>
          <a href="/kinerja">{t('survey.thanksResults')}</a>
        </p>
      </section>
    );
  }

  const fieldErrors = Object.entries(problems.fields);
  const hasProblems = fieldErrors.length > 0 || problems.general !== null;
  const answered = info.questions.filter((q) => state.answers[q.field] !== undefined).length;
  const answersError = problems.fields[ANSWERS_FIELD];
  const commentError = problems.fields[COMMENT_FIELD];
  const count = commentLength(state.comment);

  return (
    <>
      <p class="survey-service" data-testid="survey-service">
        {t('survey.service', { service: info.service.name, unit: info.service.unit })}
      </p>
      {info.service.description ? <p>{info.service.description}</p> : null}
      <p>{t('survey.intro', { min: info.minAnswered })}</p>
      <p class="hint">
        <a href={`/survei/${encodeURIComponent(token)}`}>{t('survey.plainForm')}</a>
      </p>

      {restored ? (
        <div class="notice notice-info" data-testid="survey-restored">
          <p>{so.t('restored')}</p>
          <button type="button" class="button button-secondary" onClick={discard}>
            {so.t('discard')}
          </button>
        </div>
      ) : null}
      {pending !== null && replyLost ? (
        <p class="notice notice-warning" data-testid="survey-offline">
          {so.t('offline')}
        </p>
      ) : null}

      <div
        ref={summaryRef}
        tabIndex={-1}
        class={hasProblems ? 'error-summary' : 'error-summary-empty'}
        aria-labelledby={hasProblems ? 'error-summary-heading' : undefined}
        data-testid="survey-errors"
      >
        {hasProblems ? (
          <>
            <h2 id="error-summary-heading">{fieldErrors.length > 0 ? t('survey.errorSummary') : t('survey.errorGeneral')}</h2>
            {problems.general ? <p data-testid="survey-general-error">{say(problems.general)}</p> : null}
            {fieldErrors.length > 0 ? (
              <ul>
                {fieldErrors.map(([field, message]) => (
                  <li key={field}>
                    <a
                      href={`#${targetOf(field)}`}
                      onClick={(event) => {
                        event.preventDefault();
                        document.getElementById(targetOf(field))?.focus();
                      }}
                    >
                      {say(message)}
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        ) : null}
      </div>

      <form
        class="form survey-form"
        method="post"
        action={`/survei/${encodeURIComponent(token)}`}
        noValidate
        onSubmit={onSubmit}
        data-testid="survey-form"
      >
        <h2>{t('survey.questionsHeading')}</h2>
        {answersError ? (
          <p id={errorIdOf(ANSWERS_FIELD)} class="field-error">
            {say(answersError)}
          </p>
        ) : null}
        {info.questions.map((q, index) => {
          const error = problems.fields[q.field];
          const unanswered = state.answers[q.field] === undefined;
          const describedBy = [
            error ? errorIdOf(q.field) : null,
            answersError && unanswered ? errorIdOf(ANSWERS_FIELD) : null,
          ]
            .filter(Boolean)
            .join(' ');
          return (
            <fieldset key={q.field} class={error ? 'question question-invalid' : 'question'} data-testid="survey-question">
              <legend>
                <span class="q-unsur">
                  {index + 1}. {q.name} <span lang="en" class="hint-en">({q.english})</span>
                </span>
                <span class="q-text">{q.question}</span>
              </legend>
              {error ? (
                <p id={errorIdOf(q.field)} class="field-error">
                  {say(error)}
                </p>
              ) : null}
              <div class="choices">
                {q.answers.map((answer) => {
                  const id = inputIdOf(`${q.field}-${answer.value}`);
                  return (
                    <label key={answer.value} for={id} class="choice">
                      <input
                        id={id}
                        type="radio"
                        name={q.field}
                        value={String(answer.value)}
                        checked={state.answers[q.field] === answer.value}
                        aria-describedby={describedBy || undefined}
                        onChange={() =>
                          setState((s) => ({ ...s, answers: { ...s.answers, [q.field]: answer.value } }))
                        }
                      />
                      <span>{answer.label}</span>
                    </label>
                  );
                })}
              </div>
            </fieldset>
          );
        })}
        <p class="hint">
          {t('survey.answered', { answered })}
        </p>

        <fieldset class="profile">
          <legend>{t('survey.profileHeading')}</legend>
          <p class="hint">{t('survey.profileIntro')}</p>
          {info.profile.map((p) => {
            const error = problems.fields[p.field];
            return (
              <div class="field" key={p.field}>
                <label for={inputIdOf(p.field)}>
                  {p.label} <span lang="en" class="hint-en">({p.hint})</span>
                </label>
                <select
                  id={inputIdOf(p.field)}
                  name={p.field}
                  value={state.profile[p.field] ?? ''}
                  aria-invalid={error ? 'true' : undefined}
                  aria-describedby={error ? errorIdOf(p.field) : undefined}
                  onChange={(event) => {
                    const value = event.currentTarget.value;
                    setState((s) => ({ ...s, profile: { ...s.profile, [p.field]: value } }));
                  }}
                >
                  <option value="">{t('survey.profileNone')}</option>
                  {p.choices.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.label}
                    </option>
                  ))}
                </select>
                {error ? (
                  <p id={errorIdOf(p.field)} class="field-error">
                    {say(error)}
                  </p>
                ) : null}
              </div>
            );
          })}
        </fieldset>

        <div class="field">
          <label for={inputIdOf(COMMENT_FIELD)}>{t('survey.commentLabel')}</label>
          <p id="comment-hint" class="hint">
            {t('survey.commentHint')}
          </p>
          <textarea
            id={inputIdOf(COMMENT_FIELD)}
            name={COMMENT_FIELD}
            rows={5}
            maxLength={info.commentMaxLength * 2}
            aria-invalid={commentError ? 'true' : undefined}
            aria-describedby={['comment-hint', 'comment-count', commentError ? errorIdOf(COMMENT_FIELD) : null]
              .filter(Boolean)
              .join(' ')}
            value={state.comment}
            onInput={(event) => {
              const value = event.currentTarget.value;
              setState((s) => ({ ...s, comment: value }));
            }}
          />
          <p id="comment-count" class={count > info.commentMaxLength ? 'counter counter-over' : 'counter'}>
            {t('survey.commentCount', { count, max: info.commentMaxLength })}
          </p>
          {commentError ? (
            <p id={errorIdOf(COMMENT_FIELD)} class="field-error">
              {say(commentError)}
            </p>
          ) : null}
        </div>

        <div class="hp" aria-hidden="true">
          <label for="hp-field">{t('survey.honeypot')}</label>
          <input
            id="hp-field"
            type="text"
            name={info.honeypotField}
            tabIndex={-1}
            autoComplete="off"
            value={state.honeypot}
            onInput={(event) => {
              const value = event.currentTarget.value;
              setState((s) => ({ ...s, honeypot: value }));
            }}
          />
        </div>

        <div class="form-actions">
          <button type="submit" class="button button-primary" disabled={submitting} data-testid="survey-submit">
            {t('survey.submit')}
          </button>
          <span class="form-progress" role="status" data-testid="survey-progress">
            {pending !== null && replyLost && !submitting ? so.t('waiting') : submitting ? t('survey.submitting') : ''}
          </span>
        </div>
      </form>
    </>
  );
}
