/**
 * /portal/bkpsdm/tahun: appraisal years and their periods (BKPSDM). Open a year (pattern,
 * SKP deadline, realisation deadline), move the SKP deadline of an open year, close or reopen
 * (with a reason) the evaluation of a period, close a year (after a confirmation that says what it
 * means). Each action is a mutation audited by the server.
 */
import { useRef, useState } from 'preact/hooks';
import { EmptyState, PageHeading } from '../../components';
import type { Cadence } from '../../graphql/internal/types';
import { todayInstansi } from '../../lib/instansiTime';
import { runMutation, useStaffQuery, type FieldError } from '../api';
import { formatDateTime, formatDay, periodLabel, useStaffMessages } from '../messages';
import { Form, SelectField, SubmitButton, TextField, useForm } from '../ui/form';
import { QueryView } from '../ui/states';
import { HrClosePeriodDocument } from './HrClosePeriod.generated';
import { HrCloseYearDocument } from './HrCloseYear.generated';
import { HrOnly } from './HrOnly';
import { Notice, useNotice } from './Notice';
import { useHrMessages } from './hrMessages';
import { HrOpenYearDocument } from './HrOpenYear.generated';
import { HrReopenPeriodDocument } from './HrReopenPeriod.generated';
import { HrSetPlanDeadlineDocument } from './HrSetPlanDeadline.generated';
import { HrSetRealizationDueDocument } from './HrSetRealizationDue.generated';
import { HrYearsDocument, type HrYearsQuery } from './HrYears.generated';

type Year = HrYearsQuery['appraisalYears'][number];
type Period = Year['periods'][number];
const CADENCES: readonly Cadence[] = ['BULANAN', 'TRIWULAN', 'SEMESTER'];

export function YearsPage() {
  const { t } = useHrMessages();
  return (
    <HrOnly title={t('years.title')}>
      <YearsPageContent />
    </HrOnly>
  );
}

function YearsPageContent() {
  const { t } = useHrMessages();
  const query = useStaffQuery(HrYearsDocument, {});
  const [notice, setNotice] = useNotice();
  const done = (message: string) => {
    setNotice(message);
    query.reload();
  };
  return (
    <>
      <PageHeading>{t('years.title')}</PageHeading>
      <p class="lead">{t('years.lead')}</p>
      <Notice notice={notice} testId="years-notice" />
      <QueryView query={query}>
        {(data) => (
          <>
            <section class="section" aria-labelledby="years-list">
              <h2 id="years-list">{t('years.list')}</h2>
              {data.appraisalYears.length === 0 ? (
                <EmptyState testId="years-empty">
                  <p>{t('years.empty')}</p>
                </EmptyState>
              ) : (
                data.appraisalYears.map((y) => <YearCard key={`${y.id}:${y.version}`} year={y} onDone={done} onStale={query.reload} />)
              )}
            </section>
            <OpenYearForm key={nextYear(data.appraisalYears)} next={nextYear(data.appraisalYears)} onDone={done} />
          </>
        )}
      </QueryView>
    </>
  );
}

function YearCard(props: { year: Year; onDone: (message: string) => void; onStale: () => void }) {
  const { t, locale } = useHrMessages();
  const { year } = props;
  const headingId = `year-${year.year}`;
  return (
    <article class="card section" aria-labelledby={headingId} data-testid="year" data-year={year.year} data-status={year.status}>
      <h3 id={headingId}>
        {t('years.yearHeading', { year: String(year.year) })} · {t(`hr.status.${year.status}`)}
      </h3>
      <dl class="facts">
        <div>
          <dt>{t('years.cadence')}</dt>
          <dd>{t(`hr.cadence.${year.cadence}`)}</dd>
        </div>
        <div>
          <dt>{t('years.planDeadline')}</dt>
          <dd data-testid="plan-deadline" data-date={year.planDeadline}>
            {formatDay(year.planDeadline, locale)}
          </dd>
        </div>
        <div>
          <dt>{t('years.dueDays')}</dt>
          <dd>{t('years.dueDaysValue', { days: year.realizationDueDays })}</dd>
        </div>
        {year.closedAt ? (
          <div>
            <dt>{t(`hr.status.DITUTUP`)}</dt>
            <dd>{t('years.closedAt', { when: formatDateTime(year.closedAt, locale) })}</dd>
          </div>
        ) : null}
      </dl>
      <PeriodTable year={year} onDone={props.onDone} />
      {year.status === 'DIBUKA' ? <DeadlineForm year={year} onDone={props.onDone} /> : null}
      {year.status === 'DIBUKA' ? <CloseYear year={year} onDone={props.onDone} onStale={props.onStale} /> : null}
    </article>
  );
}

function PeriodTable(props: { year: Year; onDone: (message: string) => void }) {
  const { t, locale } = useHrMessages();
  const s = useStaffMessages();
  const { year } = props;
  const captionId = `periods-${year.year}`;
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-labelledby={captionId}>
      <table class="data-table" data-testid="periods">
        <caption id={captionId}>{t('years.periods', { year: String(year.year) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('years.col.period')}</th>
            <th scope="col">{t('years.col.dates')}</th>
            <th scope="col">{t('years.col.due')}</th>
            <th scope="col">{t('years.col.evaluation')}</th>
            {year.status === 'DIBUKA' ? <th scope="col">{t('years.col.action')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {year.periods.map((p) => {
            const label = periodLabel(s.t, year.cadence, p.number);
            return (
              <tr key={p.id} data-testid="period" data-number={p.number} data-closed={String(p.evaluatedAt !== null)}>
                <th scope="row">{label}</th>
                <td>
                  {formatDay(p.startDate, locale)} – {formatDay(p.endDate, locale)}
                </td>
                <td data-testid="realization-due" data-date={p.realizationDue}>
                  {formatDay(p.realizationDue, locale)}
                  {year.status === 'DIBUKA' && !p.evaluatedAt ? <DueForm year={year} period={p} label={label} onDone={props.onDone} /> : null}
                </td>
                <td>{p.evaluatedAt ? t('years.evalClosed', { when: formatDateTime(p.evaluatedAt, locale) }) : t('years.evalOpen')}</td>
                {year.status === 'DIBUKA' ? (
                  <td>
                    {p.evaluatedAt ? <ReopenPeriod period={p} label={label} onDone={props.onDone} /> : <ClosePeriod period={p} label={label} onDone={props.onDone} />}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ClosePeriod(props: { period: Period; label: string; onDone: (message: string) => void }) {
  const { t } = useHrMessages();
  const [asking, setAsking] = useState(false);
  const form = useForm({ id: `close-${props.period.id}`, initial: {}, draft: false });
  if (!asking) {
    return (
      // The accessible name starts with the visible text (WCAG 2.5.3) and names the period.
      <button type="button" class="button button-secondary button-small" data-testid="close-period" aria-label={`${t('years.closePeriod')}: ${props.label}`} onClick={() => setAsking(true)}>
        {t('years.closePeriod')}
      </button>
    );
  }
  return (
    <div data-testid="close-period-confirm">
    <Form form={form} class="action-form" onSubmit={() => runMutation(HrClosePeriodDocument, { periodId: props.period.id }, (d) => d.closePeriodEvaluation)} onSuccess={() => props.onDone(t('years.closed', { period: props.label }))}>
      <p>{t('years.closeConfirm', { period: props.label })}</p>
      <div class="button-row">
        <SubmitButton form={form}>{t('years.closePeriodName', { period: props.label })}</SubmitButton>
        <button type="button" class="button button-link" onClick={() => setAsking(false)}>
          {t('goals.cancel')}
        </button>
      </div>
    </Form>
    </div>
  );
}

/**
 * Move the realisasi deadline of one period (an open period of an open year): not before the
 * period's last day, not after the end of the next year (the server checks both and the year's
 * version, which the change raises). The agenda and reminders read the stored date.
 */
function DueForm(props: { year: Year; period: Period; label: string; onDone: (message: string) => void }) {
  const { t, locale } = useHrMessages();
  const { year, period } = props;
  const id = `due-${period.id}`;
  const latest = `${year.year + 1}-12-31`;
  const form = useForm({
    id,
    initial: { realizationDue: period.realizationDue },
    draft: false,
    validate: (v) => {
      if (!v.realizationDue) return [{ field: 'realizationDue', message: t('hr.required', { label: t('years.col.due') }), code: 'INVALID_INPUT' }];
      if (v.realizationDue < period.endDate || v.realizationDue > latest) return [{ field: 'realizationDue', message: t('years.dueOutOfRange', { first: formatDay(period.endDate, locale), last: formatDay(latest, locale) }), code: 'INVALID_INPUT' }];
      return [];
    },
  });
  return (
    <details class="due-form" data-testid="due-form">
      {/* The accessible name starts with the visible text (WCAG 2.5.3) and names the period. */}
      <summary aria-label={`${t('years.dueChange')}: ${props.label}`}>{t('years.dueChange')}</summary>
      <Form
        form={form}
        class="action-form"
        onSubmit={(v) => runMutation(HrSetRealizationDueDocument, { periodId: period.id, realizationDue: v.realizationDue, expectedVersion: year.version }, (d) => d.setRealizationDue)}
        onSuccess={() => props.onDone(t('years.dueSaved', { period: props.label }))}
      >
        <TextField
          help={t('years.help.realizationDue')}
          form={form}
          name="realizationDue"
          type="date"
          label={t('years.dueLabel', { period: props.label })}
          hint={t('years.dueHint')}
          min={period.endDate}
          max={latest}
          required
        />
        <SubmitButton form={form}>{t('years.dueSubmit')}</SubmitButton>
      </Form>
    </details>
  );
}

function ReopenPeriod(props: { period: Period; label: string; onDone: (message: string) => void }) {
  const { t } = useHrMessages();
  const form = useForm({
    id: `reopen-${props.period.id}`,
    initial: { reason: '' },
    draft: false,
    validate: (v) => (v.reason.trim() ? [] : [{ field: 'reason', message: t('hr.required', { label: t('years.reopenReason') }), code: 'INVALID_INPUT' }]),
  });
  return (
    <details data-testid="reopen-period">
      <summary aria-label={`${t('years.reopenPeriod')}: ${props.label}`}>{t('years.reopenPeriod')}</summary>
      <Form form={form} class="action-form" onSubmit={(v) => runMutation(HrReopenPeriodDocument, { periodId: props.period.id, reason: v.reason.trim() }, (d) => d.reopenPeriodEvaluation)} onSuccess={() => props.onDone(t('years.reopened', { period: props.label }))}>
        <TextField help={t('years.help.reopenReason')} form={form} name="reason" label={t('years.reopenReason')} hint={t('years.reopenHint')} maxLength={500} required />
        <SubmitButton form={form}>{t('years.reopenSubmit')}</SubmitButton>
      </Form>
    </details>
  );
}

/**
 * Closing a year, behind a modal confirmation that says what it means (no SKP or organisation goal
 * of the year can change any more; there is no reopening) and how many period evaluations are
 * still open. A refusal of the server (someone changed the year meanwhile, already closed) stays
 * in the dialog; leaving the dialog after a refusal reloads the screen so it shows the year as it is.
 */
function CloseYear(props: { year: Year; onDone: (message: string) => void; onStale: () => void }) {
  const { t } = useHrMessages();
  const { year } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const form = useForm({ id: `close-year-${year.year}`, initial: {}, draft: false });
  const titleId = `close-year-title-${year.year}`;
  const textId = `close-year-text-${year.year}`;
  const openPeriods = year.periods.filter((p) => p.evaluatedAt === null).length;
  const name = String(year.year);
  return (
    <section class="subsection" aria-labelledby={`close-year-heading-${year.year}`}>
      <h4 id={`close-year-heading-${year.year}`}>{t('years.closeYearHeading', { year: name })}</h4>
      <p class="hint">{t('years.closeYearLead')}</p>
      <button ref={opener} type="button" class="button button-secondary" data-testid="close-year"
        onClick={() => {
          if (!dialog.current) return;
          form.reset(); // a refusal of an earlier attempt no longer holds
          dialog.current.returnValue = '';
          dialog.current.showModal();
        }}
      >
        {t('years.closeYear', { year: name })}
      </button>
      <dialog
        ref={dialog}
        class="card"
        aria-labelledby={titleId}
        aria-describedby={textId}
        data-testid="close-year-dialog"
        // Cancelled or refused: back to the button that opened it (after a success the notice
        // takes focus), and after a refusal the screen reloads to show the year as it is now.
        onClose={() => {
          if (dialog.current?.returnValue !== 'closed') opener.current?.focus();
          if (form.errors.length > 0) props.onStale();
        }}
      >
        <Form
          form={form}
          labelledBy={titleId}
          onSubmit={() => runMutation(HrCloseYearDocument, { year: year.year, expectedVersion: year.version }, (d) => d.closeAppraisalYear)}
          onSuccess={() => {
            dialog.current?.close('closed');
            props.onDone(t('years.yearClosed', { year: name }));
          }}
        >
          <h2 id={titleId}>{t('years.closeYearTitle', { year: name })}</h2>
          <div id={textId}>
            <p>{t('years.closeYearText', { year: name })}</p>
            {openPeriods > 0 ? (
              <p class="notice notice-warning" data-testid="close-year-open-periods" data-count={openPeriods}>
                {t('years.closeYearOpenPeriods', { count: openPeriods, total: year.periods.length })} {t('years.closeYearOpenPeriodsRefused')}
              </p>
            ) : null}
          </div>
          <div class="toolbar">
            <SubmitButton form={form}>{t('years.closeYearConfirm', { year: name })}</SubmitButton>
            <button type="button" class="button button-secondary" data-testid="close-year-cancel" onClick={() => dialog.current?.close()}>
              {t('goals.cancel')}
            </button>
          </div>
        </Form>
      </dialog>
    </section>
  );
}

function DeadlineForm(props: { year: Year; onDone: (message: string) => void }) {
  const { t } = useHrMessages();
  const { year } = props;
  const headingId = `deadline-${year.year}`;
  const form = useForm({
    id: `deadline-${year.year}`,
    initial: { planDeadline: year.planDeadline },
    validate: (v) => (v.planDeadline ? [] : [{ field: 'planDeadline', message: t('hr.required', { label: t('years.planDeadline') }), code: 'INVALID_INPUT' }]),
  });
  return (
    <section class="subsection" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('years.deadlineForm', { year: String(year.year) })}</h4>
      <Form
        form={form}
        labelledBy={headingId}
        onSubmit={(v) => runMutation(HrSetPlanDeadlineDocument, { year: year.year, planDeadline: v.planDeadline, expectedVersion: year.version }, (d) => d.setPlanDeadline)}
        onSuccess={() => props.onDone(t('years.deadlineSaved', { year: String(year.year) }))}
      >
        <TextField help={t('years.help.planDeadline')} form={form} name="planDeadline" type="date" label={t('years.planDeadline')} hint={t('years.deadlineHint')} required />
        <SubmitButton form={form}>{t('years.deadlineSubmit')}</SubmitButton>
      </Form>
    </section>
  );
}

/** The year after the newest one opened (at least the running year). */
function nextYear(years: readonly Year[]): number {
  return years.reduce((max, y) => Math.max(max, y.year), Number(todayInstansi().slice(0, 4)) - 1) + 1;
}

function OpenYearForm(props: { next: number; onDone: (message: string) => void }) {
  const { t } = useHrMessages();
  const next = props.next;
  const initial = { year: String(next), cadence: 'BULANAN', planDeadline: `${next}-01-31`, realizationDueDays: '10' };
  const form = useForm({
    id: 'open-year',
    initial,
    validate: (v) => {
      const errors: FieldError[] = [];
      const year = Number(v.year);
      if (!/^\d{4}$/.test(v.year.trim()) || year < 2000 || year > 2100) errors.push({ field: 'year', message: t('years.badYear'), code: 'INVALID_INPUT' });
      if (!v.planDeadline) errors.push({ field: 'planDeadline', message: t('hr.required', { label: t('years.planDeadline') }), code: 'INVALID_INPUT' });
      const days = Number(v.realizationDueDays);
      if (!/^\d{1,2}$/.test(v.realizationDueDays.trim()) || days > 90) errors.push({ field: 'realizationDueDays', message: t('years.badDays'), code: 'INVALID_INPUT' });
      return errors;
    },
  });
  return (
    <section class="section card" aria-labelledby="open-year-heading" data-testid="open-year">
      <h2 id="open-year-heading">{t('years.open')}</h2>
      <p>{t('years.openLead')}</p>
      <Form
        form={form}
        labelledBy="open-year-heading"
        onSubmit={(v) =>
          runMutation(
            HrOpenYearDocument,
            { input: { year: Number(v.year), cadence: v.cadence as Cadence, planDeadline: v.planDeadline, realizationDueDays: Number(v.realizationDueDays) } },
            (d) => d.openAppraisalYear,
          )
        }
        onSuccess={(result) => {
          form.reset();
          props.onDone(t('years.opened', { year: String(result.year), count: result.periods.length }));
        }}
      >
        <TextField help={t('years.help.year')} form={form} name="year" label={t('years.openYear')} hint={t('years.openYearHint')} inputMode="numeric" maxLength={4} required />
        <SelectField help={t('years.help.cadence')} form={form} name="cadence" label={t('years.cadence')} emptyLabel={t('hr.choose')} options={CADENCES.map((c) => ({ value: c, label: t(`hr.cadence.${c}`) }))} required />
        <TextField help={t('years.help.planDeadline')} form={form} name="planDeadline" type="date" label={t('years.planDeadline')} hint={t('years.openDeadlineHint')} required />
        <TextField help={t('years.help.dueDays')} form={form} name="realizationDueDays" label={t('years.dueDays')} hint={t('years.openDueHint')} inputMode="numeric" maxLength={2} required />
        <SubmitButton form={form}>{t('years.openSubmit')}</SubmitButton>
      </Form>
    </section>
  );
}
