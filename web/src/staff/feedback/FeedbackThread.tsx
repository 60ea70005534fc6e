/**
 * THE feedback thread of one RHK, IKI or realisasi (umpan balik berkelanjutan), reusable by any
 * screen: `<FeedbackThread planId={…} target="REALISASI" targetId={…} />`.
 *
 * Shows the comments oldest first with their replies, lets the reader reply or write, and, for
 * the assessor (anyone but the SKP's owner: the server allows phrases to penilai only), offers
 * the standard phrases as quick choices. Comments of others not yet read are marked "baru"
 * until the reader marks the thread read (the server keeps one marker per reader and thread).
 * Comments are never edited (the server keeps them append-only); a correction is a reply.
 */
import { useState } from 'preact/hooks';
import { runMutation, useStaffQuery, type FieldError } from '../api';
import type { FeedbackTarget } from '../../graphql/internal/types';
import { formatDateTime } from '../messages';
import { useSession } from '../session';
import { Form, SubmitButton, TextField, useErrorText, useForm } from '../ui/form';
import { QueryView } from '../ui/states';
import { AddFeedbackDocument } from './AddFeedback.generated';
import type { FeedbackFieldsFragment } from './FeedbackFields.generated';
import { MarkFeedbackReadDocument } from './MarkFeedbackRead.generated';
import { PlanFeedbackDocument, type PlanFeedbackQuery } from './PlanFeedback.generated';
import { useFeedbackMessages } from './messages';
import './feedback.css';

type Comment = FeedbackFieldsFragment;
type Phrase = PlanFeedbackQuery['feedbackPhrases'][number];

export interface FeedbackThreadProps {
  planId: string;
  target: Extract<FeedbackTarget, 'RHK' | 'IKI' | 'REALISASI'>;
  targetId: string;
}

const MAX_TEXT = 4000;

export function FeedbackThread(props: FeedbackThreadProps) {
  const { t } = useFeedbackMessages();
  const query = useStaffQuery(PlanFeedbackDocument, { planId: props.planId, target: props.target, targetId: props.targetId });
  const key = `${props.target}-${props.targetId}`;
  return (
    <section class="feedback-thread" aria-labelledby={`fb-${key}-heading`} data-testid="feedback-thread" data-target={props.target} data-target-id={props.targetId}>
      <h5 id={`fb-${key}-heading`} class="feedback-heading">
        {t('fb.heading')}
      </h5>
      <QueryView query={query} loadingLabel={t('fb.loading')}>
        {(data) => <Thread {...props} threadKey={key} initial={data.planFeedback} phrases={data.feedbackPhrases} ownerId={data.plan?.employee?.id ?? null} />}
      </QueryView>
    </section>
  );
}

function Thread(props: FeedbackThreadProps & { threadKey: string; initial: Comment[]; phrases: Phrase[]; ownerId: string | null }) {
  const { t, locale } = useFeedbackMessages();
  const { me } = useSession();
  const [comments, setComments] = useState<Comment[]>(props.initial);
  const [replyTo, setReplyTo] = useState<Comment | null>(null);
  const [marking, setMarking] = useState(false);
  const [markNote, setMarkNote] = useState<{ ok: boolean; text: string } | null>(null);
  const errorText = useErrorText();
  const myId = me.employee?.id ?? null;
  const unread = comments.filter((c) => !c.read).length;
  const markRead = async () => {
    setMarking(true);
    setMarkNote(null);
    const outcome = await runMutation(
      MarkFeedbackReadDocument,
      { planId: props.planId, target: props.target, targetId: props.targetId },
      (d) => d.markFeedbackRead,
    );
    setMarking(false);
    if (outcome.ok) {
      const upTo = Number(outcome.result.readUpTo ?? 0);
      setComments((all) => all.map((c) => (Number(c.id) <= upTo ? { ...c, read: true } : c)));
      setMarkNote({ ok: true, text: t('fb.markedRead') });
    } else {
      setMarkNote({ ok: false, text: t('fb.markFailed', { message: outcome.errors.map(errorText).join(' ') }) });
    }
  };
  const isOwner = myId !== null && myId === props.ownerId;
  const roots = comments.filter((c) => c.parentId === null || !comments.some((p) => p.id === c.parentId));
  const repliesOf = (id: string) => comments.filter((c) => c.parentId === id);
  const authorName = (c: Comment) => (c.author?.id === myId ? t('fb.you') : (c.author?.name ?? t('fb.unknownAuthor')));

  const renderComment = (c: Comment, depth: number) => (
    <li key={c.id} class={c.read ? 'feedback-item' : 'feedback-item feedback-item-unread'} data-testid="feedback-item" data-id={c.id} data-read={String(c.read)}>
      <p class="feedback-head">
        <strong>{authorName(c)}</strong> <time dateTime={c.createdAt}>{formatDateTime(c.createdAt, locale)}</time>
        {c.read ? null : <span class="badge-new">{t('fb.unread')}</span>}
      </p>
      <p class="feedback-text" lang="id">
        {c.text}
      </p>
      {depth === 0 ? (
        <button
          type="button"
          class="button button-link"
          aria-label={t('fb.replyLabel', { name: authorName(c), date: formatDateTime(c.createdAt, locale) })}
          onClick={() => {
            setReplyTo(c);
            window.setTimeout(() => document.getElementById(`fb-${props.threadKey}-text`)?.focus(), 0);
          }}
          data-testid="feedback-reply"
        >
          {t('fb.reply')}
        </button>
      ) : null}
      {repliesOf(c.id).length > 0 ? <ul class="feedback-replies">{repliesOf(c.id).map((r) => renderComment(r, depth + 1))}</ul> : null}
    </li>
  );

  return (
    <>
      {unread > 0 ? (
        <div class="feedback-unread">
          <p class="feedback-unread-count" data-testid="feedback-unread">
            {t('fb.unreadCount', { count: unread })}
          </p>
          <button type="button" class="button button-small button-secondary" disabled={marking} onClick={() => void markRead()} data-testid="feedback-mark-read">
            {t('fb.markRead')}
          </button>
        </div>
      ) : null}
      <div role={markNote && !markNote.ok ? 'alert' : 'status'}>
        {markNote ? <p class={markNote.ok ? 'notice-line' : 'field-error'}>{markNote.text}</p> : null}
      </div>
      {comments.length === 0 ? (
        <p class="hint" data-testid="feedback-empty">
          {t('fb.empty')}
        </p>
      ) : (
        <ul class="feedback-list" aria-label={t('fb.count', { count: comments.length })}>
          {roots.map((c) => renderComment(c, 0))}
        </ul>
      )}
      <FeedbackForm
        {...props}
        phrases={isOwner ? [] : props.phrases}
        replyTo={replyTo}
        replyName={replyTo ? authorName(replyTo) : ''}
        onCancelReply={() => setReplyTo(null)}
        onAdded={(c) => {
          setComments((all) => [...all, c]);
          setReplyTo(null);
        }}
      />
    </>
  );
}

function FeedbackForm(props: {
  planId: string;
  target: FeedbackThreadProps['target'];
  targetId: string;
  threadKey: string;
  phrases: Phrase[];
  replyTo: Comment | null;
  replyName: string;
  onCancelReply: () => void;
  onAdded: (c: Comment) => void;
}) {
  const { t } = useFeedbackMessages();
  const errorText = useErrorText();
  const formId = `fb-${props.threadKey}`;
  const form = useForm({
    id: formId,
    initial: { phraseId: '', text: '' },
    validate: (values): FieldError[] => {
      if (values.phraseId === '' && values.text.trim() === '') return [{ field: 'text', message: t('fb.textRequired'), code: 'INVALID_INPUT' }];
      if (values.text.length > MAX_TEXT) return [{ field: 'text', message: t('fb.textRequired'), code: 'INVALID_INPUT' }];
      return [];
    },
  });
  form.knownFields.add('phraseId');
  const chosen = props.phrases.find((p) => p.id === form.values.phraseId) ?? null;
  const headingId = `${formId}-heading`;
  const phraseErrors = form.errorsOf('phraseId');
  return (
    <div class="feedback-new">
      <p class="feedback-new-heading" id={headingId}>
        {props.replyTo ? t('fb.replyTo', { name: props.replyName }) : t('fb.new')}
      </p>
      {props.replyTo ? (
        <button type="button" class="button button-link" onClick={props.onCancelReply}>
          {t('fb.replyCancel')}
        </button>
      ) : null}
      <Form
        form={form}
        labelledBy={headingId}
        onSubmit={(values) =>
          runMutation(
            AddFeedbackDocument,
            {
              input: {
                planId: props.planId,
                target: props.target,
                targetId: props.targetId,
                parentId: props.replyTo?.id ?? null,
                phraseId: values.phraseId === '' ? null : values.phraseId,
                text: values.text.trim() === '' ? null : values.text.trim(),
              },
            },
            (d) => d.addFeedback,
          )
        }
        onSuccess={(added) => {
          form.reset();
          props.onAdded(added);
        }}
      >
        {props.phrases.length > 0 ? (
          <fieldset class="phrase-choices" aria-describedby={`${formId}-phrases-hint`}>
            <legend>{t('fb.phrases')}</legend>
            <p class="hint" id={`${formId}-phrases-hint`}>
              {t('fb.phrasesHint')}
            </p>
            {phraseErrors.length > 0 ? (
              <p class="field-error" id={`${formId}-phraseId-error`}>
                {phraseErrors.map(errorText).join(' ')}
              </p>
            ) : null}
            <ul class="phrase-list" id={`${formId}-phraseId`} tabIndex={-1}>
              {props.phrases.map((p) => (
                <li key={p.id}>
                  <button
                    type="button"
                    class="phrase-chip"
                    aria-pressed={form.values.phraseId === p.id}
                    onClick={() => form.set('phraseId', form.values.phraseId === p.id ? '' : p.id)}
                    data-testid="feedback-phrase"
                    data-phrase-id={p.id}
                    lang="id"
                  >
                    {p.text}
                  </button>
                </li>
              ))}
            </ul>
            {chosen ? (
              <p class="phrase-chosen" role="status">
                {t('fb.phraseChosen', { text: chosen.text })}{' '}
                <button type="button" class="button button-link" onClick={() => form.set('phraseId', '')}>
                  {t('fb.phraseClear')}
                </button>
              </p>
            ) : null}
          </fieldset>
        ) : null}
        <TextField help={t('fb.help.text')} form={form} name="text" label={chosen ? t('fb.textOptional') : t('fb.text')} multiline rows={3} required={chosen === null} />
        <SubmitButton form={form}>{t('fb.send')}</SubmitButton>
      </Form>
    </div>
  );
}
