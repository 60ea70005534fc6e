/** /portal/admin/akun: accounts for the system administrator — list and search, create, roles,
 * deactivate/reactivate, password reset, end sessions. Every change goes through the API's
 * mutations (audited there). */
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { EmptyState, PageHeading } from '../../components';
import type { Role } from '../../graphql/internal/types';
import { runMutation, useStaffQuery, type FieldError, type MutationOutcome } from '../api';
import { formatDateTime } from '../messages';
import { portalPaths } from '../paths';
import { Form, SubmitButton, TextField, useForm, type FormApi } from '../ui/form';
import { QueryView } from '../ui/states';
import { EmployeePicker, ManagedUnitField, employeeLabel, type Units } from './AccountLinks';
import { AccountUnitsDocument } from './AccountUnits.generated';
import { AccountsDocument, type AccountsQuery } from './Accounts.generated';
import { CreateAccountDocument } from './CreateAccount.generated';
import { RevokeSessionsDocument } from './RevokeSessions.generated';
import { UpdateAccountDocument } from './UpdateAccount.generated';
import { useAccountMessages } from './messages';
import { Help } from '../ui/help';

const PAGE_SIZE = 20;
const MIN_PASSWORD = 12;
const MAX_PASSWORD = 256;
const LOGIN = /^[a-z0-9][a-z0-9._-]{2,63}$/;
/** Roles an administrator grants here; UNIT_MANAGER and the officials also need a managed unit. */
const ROLES: readonly Role[] = ['HR_ADMIN', 'AUDITOR', 'SYSADMIN', 'UNIT_MANAGER', 'KEPALA_DAERAH', 'WAKIL_KEPALA_DAERAH'];
const UNIT_ROLES: readonly Role[] = ['UNIT_MANAGER', 'KEPALA_DAERAH', 'WAKIL_KEPALA_DAERAH'];

/** Whether the chosen roles (comma-separated form value) need a managed unit. */
function needsUnit(roles: string): boolean {
  return roles.split(',').some((r) => (UNIT_ROLES as readonly string[]).includes(r));
}
type Row = AccountsQuery['accounts']['nodes'][number];

function cursorOf(page: number): string | null {
  if (page <= 1) return null;
  return btoa(`o:${(page - 1) * PAGE_SIZE - 1}`).replace(/\+/g, '-').replace(/\//g, '_');
}

function listUrl(values: { cari?: string; hal?: number; akun?: string }): string {
  const query = new URLSearchParams();
  if (values.cari) query.set('cari', values.cari);
  if (values.hal && values.hal > 1) query.set('hal', String(values.hal));
  if (values.akun) query.set('akun', values.akun);
  const text = query.toString();
  return text ? `${portalPaths.accounts()}?${text}` : portalPaths.accounts();
}

function useRoleLabel(): (role: Role) => string {
  const { t } = useAccountMessages();
  return (role) => t(`acc.role.${role}`);
}

export function AccountsPage() {
  const { t } = useAccountMessages();
  const { query: params } = useLocation();
  const search = (params['cari'] ?? '').slice(0, 100);
  const page = Math.max(1, Number.parseInt(params['hal'] ?? '1', 10) || 1);
  const query = useStaffQuery(AccountsDocument, { search: search || null, first: PAGE_SIZE, after: cursorOf(page) });
  const unitsQuery = useStaffQuery(AccountUnitsDocument, {});
  const units: Units = unitsQuery.status === 'success' ? unitsQuery.data.units : [];
  const [notice, setNotice] = useState<string | null>(null);
  const done = (message: string) => {
    setNotice(message);
    query.reload();
  };
  return (
    <>
      <PageHeading>{t('acc.title')}</PageHeading>
      <p class="lead">{t('acc.lead')}</p>
      <div role="status" aria-live="polite" data-testid="account-notice">
        {notice ? <p class="notice notice-info">{notice}</p> : null}
      </div>
      <SearchForm search={search} />
      <section class="section" aria-labelledby="accounts-list">
        <h2 id="accounts-list">{t('acc.list')}</h2>
        <QueryView query={query}>
          {(data) => <AccountTable data={data.accounts} page={page} search={search} selected={params['akun'] ?? null} units={units} onDone={done} />}
        </QueryView>
      </section>
      <CreateForm units={units} onDone={(login) => done(t('acc.created', { login }))} />
    </>
  );
}

function SearchForm(props: { search: string }) {
  const { t } = useAccountMessages();
  const { route } = useLocation();
  return (
    <form
      class="scope-picker"
      role="search"
      aria-label={t('acc.search')}
      method="get"
      action={portalPaths.accounts()}
      key={props.search}
      onSubmit={(event) => {
        event.preventDefault();
        const text = String(new FormData(event.currentTarget).get('cari') ?? '').trim();
        route(listUrl({ cari: text }));
      }}
    >
      <label for="account-search">{t('acc.searchLabel')}</label>
      <input id="account-search" name="cari" type="search" maxLength={100} defaultValue={props.search} />
      <button type="submit" class="button button-secondary button-small" data-testid="account-search">
        {t('acc.searchButton')}
      </button>
    </form>
  );
}

function AccountTable(props: { data: AccountsQuery['accounts']; page: number; search: string; selected: string | null; units: Units; onDone: (message: string) => void }) {
  const { t, locale } = useAccountMessages();
  const roleLabel = useRoleLabel();
  const { data, page, search } = props;
  if (data.nodes.length === 0) {
    return (
      <EmptyState testId="accounts-empty">
        <p>{t('acc.empty')}</p>
      </EmptyState>
    );
  }
  const pages = Math.max(1, Math.ceil(data.totalCount / PAGE_SIZE));
  const selected = props.selected ? (data.nodes.find((n) => n.id === props.selected) ?? null) : null;
  return (
    <>
      <p data-testid="account-count" data-count={data.totalCount}>
        {t('acc.count', { count: data.totalCount })}
      </p>
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="accounts-caption">
        <table class="data-table" data-testid="accounts-table">
          <caption id="accounts-caption" class="visually-hidden">
            {t('acc.list')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('acc.col.login')}</th>
              <th scope="col">{t('acc.col.employee')}</th>
              <th scope="col">{t('acc.col.roles')}</th>
              <th scope="col">{t('acc.col.status')}</th>
              <th scope="col">{t('acc.col.lastLogin')}</th>
              <th scope="col">{t('acc.col.sessions')}</th>
              <th scope="col">{t('acc.col.manage')}</th>
            </tr>
          </thead>
          <tbody>
            {data.nodes.map((a) => (
              <tr key={a.id} data-testid="account-row" data-login={a.login} data-active={String(a.active)} data-id={a.id}>
                <th scope="row">
                  <code>{a.login}</code>
                </th>
                <td>{a.employeeName ? `${a.employeeName} (${a.employeeNip ?? ''})` : t('acc.noEmployee')}</td>
                <td>{a.roles.length > 0 ? a.roles.map(roleLabel).join(', ') : t('acc.noRoles')}</td>
                <td>{a.active ? t('acc.active') : t('acc.inactive')}</td>
                <td>{a.lastLoginAt ? formatDateTime(a.lastLoginAt, locale) : t('acc.never')}</td>
                <td>{a.openSessions}</td>
                <td>
                  <a href={listUrl({ cari: search, hal: page, akun: a.id })} aria-label={t('acc.manage', { login: a.login })} data-testid="account-manage">
                    {t('acc.col.manage')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav class="pager" aria-label={t('acc.pages')}>
        {page > 1 ? <a href={listUrl({ cari: search, hal: page - 1 })}>{t('acc.prev')}</a> : null}
        <span>{t('acc.page', { page, pages })}</span>
        {data.pageInfo.hasNextPage ? <a href={listUrl({ cari: search, hal: page + 1 })}>{t('acc.next')}</a> : null}
      </nav>
      {props.selected && selected === null ? <p class="notice notice-warning">{t('acc.notOnPage')}</p> : null}
      {selected ? <ManagePanel key={`${selected.id}:${selected.version}`} account={selected} units={props.units} closeHref={listUrl({ cari: search, hal: page })} onDone={props.onDone} /> : null}
    </>
  );
}

function RoleBoxes<V extends { roles: string }>(props: { form: FormApi<V>; idPrefix: string }) {
  const { t } = useAccountMessages();
  const roleLabel = useRoleLabel();
  const chosen = new Set(props.form.values.roles.split(',').filter(Boolean));
  const errors = props.form.errorsOf('roles' as keyof V & string);
  const errorId = `${props.idPrefix}-roles-error`;
  return (
    <fieldset class="field checkbox-group" id={props.form.fieldId('roles' as keyof V & string)} tabIndex={-1} aria-describedby={`${props.idPrefix}-roles-hint${errors.length ? ` ${errorId}` : ''}`}>
      <legend>{t('acc.roles')}</legend>
      <Help id={`${props.idPrefix}-roles-help`} topic={t('acc.roles')}>
        <p>{t('acc.help.roles')}</p>
      </Help>
      <p id={`${props.idPrefix}-roles-hint`} class="hint">
        {t('acc.rolesHint')}
      </p>
      {errors.length > 0 ? (
        <p id={errorId} class="field-error" data-testid="error-roles">
          {errors.map((e) => e.message).join(' ')}
        </p>
      ) : null}
      {ROLES.map((role) => (
        <label key={role} class="checkbox">
          <input
            type="checkbox"
            name="roles"
            value={role}
            checked={chosen.has(role)}
            data-testid={`role-${role}`}
            onChange={(event) => {
              const next = new Set(chosen);
              if (event.currentTarget.checked) next.add(role);
              else next.delete(role);
              props.form.set('roles' as keyof V & string, [...next].sort().join(','));
            }}
          />{' '}
          {roleLabel(role)}
        </label>
      ))}
    </fieldset>
  );
}

function passwordErrors(value: string, field: string, label: string, t: ReturnType<typeof useAccountMessages>['t']): FieldError[] {
  if (value.length < MIN_PASSWORD) return [{ field, message: t('acc.passwordShort', { min: String(MIN_PASSWORD) }), code: 'INVALID_INPUT' }];
  if (value.length > MAX_PASSWORD) return [{ field, message: t('acc.tooLong', { label, max: String(MAX_PASSWORD) }), code: 'INVALID_INPUT' }];
  return [];
}

function rolesOf(value: string): Role[] {
  return value.split(',').filter((r): r is Role => (ROLES as readonly string[]).includes(r));
}

const NEW_ACCOUNT = { login: '', password: '', roles: '', employeeId: '', employeeLabel: '', managedUnitId: '' };

function CreateForm(props: { units: Units; onDone: (login: string) => void }) {
  const { t } = useAccountMessages();
  const form = useForm({
    id: 'account-new',
    initial: NEW_ACCOUNT,
    draft: false,
    validate: (v) => {
      const errors: FieldError[] = [];
      const login = v.login.trim().toLowerCase();
      if (login.length > 64) errors.push({ field: 'login', message: t('acc.tooLong', { label: t('acc.login'), max: '64' }), code: 'INVALID_INPUT' });
      else if (!LOGIN.test(login)) errors.push({ field: 'login', message: t('acc.loginBad'), code: 'INVALID_INPUT' });
      errors.push(...passwordErrors(v.password, 'password', t('acc.password'), t));
      return errors;
    },
  });
  return (
    <section class="section card" aria-labelledby="account-create" data-testid="account-create">
      <h2 id="account-create">{t('acc.create')}</h2>
      <Form
        form={form}
        labelledBy="account-create"
        onSubmit={(v) =>
          runMutation(
            CreateAccountDocument,
            {
              input: {
                login: v.login.trim(),
                password: v.password,
                roles: rolesOf(v.roles),
                employeeId: v.employeeId || null,
                managedUnitId: needsUnit(v.roles) ? v.managedUnitId || null : null,
              },
            },
            (d) => d.createAccount,
          )
        }
        onSuccess={(result) => {
          form.reset(NEW_ACCOUNT);
          props.onDone(result.login);
        }}
      >
        <TextField help={t('acc.help.login')} form={form} name="login" label={t('acc.login')} hint={t('acc.loginHint')} autoComplete="off" maxLength={64} required />
        <TextField help={t('acc.help.password')} form={form} name="password" type="password" label={t('acc.password')} hint={t('acc.passwordHint')} autoComplete="new-password" required />
        <RoleBoxes form={form} idPrefix="account-new" />
        {needsUnit(form.values.roles) ? <ManagedUnitField form={form} units={props.units} /> : null}
        <EmployeePicker form={form} idPrefix="account-new" />
        <SubmitButton form={form}>{t('acc.createSubmit')}</SubmitButton>
      </Form>
    </section>
  );
}

function ManagePanel(props: { account: Row; units: Units; closeHref: string; onDone: (message: string) => void }) {
  const { t } = useAccountMessages();
  const a = props.account;
  const [busy, setBusy] = useState(false);
  const [actionErrors, setActionErrors] = useState<FieldError[]>([]);
  const rolesForm = useForm({ id: `account-roles-${a.id}`, initial: { roles: [...a.roles].sort().join(','), managedUnitId: a.managedUnitId ?? '' }, draft: false });
  const employeeForm = useForm({
    id: `account-employee-${a.id}`,
    initial: { employeeId: a.employeeId ?? '', employeeLabel: a.employeeId ? employeeLabel(a.employeeName ?? '', a.employeeNip ?? '') : '' },
    draft: false,
  });
  const resetForm = useForm({
    id: `account-password-${a.id}`,
    initial: { password: '' },
    draft: false,
    validate: (v) => passwordErrors(v.password, 'password', t('acc.newPassword'), t),
  });
  const act = async (run: () => Promise<MutationOutcome<unknown>>, message: string) => {
    setBusy(true);
    const outcome = await run();
    setBusy(false);
    if (outcome.ok) {
      setActionErrors([]);
      props.onDone(message);
    } else setActionErrors(outcome.errors);
  };
  // Keep the managed unit of a unit manager: only the roles offered here change.
  const keep = a.roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  return (
    <section class="section card" aria-labelledby="account-panel" data-testid="account-panel" data-login={a.login}>
      <h2 id="account-panel">{t('acc.panel', { login: a.login })}</h2>
      <p>
        <a href={props.closeHref}>{t('acc.close')}</a>
      </p>
      <h3 id="account-roles-title">{t('acc.rolesTitle')}</h3>
      <Form
        form={rolesForm}
        labelledBy="account-roles-title"
        onSubmit={(v) =>
          runMutation(
            UpdateAccountDocument,
            {
              input: {
                id: a.id,
                roles: [...keep, ...rolesOf(v.roles)],
                // Sent only with a role that needs it: an official's root unit stays as it is.
                ...(needsUnit(v.roles) ? { managedUnitId: v.managedUnitId || null } : {}),
                expectedVersion: a.version,
              },
            },
            (d) => d.updateAccount,
          )
        }
        onSuccess={() => props.onDone(t('acc.rolesSaved', { login: a.login }))}
      >
        <RoleBoxes form={rolesForm} idPrefix={`account-roles-${a.id}`} />
        {needsUnit(rolesForm.values.roles) ? <ManagedUnitField form={rolesForm} units={props.units} /> : null}
        <SubmitButton form={rolesForm}>{t('acc.rolesSubmit')}</SubmitButton>
      </Form>
      <h3 id="account-employee-title">{t('acc.employeeTitle')}</h3>
      <Form
        form={employeeForm}
        labelledBy="account-employee-title"
        onSubmit={(v) => runMutation(UpdateAccountDocument, { input: { id: a.id, employeeId: v.employeeId || null, expectedVersion: a.version } }, (d) => d.updateAccount)}
        onSuccess={() => props.onDone(t('acc.employeeSaved', { login: a.login }))}
      >
        <EmployeePicker form={employeeForm} idPrefix={`account-employee-${a.id}`} accountLogin={a.login} />
        <SubmitButton form={employeeForm}>{t('acc.employeeSubmit')}</SubmitButton>
      </Form>
      <h3 id="account-reset-title">{t('acc.resetTitle')}</h3>
      <Form
        form={resetForm}
        labelledBy="account-reset-title"
        onSubmit={(v) => runMutation(UpdateAccountDocument, { input: { id: a.id, password: v.password, expectedVersion: a.version } }, (d) => d.updateAccount)}
        onSuccess={() => props.onDone(t('acc.resetDone', { login: a.login }))}
      >
        <TextField help={t('acc.help.newPassword')} form={resetForm} name="password" type="password" label={t('acc.newPassword')} hint={t('acc.passwordHint')} autoComplete="new-password" required />
        <SubmitButton form={resetForm}>{t('acc.resetSubmit')}</SubmitButton>
      </Form>
      <h3>{t('acc.statusTitle')}</h3>
      <p class="hint">{t('acc.statusHint')}</p>
      {actionErrors.length > 0 ? (
        <div class="notice notice-error" role="alert" data-testid="account-action-error">
          {actionErrors.map((e, i) => (
            <p key={i} lang="id">
              {e.message}
            </p>
          ))}
        </div>
      ) : null}
      <p>
        <button
          type="button"
          class="button button-secondary"
          disabled={busy}
          data-testid={a.active ? 'account-deactivate' : 'account-reactivate'}
          onClick={() =>
            void act(
              () => runMutation(UpdateAccountDocument, { input: { id: a.id, active: !a.active, expectedVersion: a.version } }, (d) => d.updateAccount),
              a.active ? t('acc.deactivated', { login: a.login }) : t('acc.reactivated', { login: a.login }),
            )
          }
        >
          {a.active ? t('acc.deactivate') : t('acc.reactivate')}
        </button>
      </p>
      <h3>{t('acc.sessionsTitle')}</h3>
      <p class="hint">{t('acc.sessionsHint', { count: a.openSessions })}</p>
      <p>
        <button
          type="button"
          class="button button-secondary"
          disabled={busy}
          data-testid="account-revoke"
          onClick={() => void act(() => runMutation(RevokeSessionsDocument, { accountId: a.id }, (d) => d.revokeSessions), t('acc.revoked', { login: a.login }))}
        >
          {t('acc.revoke')}
        </button>
      </p>
    </section>
  );
}
