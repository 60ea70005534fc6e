/**
 * /portal/unit/komentar (?unit=&status=&dari=<cursor>): citizens' survey comments on the services
 * of the unit I manage. Waiting ones (MENUNGGU) are approved (may be published) or hidden with a
 * reason (required, audited); comments that name an officer were forwarded as internal input by
 * the server (DITERUSKAN) and can never be approved — the server refuses, the screen says why.
 * Below the comments, the unit's own texts the name/NIP screening held (HeldTexts.tsx).
 */
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { EmptyState, PageHeading } from '../../components';
import type { CommentStatus } from '../../graphql/internal/types';
import { runMutation, useStaffQuery, type FieldError } from '../api';
import { formatDateTime } from '../messages';
import { portalPaths } from '../paths';
import { Form, SelectField, SubmitButton, TextField, useForm } from '../ui/form';
import { QueryView } from '../ui/states';
import { HeldTexts } from './HeldTexts';
import { useUnitMessages } from './messages';
import { ModerateCommentDocument } from './ModerateComment.generated';
import { UnitNav, unitQuery, UnitScope, type UnitChoice } from './scope';
import { UnitCommentsDocument, type UnitCommentsQuery } from './UnitComments.generated';
import './unit.css';

type Comment = UnitCommentsQuery['surveyComments']['nodes'][number];
const STATUSES: readonly CommentStatus[] = ['MENUNGGU', 'DITERUSKAN', 'DISETUJUI', 'DITOLAK'];
const PAGE_SIZE = 20;
const MAX_REASON = 500;

export function UnitCommentsPage() {
  const { t } = useUnitMessages();
  return (
    <>
      <PageHeading>{t('mod.title')}</PageHeading>
      <UnitNav current="comments" />
      <UnitScope action={portalPaths.unitComments()}>
        {(unit) => (
          <>
            <section aria-labelledby="mod-comments" data-testid="mod-comments">
              <h2 id="mod-comments">{t('mod.tab.comments')}</h2>
              <Comments unit={unit} />
            </section>
            <section aria-labelledby="mod-held" data-testid="mod-held">
              <h2 id="mod-held">{t('mod.tab.held')}</h2>
              <p class="lead">{t('held.lead')}</p>
              <HeldTexts unit={unit} />
            </section>
          </>
        )}
      </UnitScope>
    </>
  );
}

function Comments(props: { unit: UnitChoice }) {
  const { t } = useUnitMessages();
  const { query: params, route } = useLocation();
  const status: CommentStatus = (STATUSES as readonly string[]).includes(params['status'] ?? '') ? (params['status'] as CommentStatus) : 'MENUNGGU';
  const after = params['dari'] ?? null;
  const query = useStaffQuery(UnitCommentsDocument, { unitId: props.unit.id, status, first: PAGE_SIZE, after });
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <p class="lead">{t('mod.lead', { unit: props.unit.name })}</p>
      <form
        class="scope-picker"
        method="get"
        action={portalPaths.unitComments()}
        onSubmit={(event) => {
          event.preventDefault();
          route(`${portalPaths.unitComments()}${unitQuery(params, { status: String(new FormData(event.currentTarget).get('status') ?? '') })}`);
        }}
      >
        <label for="comment-status">{t('mod.status')}</label>
        <select id="comment-status" name="status" key={status} data-testid="comment-status-filter">
          {STATUSES.map((s) => (
            <option key={s} value={s} selected={s === status}>
              {t(`mod.status.${s}`)}
            </option>
          ))}
        </select>
        <button type="submit" class="button button-secondary button-small">
          {t('unit.show')}
        </button>
      </form>
      <div role="status" aria-live="polite" data-testid="comment-notice">
        {notice ? <p class="notice notice-info">{notice}</p> : null}
      </div>
      <QueryView query={query}>
        {({ surveyComments: page }) =>
          page.nodes.length === 0 ? (
            <EmptyState testId="comments-empty">
              <p>{status === 'MENUNGGU' ? t('mod.empty.MENUNGGU') : t('mod.empty.other')}</p>
            </EmptyState>
          ) : (
            <>
              <p data-testid="comment-count" data-count={page.totalCount}>
                {t('mod.count', { count: page.totalCount })}
              </p>
              <ul class="comment-list">
                {page.nodes.map((c) => (
                  <CommentCard
                    key={`${c.id}:${c.status}`}
                    comment={c}
                    onDone={(decided) => {
                      setNotice(t('mod.done', { status: t(`mod.status.${decided}`) }));
                      query.reload();
                    }}
                  />
                ))}
              </ul>
              <nav class="pager" aria-label={t('mod.title')}>
                {after ? <a href={`${portalPaths.unitComments()}${unitQuery(params, { status })}`}>{t('mod.first')}</a> : null}
                {page.pageInfo.hasNextPage && page.pageInfo.endCursor ? (
                  <a href={`${portalPaths.unitComments()}${unitQuery(params, { status, dari: page.pageInfo.endCursor })}`}>{t('mod.more')}</a>
                ) : null}
              </nav>
            </>
          )
        }
      </QueryView>
    </>
  );
}

function CommentCard(props: { comment: Comment; onDone: (status: CommentStatus) => void }) {
  const { t, locale } = useUnitMessages();
  const c = props.comment;
  const headingId = `comment-${c.id}`;
  return (
    <li class="comment-card" data-testid="survey-comment" data-id={c.id} data-status={c.status}>
      <p id={headingId} class="hint">
        {t('mod.submitted', { date: formatDateTime(c.submittedAt, locale), service: c.serviceName })}
      </p>
      <blockquote lang="id" data-testid="comment-text">
        {c.comment}
      </blockquote>
      <p>
        <strong>{t(`mod.status.${c.status}`)}</strong>
        {c.reason ? (
          <span lang="id" data-testid="comment-reason">
            {' · '}
            {t('mod.reasonShown', { reason: c.reason })}
          </span>
        ) : null}
      </p>
      {c.status === 'MENUNGGU' ? <DecisionForm comment={c} onDone={props.onDone} /> : null}
    </li>
  );
}

function DecisionForm(props: { comment: Comment; onDone: (status: CommentStatus) => void }) {
  const { t } = useUnitMessages();
  const c = props.comment;
  const form = useForm({
    id: `moderate-${c.id}`,
    initial: { status: '', reason: '' },
    validate: (v) => {
      const errors: FieldError[] = [];
      if (!v.status) errors.push({ field: 'status', message: t('mod.chooseDecision'), code: 'INVALID_INPUT' });
      if (v.status === 'DITOLAK' && !v.reason.trim()) errors.push({ field: 'reason', message: t('mod.reasonRequired'), code: 'INVALID_INPUT' });
      if (v.reason.trim().length > MAX_REASON) errors.push({ field: 'reason', message: t('mod.reasonTooLong'), code: 'INVALID_INPUT' });
      return errors;
    },
  });
  return (
    <Form
      form={form}
      class="form form-compact"
      onSubmit={(v) =>
        runMutation(
          ModerateCommentDocument,
          { input: { id: c.id, status: v.status as CommentStatus, expectedStatus: c.status, reason: v.reason.trim() || null } },
          (d) => d.moderateSurveyComment,
        )
      }
      onSuccess={(result) => props.onDone(result.status)}
    >
      <SelectField help={t('mod.help.decision')}
        form={form}
        name="status"
        label={t('mod.decision')}
        required
        emptyLabel={t('mod.chooseDecision')}
        options={[
          { value: 'DISETUJUI', label: t('mod.approve') },
          { value: 'DITOLAK', label: t('mod.hide') },
          { value: 'DITERUSKAN', label: t('mod.forward') },
        ]}
      />
      <TextField help={t('mod.help.reason')} form={form} name="reason" label={t('mod.reason')} hint={t('mod.reasonHint')} multiline rows={2} maxLength={MAX_REASON} />
      <SubmitButton form={form}>{t('mod.submit')}</SubmitButton>
    </Form>
  );
}
