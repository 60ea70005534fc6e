/**
 * /portal/unit/layanan (?unit=&tahun=&layanan=<id>): the survey services (SKM, PermenPANRB
 * 14/2017) of the unit I manage: service users and IKM of the year, the link to each service's
 * printable QR poster, adding a service, and (in the panel of `layanan`) editing it, closing or
 * reopening its survey and entering a month's service user count (N).
 */
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { EmptyState, PageHeading } from '../../components';
import { runMutation, useStaffQuery, type FieldError } from '../api';
import { portalPaths } from '../paths';
import { currentYear } from '../../lib/instansiTime';
import { Form, SelectField, SubmitButton, TextField, useForm } from '../ui/form';
import { QueryView } from '../ui/states';
import { CreateSurveyServiceDocument } from './CreateSurveyService.generated';
import { useUnitMessages } from './messages';
import { pickYear, UnitNav, unitQuery, UnitScope, type UnitChoice } from './scope';
import { ServiceFiguresDocument } from './ServiceFigures.generated';
import { SetServiceUserCountDocument } from './SetServiceUserCount.generated';
import { UnitServicesDocument, type UnitServicesQuery } from './UnitServices.generated';
import { UpdateSurveyServiceDocument } from './UpdateSurveyService.generated';
import './unit.css';

type Service = UnitServicesQuery['surveyServices'][number];
const CODE = /^[A-Z0-9][A-Z0-9._-]{0,63}$/;
const MAX_USERS = 10_000_000;

export function UnitServicesPage() {
  const { t } = useUnitMessages();
  return (
    <>
      <PageHeading>{t('svc.title')}</PageHeading>
      <UnitNav current="services" />
      <UnitScope action={portalPaths.unitServices()}>{(unit) => <Services unit={unit} />}</UnitScope>
    </>
  );
}

function Services(props: { unit: UnitChoice }) {
  const { t } = useUnitMessages();
  const { query: params } = useLocation();
  const year = pickYear(props.unit.years, params['tahun'])?.year ?? currentYear();
  const query = useStaffQuery(UnitServicesDocument, { unitId: props.unit.id });
  const [notice, setNotice] = useState<string | null>(null);
  const done = (message: string) => {
    setNotice(message);
    query.reload();
  };
  return (
    <>
      <p class="lead">{t('svc.lead', { unit: props.unit.name, year: String(year) })}</p>
      <div role="status" aria-live="polite" data-testid="service-notice">
        {notice ? <p class="notice notice-info">{notice}</p> : null}
      </div>
      <section class="section" aria-labelledby="services-list">
        <h2 id="services-list">{t('svc.list')}</h2>
        <QueryView query={query}>
          {(data) => {
            const services = [...data.surveyServices].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name, 'id'));
            const selected = services.find((s) => s.id === params['layanan']) ?? null;
            if (services.length === 0) {
              return (
                <EmptyState testId="services-empty">
                  <p>{t('svc.empty')}</p>
                </EmptyState>
              );
            }
            return (
              <>
                <div class="table-scroll unit-table" tabIndex={0} role="region" aria-labelledby="services-caption">
                  <table class="data-table" data-testid="services-table">
                    <caption id="services-caption">{t('svc.caption', { year: String(year) })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('svc.col.service')}</th>
                        <th scope="col">{t('svc.col.status')}</th>
                        <th scope="col" class="num">
                          {t('svc.col.users', { year: String(year) })}
                        </th>
                        <th scope="col" class="num">
                          {t('svc.col.responses')}
                        </th>
                        <th scope="col">{t('svc.col.ikm')}</th>
                        <th scope="col">{t('svc.col.actions')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {services.map((s) => (
                        <ServiceRow key={s.id} service={s} year={year} />
                      ))}
                    </tbody>
                  </table>
                </div>
                {selected ? <EditPanel key={`${selected.id}:${selected.version}`} service={selected} year={year} onDone={done} /> : null}
              </>
            );
          }}
        </QueryView>
      </section>
      <CreateForm unitId={props.unit.id} onDone={(name) => done(t('svc.created', { name }))} />
    </>
  );
}

function ServiceRow(props: { service: Service; year: number }) {
  const { t, locale } = useUnitMessages();
  const { query: params } = useLocation();
  const { service: s } = props;
  const figures = useStaffQuery(ServiceFiguresDocument, { serviceId: s.id, year: props.year });
  const number = new Intl.NumberFormat(locale);
  const f = figures.status === 'success' ? figures.data : null;
  const users = f && f.serviceUserCounts.length > 0 ? number.format(f.serviceUserCounts.reduce((sum, c) => sum + c.users, 0)) : f ? t('svc.notFilled') : '…';
  const ikm = f?.surveyIkm;
  return (
    <tr data-testid="service-row" data-service-code={s.code} data-service-id={s.id} data-active={String(s.active)}>
      <th scope="row">
        {s.name}
        <span class="cell-kind">{s.code}</span>
      </th>
      <td>{s.active ? t('svc.active') : t('svc.inactive')}</td>
      <td class="num">{users}</td>
      <td class="num">{ikm ? number.format(ikm.responses) : '…'}</td>
      <td data-testid="service-ikm">
        {ikm === undefined ? (
          '…'
        ) : ikm.converted === null || ikm.converted === undefined ? (
          t('svc.noIkm')
        ) : (
          <>
            {new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Number(ikm.converted))} ({ikm.band} · {ikm.bandLabel})
            {ikm.sampleSufficient === false ? <span class="cell-kind">{t('svc.sampleShort', { n: ikm.requiredSample ?? 0 })}</span> : null}
          </>
        )}
      </td>
      <td>
        <div class="inline-actions">
          <a href={`${portalPaths.servicePoster(s.id)}${unitQuery(params)}`} data-testid="service-poster-link">
            {t('poster.title')}
            <span class="visually-hidden"> ({s.name})</span>
          </a>
          <a href={`${portalPaths.unitServices()}${unitQuery(params, { layanan: s.id })}`} data-testid="service-edit-link">
            {t('svc.editShort')}
            <span class="visually-hidden"> ({s.name})</span>
          </a>
        </div>
      </td>
    </tr>
  );
}

function CreateForm(props: { unitId: string; onDone: (name: string) => void }) {
  const { t } = useUnitMessages();
  const initial = { code: '', name: '', description: '' };
  const form = useForm({
    id: 'service-new',
    initial,
    validate: (v) => {
      const errors: FieldError[] = [];
      if (!CODE.test(v.code.trim().toUpperCase())) errors.push({ field: 'code', message: t('svc.codeBad'), code: 'INVALID_INPUT' });
      if (!v.name.trim()) errors.push({ field: 'name', message: t('svc.required', { label: t('svc.name') }), code: 'INVALID_INPUT' });
      else if (v.name.trim().length > 200) errors.push({ field: 'name', message: t('svc.tooLong', { label: t('svc.name'), max: 200 }), code: 'INVALID_INPUT' });
      if (v.description.trim().length > 1000) errors.push({ field: 'description', message: t('svc.tooLong', { label: t('svc.description'), max: 1000 }), code: 'INVALID_INPUT' });
      return errors;
    },
  });
  return (
    <section class="section card" aria-labelledby="service-create" data-testid="service-create">
      <h2 id="service-create">{t('svc.create')}</h2>
      <Form
        form={form}
        labelledBy="service-create"
        onSubmit={(v) =>
          runMutation(
            CreateSurveyServiceDocument,
            { input: { unitId: props.unitId, code: v.code.trim().toUpperCase(), name: v.name.trim(), description: v.description.trim() || null } },
            (d) => d.createSurveyService,
          )
        }
        onSuccess={(result) => {
          form.reset(initial);
          props.onDone(result.name);
        }}
      >
        <TextField help={t('svc.help.code')} form={form} name="code" label={t('svc.code')} hint={t('svc.codeHint')} autoComplete="off" maxLength={64} required />
        <TextField help={t('svc.help.name')} form={form} name="name" label={t('svc.name')} maxLength={200} required />
        <TextField help={t('svc.help.description')} form={form} name="description" label={t('svc.description')} multiline rows={3} />
        <SubmitButton form={form}>{t('svc.createSubmit')}</SubmitButton>
      </Form>
    </section>
  );
}

function EditPanel(props: { service: Service; year: number; onDone: (message: string) => void }) {
  const { t } = useUnitMessages();
  const { query: params } = useLocation();
  const { service: s } = props;
  const form = useForm({
    id: `service-${s.id}`,
    initial: { name: s.name, description: s.description ?? '' },
    validate: (v) => {
      const errors: FieldError[] = [];
      if (!v.name.trim()) errors.push({ field: 'name', message: t('svc.required', { label: t('svc.name') }), code: 'INVALID_INPUT' });
      else if (v.name.trim().length > 200) errors.push({ field: 'name', message: t('svc.tooLong', { label: t('svc.name'), max: 200 }), code: 'INVALID_INPUT' });
      if (v.description.trim().length > 1000) errors.push({ field: 'description', message: t('svc.tooLong', { label: t('svc.description'), max: 1000 }), code: 'INVALID_INPUT' });
      return errors;
    },
  });
  const toggle = useForm({ id: `service-active-${s.id}`, initial: {}, draft: false });
  return (
    <section class="section card" aria-labelledby="service-edit" data-testid="service-edit">
      <h2 id="service-edit">{t('svc.editTitle', { name: s.name })}</h2>
      <Form
        form={form}
        labelledBy="service-edit"
        onSubmit={(v) =>
          runMutation(
            UpdateSurveyServiceDocument,
            { input: { id: s.id, name: v.name.trim(), description: v.description.trim() || null, expectedVersion: s.version } },
            (d) => d.updateSurveyService,
          )
        }
        onSuccess={(result) => props.onDone(t('svc.saved', { name: result.name }))}
      >
        <TextField help={t('svc.help.name')} form={form} name="name" label={t('svc.name')} maxLength={200} required />
        <TextField help={t('svc.help.description')} form={form} name="description" label={t('svc.description')} multiline rows={3} />
        <SubmitButton form={form}>{t('svc.save')}</SubmitButton>
      </Form>
      <Form
        form={toggle}
        onSubmit={() => runMutation(UpdateSurveyServiceDocument, { input: { id: s.id, active: !s.active, expectedVersion: s.version } }, (d) => d.updateSurveyService)}
        onSuccess={(result) => props.onDone(t(result.active ? 'svc.activated' : 'svc.deactivated', { name: result.name }))}
      >
        <SubmitButton form={toggle}>{s.active ? t('svc.deactivate') : t('svc.activate')}</SubmitButton>
      </Form>
      <UserCountForm service={s} year={props.year} onDone={props.onDone} />
      <p>
        <a href={`${portalPaths.unitServices()}${unitQuery(params)}`}>{t('svc.close')}</a>
      </p>
    </section>
  );
}

function UserCountForm(props: { service: Service; year: number; onDone: (message: string) => void }) {
  const { t, locale } = useUnitMessages();
  const monthName = (m: number) => new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, m - 1, 1)));
  const form = useForm({
    id: `service-users-${props.service.id}`,
    initial: { month: '', users: '' },
    draft: false,
    validate: (v) => {
      const errors: FieldError[] = [];
      if (!v.month) errors.push({ field: 'month', message: t('svc.required', { label: t('svc.month') }), code: 'INVALID_INPUT' });
      const users = Number(v.users);
      if (!/^\d+$/.test(v.users.trim()) || users > MAX_USERS) errors.push({ field: 'users', message: t('svc.usersBad'), code: 'INVALID_INPUT' });
      return errors;
    },
  });
  return (
    <section aria-labelledby={`service-users-${props.service.id}-title`}>
      <h3 id={`service-users-${props.service.id}-title`}>
        {t('svc.users')} ({props.year})
      </h3>
      <p class="hint">{t('svc.usersHint')}</p>
      <Form
        form={form}
        labelledBy={`service-users-${props.service.id}-title`}
        onSubmit={(v) =>
          runMutation(
            SetServiceUserCountDocument,
            { input: { serviceId: props.service.id, year: props.year, month: Number(v.month), users: Number(v.users.trim()) } },
            (d) => d.setServiceUserCount,
          )
        }
        onSuccess={(result) => props.onDone(t('svc.usersSaved', { month: `${monthName(result.month)} ${props.year}` }))}
      >
        <SelectField help={t('svc.help.month')}
          form={form}
          name="month"
          label={t('svc.month')}
          required
          emptyLabel={t('svc.monthEmpty')}
          options={Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: monthName(i + 1) }))}
        />
        <TextField help={t('svc.help.users')} form={form} name="users" label={t('svc.usersCount')} inputMode="numeric" maxLength={9} required />
        <SubmitButton form={form}>{t('svc.usersSubmit')}</SubmitButton>
      </Form>
    </section>
  );
}
