import { useRef, useState } from 'preact/hooks';
import { PageHeading } from '../components';
import { useI18n, type MessageKey } from '../i18n';
import { login, type LoginResult } from '../lib/auth';
import { useLocation } from 'preact-iso';
import { navigate, safeReturnPath } from '../lib/navigation';

type Failure = Extract<LoginResult, { ok: false }>;

const MESSAGE_FOR_CODE: Record<Failure['code'], MessageKey> = {
  BAD_REQUEST: 'login.errorBadRequest',
  INVALID_CREDENTIALS: 'login.errorInvalid',
  TOO_MANY_ATTEMPTS: 'login.errorTooMany',
  NETWORK: 'login.errorNetwork',
  UNKNOWN: 'login.errorUnknown',
};

type FormError = { kind: 'missing'; field: 'login' | 'password' } | { kind: 'server'; failure: Failure };

export function LoginPage() {
  const { t } = useI18n();
  const [loginName, setLoginName] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<FormError | null>(null);
  const { query } = useLocation();
  // /masuk?kembali=/portal/…: come back there after login; sesi=berakhir: the session ran out
  // (what was typed is kept as a draft); keluar=1: just signed out.
  const returnTo = safeReturnPath(query['kembali']);
  const expired = query['sesi'] === 'berakhir';
  const loggedOut = query['keluar'] === '1';
  const loginRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const message = (() => {
    if (error === null) return null;
    if (error.kind === 'missing') return t('login.errorMissing');
    const { failure } = error;
    if (failure.code === 'TOO_MANY_ATTEMPTS') {
      return failure.retryAfter === null
        ? t('login.errorTooManyNoTime')
        : t('login.errorTooMany', { seconds: failure.retryAfter });
    }
    return t(MESSAGE_FOR_CODE[failure.code]);
  })();

  async function onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (submitting) return;
    const name = loginName.trim();
    if (name === '' || password === '') {
      const field = name === '' ? 'login' : 'password';
      setError({ kind: 'missing', field });
      (field === 'login' ? loginRef : passwordRef).current?.focus();
      return;
    }
    setSubmitting(true);
    setError(null);
    const result = await login(name, password);
    if (result.ok) {
      navigate(returnTo ?? '/portal', { replace: true });
      return;
    }
    setSubmitting(false);
    setError({ kind: 'server', failure: result });
    if (result.code === 'INVALID_CREDENTIALS') {
      setPassword('');
      passwordRef.current?.focus();
    }
  }

  const invalidLogin = error !== null && (error.kind === 'server' || error.field === 'login');
  const invalidPassword = error !== null && (error.kind === 'server' || error.field === 'password');
  const describedBy = (invalid: boolean): string | undefined =>
    invalid && message !== null ? 'login-error' : undefined;

  return (
    <div class="narrow">
      <PageHeading>{t('login.title')}</PageHeading>
      {expired ? (
        <p class="notice notice-warning" role="status" data-testid="session-expired">
          {t('login.sessionExpired')}
        </p>
      ) : null}
      {loggedOut ? (
        <p class="notice notice-info" role="status">
          {t('login.loggedOut')}
        </p>
      ) : null}
      {returnTo !== null && !expired ? <p class="hint">{t('login.returnNotice')}</p> : null}
      <p>{t('login.intro')}</p>
      <div role="alert" class="alert-region">
        {message !== null ? (
          <p id="login-error" class="notice notice-error" data-testid="login-error">
            {message}
          </p>
        ) : null}
      </div>
      <form class="form" method="post" action="/auth/login" noValidate onSubmit={onSubmit}>
        <div class="field">
          <label for="login-name">{t('login.loginLabel')}</label>
          <input
            ref={loginRef}
            id="login-name"
            name="login"
            type="text"
            autoComplete="username"
            autoCapitalize="none"
            spellcheck={false}
            required
            aria-invalid={invalidLogin ? 'true' : undefined}
            aria-describedby={describedBy(invalidLogin)}
            value={loginName}
            onInput={(event) => setLoginName(event.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="login-password">{t('login.passwordLabel')}</label>
          <input
            ref={passwordRef}
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-invalid={invalidPassword ? 'true' : undefined}
            aria-describedby={describedBy(invalidPassword)}
            value={password}
            onInput={(event) => setPassword(event.currentTarget.value)}
          />
        </div>
        <div class="form-actions">
          <button type="submit" class="button button-primary" disabled={submitting}>
            {t('login.submit')}
          </button>
          <span class="form-progress" role="status">
            {submitting ? t('login.submitting') : ''}
          </span>
        </div>
      </form>
      <p>
        <a href="/">{t('login.backHome')}</a>
      </p>
    </div>
  );
}
